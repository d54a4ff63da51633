/**
 * The main thread's side of a fast load: the parsed slices, in file order, go through the
 * restore's line layout (every line counted, every comma checked) and into the snapshot builder —
 * fast records as column batches, anything else the restore's exact way (JSON.parse, then
 * BackupChecker, then the builder). Whatever is not plainly a valid backup throws GiveUp: the
 * caller then reads the file the restore's way, which words the refusal.
 */
import { BACKUP_ARRAYS, MAX_RECORDS, type BackupArrayName, type BackupCounts } from '../../lib/backup/format';
import { LineLayout } from '../../lib/backup/line-reader';
import { BackupChecker } from '../../lib/backup/validate-record';
import { keyHash } from '../../lib/db/blocks';
import { createColumnSnapshotBuilder, type ColumnSnapshotBuilder, type Snapshot, type SnapshotBuilderHint } from '../../lib/engine/snapshot';
import type { Contact, Customer, Order, Shop } from '../../lib/model';
import type { ChunkResult } from './parse-chunk';

/** The fast path stops: the exact path decides (and words any refusal). */
export class GiveUp extends Error {}

/** A parser's local ids → the builder's (customers) and product codes (-1 = not yet coded). */
class LocalIds {
  keys: Int32Array = new Int32Array(1024);
  nKeys = 0;
  codes: Int32Array = new Int32Array(1024).fill(-1);
  pids: (string | null)[] = [];
  pnames: (string | null)[] = [];
}

const grow = (a: Int32Array, need: number, fill?: number): Int32Array => {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  if (fill !== undefined) b.fill(fill, a.length);
  b.set(a);
  return b;
};

/** Hashes of natural keys, gathered to find a duplicate at the end. */
class Hashes {
  a = new Float64Array(1 << 16);
  n = 0;
  push(h: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = h;
  }
  pushAll(h: Float64Array): void {
    for (let i = 0; i < h.length; i++) this.push(h[i]!);
  }
  /** Whether two hashes are equal (a duplicate key, or — rarely — a collision the exact path clears). */
  anyEqual(): boolean {
    const s = this.a.subarray(0, this.n).sort();
    for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) return true;
    return false;
  }
}

/** Feeds parsed slices, in file order, into the layout, the checker and the builder. */
export class Assembler {
  private readonly checker: BackupChecker;
  private readonly layout: LineLayout;
  private builder: ColumnSnapshotBuilder | null = null;
  private readonly locals: LocalIds[] = [];
  private readonly counts = {} as Record<BackupArrayName, number>;
  private readonly customerHashes = new Hashes();
  private readonly orderHashes = new Hashes();
  private records = 0;
  /** The array a record fed by count (no text) belongs to. */
  private fastName: BackupArrayName | null = null;

  /** `hint`: the builder's columns sized up front (an estimate from the file's size: past it they grow). */
  constructor(parsers: number, hint?: SnapshotBuilderHint) {
    for (let i = 0; i < parsers; i++) this.locals.push(new LocalIds());
    for (const n of BACKUP_ARRAYS) this.counts[n] = 0;
    this.checker = new BackupChecker({ onShop: (shop) => (this.builder = createColumnSnapshotBuilder(shop, hint)) });
    this.layout = new LineLayout({
      field: (key, value) => this.checker.field(key, value),
      record: (name, index, text) => this.record(name, index, text),
    });
  }

  /** A record line the exact way (text), or one fed by count (text ''). */
  private record(name: BackupArrayName, index: number, text: string): void {
    this.counts[name] = index + 1;
    if (++this.records > MAX_RECORDS) throw new GiveUp('too many records');
    if (text === '') {
      this.fastName = name;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new GiveUp('not JSON');
    }
    const data = this.checker.record(name, index, value);
    if (data === undefined || this.checker.refused || this.builder === null) throw new GiveUp('refused record');
    if (name === 'customers') {
      this.customerHashes.push(keyHash((data as Customer).customerKey));
      this.builder.addCustomer(data as Customer);
    } else if (name === 'orders') {
      this.orderHashes.push(keyHash((data as Order).orderId));
      this.builder.addOrder(data as Order);
    } else if (name === 'contacts') this.builder.addContact(data as Contact);
  }

  /** Slice `r` of parser `p` (slices in file order). */
  add(r: ChunkResult, p: number): void {
    if (r.bad !== null) throw new GiveUp(r.bad);
    const ids = this.locals[p]!;
    try {
      this.apply(r, ids);
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      throw new GiveUp((e as Error).message); // NotLineLayout, StopReading: the exact path words them
    }
  }

  private apply(r: ChunkResult, ids: LocalIds): void {
    let nc = 0, no = 0, nk = 0;
    for (let i = 0; i < r.newProducts.length; i += 2) {
      ids.pids.push(r.newProducts[i]!);
      ids.pnames.push(r.newProducts[i + 1]!);
    }
    ids.codes = grow(ids.codes, ids.pids.length, -1);
    let keysMapped = false;
    for (const seg of r.segments) {
      if (seg.kind === 'line') {
        this.layout.feed(seg.text);
        continue;
      }
      if (!this.layout.inArray || !seg.commas || this.builder === null || this.checker.refused) throw new GiveUp('layout');
      if (!keysMapped) {
        // Keys new to the parser get builder ids (in any order: finish() renumbers by sorted key).
        if (r.shopIds.some((s) => s !== this.checker.shop?.shopId)) throw new GiveUp('a record of another shop');
        ids.keys = grow(ids.keys, ids.nKeys + r.newKeys.length);
        for (const k of r.newKeys) ids.keys[ids.nKeys++] = this.builder.customerId(k);
        keysMapped = true;
      }
      for (let j = 1; j < seg.n; j++) this.layout.feedRecord(true);
      this.layout.feedRecord(seg.lastComma);
      if (this.fastName !== seg.kind) throw new GiveUp(`${seg.kind} in ${this.fastName}`);
      const b = this.builder;
      if (seg.kind === 'contacts') {
        const cc = r.contactCustomer;
        for (let j = nk; j < nk + seg.n; j++) cc[j] = ids.keys[cc[j]!]!;
        b.addEncodedContacts(cc, r.contactDay, r.contactKind, nk, nk + seg.n);
        nk += seg.n;
      } else if (seg.kind === 'orders') {
        const oc = r.orderCustomer, pr = r.product;
        for (let j = no; j < no + seg.n; j++) {
          oc[j] = ids.keys[oc[j]!]!;
          const p = pr[j]!;
          if (p < 0) continue;
          // Products coded at their first order, in file order (as ProductDict codes them).
          let code = ids.codes[p]!;
          if (code < 0) code = ids.codes[p] = b.productCode(ids.pids[p] ?? undefined, ids.pnames[p] ?? undefined);
          pr[j] = code;
        }
        b.addEncodedOrders(
          { customer: oc, orderIds: r.orderIds, placedDay: r.placedDay, paidDay: r.paidDay, paid: r.paid, amountFen: r.amountFen, channel: r.channel, traffic: r.traffic, product: pr },
          no,
          no + seg.n,
        );
        no += seg.n;
      } else {
        for (let j = nc; j < nc + seg.n; j++) b.addCustomer(r.customers[j]!);
        nc += seg.n;
      }
    }
    this.customerHashes.pushAll(r.customerHashes);
    this.orderHashes.pushAll(r.orderHashes);
  }

  /** The end of the file: the shop, exportedAt, counts and snapshot — or GiveUp. */
  finish(): { shop: Shop; exportedAt?: string; counts: BackupCounts; snapshot: Snapshot } {
    try {
      this.layout.end();
    } catch (e) {
      throw new GiveUp((e as Error).message);
    }
    const verdict = this.checker.finish();
    if (!verdict.ok || this.builder === null) throw new GiveUp('refused');
    if (this.customerHashes.anyEqual() || this.orderHashes.anyEqual()) throw new GiveUp('a key twice');
    const t = performance.now();
    const snapshot = this.builder.finish().snap;
    if (process.env.SELLER_LENS_REPORT_TRACE) process.stderr.write(`builder finish ${(performance.now() - t).toFixed(0)} ms\n`);
    return {
      shop: verdict.shop,
      ...(verdict.exportedAt !== undefined ? { exportedAt: verdict.exportedAt } : {}),
      counts: { ...this.counts },
      snapshot,
    };
  }
}
