/**
 * One slice of a backup file (whole lines) read into compact columns: each record line parsed
 * once (JSON.parse) and validated once by the restore's fast readers (lib/db/fast-records), then
 * encoded as the snapshot builder encodes it (days, status, channel, product, contact kind).
 * Contact and order lines in the canonical layout are read on the bytes (scan-contact.ts,
 * scan-order.ts: exactly what the fast readers accept, else JSON.parse as above).
 * Runs on a worker thread (parse-worker.ts) or inline. Anything unusual — a line that is no
 * canonical record, a record the fast readers step aside from — is handed back as its text, for
 * the main thread's line layout and BackupChecker (the restore's exact path).
 */
import { isUtf8 } from 'node:buffer';
import { fastContact, fastCustomer, fastOrder } from '../../lib/db/fast-records';
import { keyHash } from '../../lib/db/blocks';
import { CHANNELS, CONTACT_KINDS, NO_DAY, TRAFFICS, dayNumberOfInstant } from '../../lib/engine/snapshot';
import { MAX_LINE_CHARS } from '../../lib/backup/format';
import { isPaidStatus, type Customer } from '../../lib/model';
import { scanContact, type ScannedContact } from './scan-contact';
import { scanOrder, type ScannedOrder } from './scan-order';

/** The three record kinds read fast. */
export type FastKind = 'customers' | 'orders' | 'contacts';

/** A run of lines: one for the line layout (`line`), or `n` consecutive fast records of one kind. */
export type Segment =
  | { kind: 'line'; text: string }
  | { kind: FastKind; n: number; /** every record but the last ends in a comma */ commas: boolean; lastComma: boolean };

/** What a slice gives: its segments in file order and the columns of its fast records. */
export interface ChunkResult {
  segments: Segment[];
  /** Why the fast path cannot go on (a line past the line budget), else null. */
  bad: string | null;
  customers: Customer[];
  /** Customer keys first seen by this parser, in local-id order. */
  newKeys: string[];
  /** Products first seen by this parser, in local-id order: productId, productName (null = absent). */
  newProducts: (string | null)[];
  contactCustomer: Int32Array;
  contactDay: Int32Array;
  contactKind: Uint8Array;
  orderCustomer: Int32Array;
  orderIds: string[];
  placedDay: Int32Array;
  paidDay: Int32Array;
  paid: Uint8Array;
  amountFen: Float64Array;
  channel: Uint8Array;
  traffic: Uint8Array;
  /** Local product ids, -1 when the order names no product. */
  product: Int32Array;
  customerHashes: Float64Array;
  orderHashes: Float64Array;
  /** The distinct shopIds of the fast records. */
  shopIds: string[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
const FIRST_KEY: Record<string, FastKind> = { customerKey: 'customers', orderId: 'orders', shopId: 'contacts' };

/** Parses slices in file order; keeps its own customer-key and product tables (ids local to it). */
export class ChunkParser {
  private readonly keys = new Map<string, number>();
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  private products = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  private keyId(k: string, out: string[]): number {
    let i = this.keys.get(k);
    if (i === undefined) {
      i = this.keys.size;
      this.keys.set(k, i);
      out.push(k);
    }
    return i;
  }

  private productId(pid: string | undefined, pname: string | undefined, out: (string | null)[]): number {
    if (pid === undefined && pname === undefined) return -1;
    const map = pid !== undefined ? this.byId : this.byName;
    const raw = (pid ?? pname)!;
    let i = map.get(raw);
    if (i === undefined) {
      i = this.products++;
      map.set(raw, i);
      out.push(pid ?? null, pname ?? null);
    }
    return i;
  }

  /** Reads `bytes` (whole lines; `first`: the file's first slice, whose BOM is dropped). */
  parse(bytes: Uint8Array, first: boolean): ChunkResult {
    // Lines are found and contact lines scanned in the bytes themselves (no string of the slice);
    // other lines are decoded one by one. A slice that is not valid UTF-8 is first decoded as the
    // restore decodes it (TextDecoder's replacement characters) and encoded again: valid UTF-8 of
    // the very same text.
    const buf = isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(this.decoder.decode(bytes), 'utf8');
    const len = buf.length;
    const from = first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let cap = 1;
    for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, nl + 1)) cap++;
    const r: ChunkResult = {
      segments: [], bad: null, customers: [], newKeys: [], newProducts: [],
      contactCustomer: new Int32Array(cap), contactDay: new Int32Array(cap), contactKind: new Uint8Array(cap),
      orderCustomer: new Int32Array(cap), orderIds: [], placedDay: new Int32Array(cap), paidDay: new Int32Array(cap),
      paid: new Uint8Array(cap), amountFen: new Float64Array(cap), channel: new Uint8Array(cap), traffic: new Uint8Array(cap),
      product: new Int32Array(cap), customerHashes: new Float64Array(cap), orderHashes: new Float64Array(cap), shopIds: [],
    };
    let nc = 0, no = 0, nk = 0, lastShop = '';
    const sc: ScannedContact = { shopId: '', keyStart: 0, keyEnd: 0, day: 0, kind: 0, lastDate: -1, lastDay: 0 };
    // The last customer key (records of a customer come in runs): its bytes / its text, and its id.
    let keyStart = 0, keyEnd = 0, keyText = '', keyId = -1;
    const shop = (id: string) => {
      if (id === lastShop) return;
      if (!r.shopIds.includes(id)) r.shopIds.push(id);
      lastShop = id;
    };
    const idOfText = (k: string) => {
      if (k !== keyText || keyId < 0) {
        keyId = this.keyId(k, r.newKeys);
        keyText = k;
        keyEnd = keyStart; // the bytes no longer name the last key
      }
      return keyId;
    };
    // A scanned record's key (in the bytes, valid UTF-8): compared with the last key's bytes first.
    const idOfBytes = (ks: number, ke: number) => {
      const n = ke - ks;
      let same = keyId >= 0 && keyEnd - keyStart === n;
      for (let j = n - 1; same && j >= 0; j--) same = buf[ks + j] === buf[keyStart + j];
      if (!same) {
        idOfText(buf.toString('utf8', ks, ke));
        keyStart = ks;
        keyEnd = ke;
      }
      return keyId;
    };
    const so: ScannedOrder = {
      orderId: '', shopId: '', keyStart: 0, keyEnd: 0, placedDay: 0, paidDay: 0, paid: 0, amountFen: 0, channel: 0, traffic: 0,
      productId: undefined, productName: undefined,
    };
    let seg: Extract<Segment, { n: number }> | null = null;
    for (let at = from; at <= len; ) {
      let nl = buf.indexOf(10, at);
      if (nl < 0) nl = len;
      const lineStart = at;
      at = nl + 1;
      if (nl - lineStart > MAX_LINE_CHARS) {
        r.bad = 'a line past the line budget';
        break;
      }
      // The line's body (as LineLayout trims it) by position: a scanned contact needs no string of it.
      let a = lineStart, b = nl;
      while (a < b && isSpace(buf[a]!)) a++;
      while (b > a && isSpace(buf[b - 1]!)) b--;
      if (a === b) continue;
      const comma = buf[b - 1] === 44;
      let kind: FastKind | undefined;
      let line = '';
      if (buf[a + 2] === 115 && scanContact(buf, a, comma ? b - 1 : b, lastShop, sc)) {
        kind = 'contacts';
        shop(sc.shopId);
        r.contactCustomer[nk] = idOfBytes(sc.keyStart, sc.keyEnd);
        r.contactDay[nk] = sc.day;
        r.contactKind[nk++] = sc.kind;
      } else if (buf[a + 2] === 111 && scanOrder(buf, a, comma ? b - 1 : b, lastShop, so)) {
        kind = 'orders';
        shop(so.shopId);
        r.orderCustomer[no] = idOfBytes(so.keyStart, so.keyEnd);
        r.orderIds.push(so.orderId);
        r.orderHashes[no] = keyHash(so.orderId);
        r.placedDay[no] = so.placedDay;
        r.paidDay[no] = so.paidDay;
        r.paid[no] = so.paid;
        r.amountFen[no] = so.amountFen;
        r.channel[no] = so.channel;
        r.traffic[no] = so.traffic;
        r.product[no++] = this.productId(so.productId, so.productName, r.newProducts);
      } else if (buf[a] === 123 && b - a > 1) {
        line = buf.toString('utf8', lineStart, nl);
        let c = 0, d = line.length;
        while (c < d && isSpace(line.charCodeAt(c))) c++;
        while (d > c && isSpace(line.charCodeAt(d - 1))) d--;
        const body = comma ? line.slice(c, d - 1) : line.slice(c, d);
        let v: unknown;
        try {
          v = JSON.parse(body);
        } catch {
          v = undefined;
        }
        let guess: FastKind | undefined;
        if (v !== null && typeof v === 'object') {
          for (const k in v) {
            guess = FIRST_KEY[k];
            break;
          }
        }
        if (guess === 'contacts') {
          const c = fastContact(v);
          if (c) {
            kind = guess;
            shop(c.shopId);
            r.contactCustomer[nk] = idOfText(c.customerKey);
            r.contactDay[nk] = dayNumberOfInstant(c.at);
            r.contactKind[nk++] = Math.max(0, CONTACT_KINDS.indexOf(c.kind));
          }
        } else if (guess === 'orders') {
          const o = fastOrder(v);
          if (o) {
            kind = guess;
            shop(o.shopId);
            r.orderCustomer[no] = idOfText(o.customerKey);
            r.orderIds.push(o.orderId);
            r.orderHashes[no] = keyHash(o.orderId);
            r.placedDay[no] = dayNumberOfInstant(o.placedAt);
            r.paidDay[no] = o.paidAt !== undefined ? dayNumberOfInstant(o.paidAt) : NO_DAY;
            r.paid[no] = isPaidStatus(o.status) ? 1 : 0;
            r.amountFen[no] = o.amountFen;
            r.channel[no] = Math.max(0, CHANNELS.indexOf(o.channel));
            r.traffic[no] = Math.max(0, TRAFFICS.indexOf(o.traffic));
            const item = o.items?.[0];
            r.product[no++] = this.productId(item?.productId ?? o.productId, item?.productName ?? o.productName, r.newProducts);
          }
        } else if (guess === 'customers') {
          const c = fastCustomer(v);
          if (c) {
            kind = guess;
            shop(c.shopId);
            r.customerHashes[nc++] = keyHash(c.customerKey);
            r.customers.push(c);
          }
        }
      }
      if (kind === undefined) {
        if (line === '') line = buf.toString('utf8', lineStart, nl);
        seg = null;
        r.segments.push({ kind: 'line', text: line });
        continue;
      }
      if (seg === null || seg.kind !== kind) {
        seg = { kind, n: 0, commas: true, lastComma: false };
        r.segments.push(seg);
      } else if (!seg.lastComma) seg.commas = false;
      seg.lastComma = comma;
      seg.n++;
    }
    r.contactCustomer = r.contactCustomer.slice(0, nk);
    r.contactDay = r.contactDay.slice(0, nk);
    r.contactKind = r.contactKind.slice(0, nk);
    r.orderCustomer = r.orderCustomer.slice(0, no);
    r.placedDay = r.placedDay.slice(0, no);
    r.paidDay = r.paidDay.slice(0, no);
    r.paid = r.paid.slice(0, no);
    r.amountFen = r.amountFen.slice(0, no);
    r.channel = r.channel.slice(0, no);
    r.traffic = r.traffic.slice(0, no);
    r.product = r.product.slice(0, no);
    r.customerHashes = r.customerHashes.slice(0, nc);
    r.orderHashes = r.orderHashes.slice(0, no);
    return r;
  }
}

/** The buffers of a result's typed arrays (moved, not copied, to the main thread). */
export function transferables(r: ChunkResult): ArrayBuffer[] {
  return [
    r.contactCustomer, r.contactDay, r.contactKind, r.orderCustomer, r.placedDay, r.paidDay, r.paid, r.amountFen,
    r.channel, r.traffic, r.product, r.customerHashes, r.orderHashes,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** A ChunkResult as a parse thread posts it: texts joined into one string each where they can be (one copy, not one a text). */
export type PostedChunk = Omit<ChunkResult, 'newKeys' | 'orderIds'> & { newKeys: string[] | string; orderIds: string[] | string };

const joinable = (texts: string[]) => texts.every((t) => !t.includes('\n'));

/**
 * The result made cheaper to post: key and order-id lists joined by newlines (when none holds one),
 * customers cut to the fields the snapshot reads (encodeCustomer: flags, phone, places, gender, level).
 */
export function forPosting(r: ChunkResult): PostedChunk {
  const customers = r.customers.map((c) => {
    const s = { customerKey: c.customerKey, shopId: c.shopId, nickname: '', isFan: c.isFan, isMember: c.isMember } as Customer;
    if (c.phone !== undefined) s.phone = c.phone;
    if (c.province !== undefined) s.province = c.province;
    if (c.city !== undefined) s.city = c.city;
    if (c.gender !== undefined) s.gender = c.gender;
    if (c.memberLevel !== undefined) s.memberLevel = c.memberLevel;
    return s;
  });
  return {
    ...r,
    customers,
    newKeys: r.newKeys.length > 1 && joinable(r.newKeys) ? r.newKeys.join('\n') : r.newKeys,
    orderIds: r.orderIds.length > 1 && joinable(r.orderIds) ? r.orderIds.join('\n') : r.orderIds,
  };
}

/** A posted result as the assembler takes it (see forPosting). */
export function fromPosting(p: PostedChunk): ChunkResult {
  return {
    ...p,
    newKeys: typeof p.newKeys === 'string' ? p.newKeys.split('\n') : p.newKeys,
    orderIds: typeof p.orderIds === 'string' ? p.orderIds.split('\n') : p.orderIds,
  };
}
