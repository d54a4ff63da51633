import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  analyzeWindow, applySnapshotChanges, buildSnapshot, computeReport, createSnapshotBuilder, customerNames, latestDataDay,
  resolveWindow, snapshotFromBuffers, snapshotToBuffers, NO_DAY, type Snapshot, type SnapshotChanges,
} from '@/lib/engine';
import type { Contact, ContactKind, Customer, Order, OrderStatus, Shop, ShopData } from '@/lib/model';
import { dayFromNumber, dayNumber } from '@/lib/model';
import { mulberry32 } from '@/lib/model/random';
import { generateShop } from '../../fixtures/generate';
import { canonicalSnapshot, expectSameSnapshot, shuffled } from './snapshot-compare';

// ---------------------------------------------------------------------------------------------
// The record store as the extension keeps it: one record per customer key / orderId (an update
// replaces it in place), contacts appended.

interface Store {
  shop: Shop;
  customers: Map<string, Customer>;
  orders: Map<string, Order>;
  contacts: Contact[];
}

function storeOf(data: ShopData): Store {
  return {
    shop: data.shop,
    customers: new Map(data.customers.map((c) => [c.customerKey, c])),
    orders: new Map(data.orders.map((o) => [o.orderId, o])),
    contacts: data.contacts.slice(),
  };
}

function applyToStore(s: Store, ch: SnapshotChanges): void {
  const ours = (r: { shopId: string }) => r.shopId === s.shop.shopId;
  for (const c of [...ch.customers.added, ...ch.customers.updated]) if (ours(c)) s.customers.set(c.customerKey, c);
  for (const o of [...ch.orders.added, ...ch.orders.updated]) if (ours(o)) s.orders.set(o.orderId, o);
  for (const c of ch.contacts.added) if (ours(c)) s.contacts.push(c);
}

/** The store's records in the order applySnapshotChanges reproduces exactly (customers by key). */
function inOrder(s: Store): ShopData {
  const customers = [...s.customers.values()].sort((a, b) => (a.customerKey < b.customerKey ? -1 : a.customerKey > b.customerKey ? 1 : 0));
  return { shop: s.shop, customers, orders: [...s.orders.values()], contacts: s.contacts.slice() };
}

/** The same records in another order. */
function shuffledData(s: Store, seed: number): ShopData {
  return {
    shop: s.shop,
    customers: shuffled([...s.customers.values()], seed),
    orders: shuffled([...s.orders.values()], seed + 1),
    contacts: shuffled(s.contacts, seed + 2),
  };
}

/** applied === rebuild: exactly for the matching record order, canonically for another, same reports and names. */
function expectRebuildEqual(applied: { snap: Snapshot; names: string[] }, s: Store, seed: number, reports = true): void {
  const data = inOrder(s);
  const rebuilt = buildSnapshot(data);
  expectSameSnapshot(applied.snap, rebuilt);
  expect(applied.names).toEqual(customerNames(rebuilt, data.customers));
  expect(canonicalSnapshot(applied.snap)).toEqual(canonicalSnapshot(buildSnapshot(shuffledData(s, seed))));
  if (!reports) return;
  const latest = latestDataDay(rebuilt, '2026-11-20');
  for (const range of [{}, { from: dayFromNumber(dayNumber(latest) - 20), to: dayFromNumber(dayNumber(latest) - 6) }]) {
    const w = resolveWindow(range, latest);
    expect(computeReport(applied.snap, w)).toEqual(computeReport(rebuilt, w));
    expect(analyzeWindow(applied.snap, w)).toEqual(analyzeWindow(rebuilt, w));
  }
}

/** Each paid order's channel and traffic in the per-customer paid index are its order's (custPaidOrder into the order columns). */
function expectPaidOrderColumns(s: Snapshot): void {
  const { custPaidOrder: order, custPaidChannel: channel, custPaidTraffic: traffic } = s;
  expect([channel.length, traffic.length]).toEqual([order.length, order.length]);
  let bad = -1;
  for (let j = 0; j < order.length && bad < 0; j++)
    if (channel[j] !== s.orderChannel[order[j]!] || traffic[j] !== s.orderTraffic[order[j]!]) bad = j;
  expect(bad === -1 ? null : { at: bad, channel: channel[bad], traffic: traffic[bad], order: order[bad] }).toBeNull();
}

// ---------------------------------------------------------------------------------------------
// Base shops and random change batches.

const KEY = (x: string) => `douyin:S1:id:${x}`;
const at = (day: number, hh = 12) => `${dayFromNumber(day)}T${String(hh).padStart(2, '0')}:34:56+08:00`;

/** A small generated shop plus keys seen only in orders / contacts (no customer record). */
function baseShop(seed: number, customers = 40): ShopData {
  const d = generateShop({ seed, platform: 'douyin', shopId: 'S1', shopName: 'x', customers, endDay: '2026-11-20', days: 60 });
  const end = dayNumber('2026-11-20');
  const orders = d.orders.slice();
  const contacts = d.contacts.slice();
  for (let g = 0; g < 3; g++) {
    orders.push({ ...orders[g % orders.length]!, orderId: `ghost-${g}`, customerKey: KEY(`ghost${g}`), placedAt: at(end - 10 - g) });
    if (g === 2) contacts.push({ shopId: 'S1', customerKey: KEY('ghost2'), at: at(end - 30), kind: 'visit' });
  }
  return { shop: d.shop, customers: d.customers, orders, contacts };
}

const STATUSES: OrderStatus[] = ['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed'];
const KINDS: ContactKind[] = ['visit', 'view', 'click', 'cart', 'order'];

interface BatchSpec {
  seed: number;
  newCustomers: number;
  updCustomers: number;
  newOrders: number;
  updOrders: number;
  contacts: number;
}

/** A change batch against the current store, driven by a seeded generator. */
function makeBatch(s: Store, spec: BatchSpec, serial: { n: number }): SnapshotChanges {
  const r = mulberry32(spec.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const end = dayNumber('2026-11-20');
  const day = () => end - 70 + Math.floor(r() * 80); // may lie after the latest day
  const stamp = (d: number) => (r() < 0.15 ? `${dayFromNumber(d)}T${r() < 0.5 ? '20' : '02'}:00:00Z` : at(d, Math.floor(r() * 24)));
  const prefixes = ['!', '0', 'A', 'ghost', 'zz', '~'];
  const newKey = () => KEY(`${pick(prefixes)}${serial.n++}`);
  const existingKeys = [...new Set([...s.customers.keys(), ...[...s.orders.values()].map((o) => o.customerKey)])];
  const anyKey = () => (r() < 0.3 ? newKey() : pick(existingKeys));
  // One name per product id (a rebuild names a key after its first order: names must agree to compare in any order).
  const productName = new Map<string, string>();
  for (const o of s.orders.values()) {
    const it = o.items[0];
    if (it?.productId) productName.set(it.productId, it.productName ?? it.productId);
  }
  const products = [...productName.keys()];
  const cities = ['杭州市', '成都市', '新城', ' 空格市 ', ''];
  const customer = (key: string): Customer => {
    const c: Customer = { customerKey: key, shopId: 'S1', nickname: r() < 0.2 ? '' : `客${serial.n++}`, tags: [] };
    if (r() < 0.4) c.buyerId = `b${serial.n++}`;
    if (r() < 0.6) c.city = pick(cities);
    if (r() < 0.5) c.province = pick(['浙江省', '新省', '四川省']);
    if (r() < 0.5) c.gender = pick(['f', 'm'] as const);
    if (r() < 0.5) c.isFan = r() < 0.5;
    if (r() < 0.4) (c.isMember = true), (c.memberLevel = pick(['V1', 'V2', `新级${serial.n % 3}`]));
    if (r() < 0.3) c.phone = r() < 0.5 ? '13800138000' : '138****8000';
    return c;
  };
  const order = (base: Order | null): Order => {
    const placed = day();
    const o: Order = base
      ? { ...base }
      : { orderId: `n${serial.n++}`, shopId: 'S1', customerKey: anyKey(), placedAt: stamp(placed), amountFen: 100, quantity: 1, items: [], channel: 'live', traffic: 'paid', status: 'paid' };
    if (!base || r() < 0.4) o.customerKey = anyKey();
    if (!base || r() < 0.5) o.status = pick(STATUSES);
    if (!base || r() < 0.3) o.amountFen = Math.floor(r() * 1e6);
    if (!base || r() < 0.3) o.placedAt = stamp(placed);
    if (r() < 0.4) o.paidAt = stamp(placed + Math.floor(r() * 3));
    else if (r() < 0.2) delete o.paidAt;
    if (!base || r() < 0.3) {
      o.channel = pick(['live', 'video', 'card', 'other'] as const);
      o.traffic = pick(['paid', 'organic', 'unknown'] as const);
    }
    if (!base || r() < 0.4) {
      const x = r();
      const pid = x < 0.5 && products.length > 0 ? pick(products) : x < 0.7 ? `NEW${serial.n++}` : undefined;
      const items = pid !== undefined ? [{ productId: pid, productName: productName.get(pid) ?? `品${pid}`, quantity: 1 }] : r() < 0.5 ? [{ productName: `名${serial.n % 4}`, quantity: 1 }] : [];
      o.items = items;
      delete o.productId;
      delete o.productName;
    }
    return o;
  };
  const ch: SnapshotChanges = { customers: { added: [], updated: [] }, orders: { added: [], updated: [] }, contacts: { added: [] } };
  // Robustness: a few records land in the "wrong" list (added but known, updated but new).
  const put = <T>(lists: { added: T[]; updated: T[] }, isNew: boolean, x: T) => ((r() < 0.15 ? !isNew : isNew) ? lists.added : lists.updated).push(x);
  for (let i = 0; i < spec.newCustomers; i++) put(ch.customers, true, customer(newKey()));
  for (let i = 0; i < spec.updCustomers; i++) {
    const k = pick(existingKeys);
    put(ch.customers, !s.customers.has(k), customer(k));
  }
  for (let i = 0; i < spec.newOrders; i++) put(ch.orders, true, order(null));
  const known = [...s.orders.values()];
  for (let i = 0; i < spec.updOrders; i++) put(ch.orders, false, order(pick(known)));
  for (let i = 0; i < spec.contacts; i++) ch.contacts.added.push({ shopId: 'S1', customerKey: anyKey(), at: stamp(day()), kind: pick(KINDS) });
  if (r() < 0.3) ch.contacts.added.push({ shopId: 'S2', customerKey: 'douyin:S2:id:x', at: at(end + 50), kind: 'visit' });
  if (r() < 0.3) ch.orders.added.push({ ...order(null), shopId: 'S2' });
  return ch;
}

const empty = (): SnapshotChanges => ({ customers: { added: [], updated: [] }, orders: { added: [], updated: [] }, contacts: { added: [] } });

function start(data: ShopData) {
  const b = createSnapshotBuilder(data.shop);
  // Customers in another order than the rebuild's: the dictionaries must not depend on it.
  for (const c of shuffled(data.customers, 99)) b.addCustomer(c);
  for (const o of data.orders) b.addOrder(o);
  for (const c of data.contacts) b.addContact(c);
  return b.finish();
}

// ---------------------------------------------------------------------------------------------

describe('applySnapshotChanges', () => {
  const end = dayNumber('2026-11-20');

  it('no changes: the same snapshot, as a fresh object', () => {
    const data = baseShop(1);
    const s = storeOf(data);
    const cur = start(data);
    const out = applySnapshotChanges(cur.snap, cur.names, empty());
    expect(out.snap).not.toBe(cur.snap);
    expectRebuildEqual(out, s, 1);
  });

  it('a new key sorting before every other shifts all indexes', () => {
    const data = baseShop(2);
    const s = storeOf(data);
    const cur = start(data);
    const ch = empty();
    ch.customers.added.push({ customerKey: KEY('!first'), shopId: 'S1', nickname: '先', tags: [], city: '新城', province: '新省', memberLevel: 'V9', isMember: true });
    ch.contacts.added.push({ shopId: 'S1', customerKey: KEY('!!zero'), at: at(end - 3), kind: 'cart' });
    applyToStore(s, ch);
    const out = applySnapshotChanges(cur.snap, cur.names, ch);
    expect(out.snap.customerKeys.slice(0, 2)).toEqual([KEY('!!zero'), KEY('!first')]);
    expect(out.snap.customerCount).toBe(cur.snap.customerCount + 2);
    expect(out.snap.cities).toContain('新城');
    expect(out.names[1]).toBe('先');
    expectRebuildEqual(out, s, 2);
  });

  it('an order moving to another customer: a key seen nowhere else disappears', () => {
    const data = baseShop(3);
    const s = storeOf(data);
    const cur = start(data);
    const ghost = data.orders.find((o) => o.orderId === 'ghost-0')!;
    const ch = empty();
    ch.orders.updated.push({ ...ghost, customerKey: KEY('!moved') });
    // ghost2 also has an explicit contact: it stays.
    ch.orders.updated.push({ ...data.orders.find((o) => o.orderId === 'ghost-2')!, customerKey: data.customers[0]!.customerKey });
    applyToStore(s, ch);
    const out = applySnapshotChanges(cur.snap, cur.names, ch);
    expect(out.snap.customerKeys).not.toContain(KEY('ghost0'));
    expect(out.snap.customerKeys).toContain(KEY('ghost2'));
    expect(out.snap.customerKeys[0]).toBe(KEY('!moved'));
    expectRebuildEqual(out, s, 3);
  });

  it('orders turning paid / refunded, paidAt appearing, new products; latestDay moving both ways', () => {
    const data = baseShop(4);
    const s = storeOf(data);
    let cur = start(data);
    const unpaid = data.orders.find((o) => o.status === 'unpaid' || o.status === 'closed') ?? data.orders[1]!;
    const paid = data.orders.find((o) => o.status === 'completed')!;
    const ch = empty();
    const placed = dayNumber(unpaid.placedAt.slice(0, 10));
    ch.orders.updated.push({ ...unpaid, status: 'paid', paidAt: at(placed + 1), items: [{ productId: 'BRAND-NEW', productName: '新品', quantity: 1 }] });
    ch.orders.updated.push({ ...paid, status: 'refunded' });
    ch.orders.added.push({ ...paid, orderId: 'late', placedAt: at(end + 5), paidAt: at(end + 6), status: 'paid' });
    applyToStore(s, ch);
    cur = applySnapshotChanges(cur.snap, cur.names, ch);
    expect(cur.snap.latestDay).toBe(end + 6);
    expect(cur.snap.productKeys).toContain('id:BRAND-NEW');
    expectRebuildEqual(cur, s, 4);
    // The latest order is corrected to an earlier day: latestDay comes back.
    const back = empty();
    back.orders.updated.push({ ...s.orders.get('late')!, placedAt: at(end - 40), paidAt: at(end - 40) });
    applyToStore(s, back);
    cur = applySnapshotChanges(cur.snap, cur.names, back);
    expect(cur.snap.latestDay).toBe(end);
    expectRebuildEqual(cur, s, 5);
  });

  it('an updated record of an unknown key is added; an added record of a known key replaces it; other shops are ignored', () => {
    const data = baseShop(5);
    const s = storeOf(data);
    const cur = start(data);
    const ch = empty();
    ch.customers.updated.push({ customerKey: KEY('0new'), shopId: 'S1', nickname: 'N', tags: [] });
    ch.customers.added.push({ ...data.customers[3]!, city: undefined, nickname: '改名' });
    ch.orders.updated.push({ ...data.orders[0]!, orderId: 'unknown-id' });
    ch.orders.added.push({ ...data.orders[1]!, amountFen: 1 });
    ch.contacts.added.push({ shopId: 'S2', customerKey: 'douyin:S2:id:q', at: at(end + 100), kind: 'visit' });
    applyToStore(s, ch);
    const out = applySnapshotChanges(cur.snap, cur.names, ch);
    expect(out.snap.orderCount).toBe(cur.snap.orderCount + 1);
    expect(out.snap.latestDay).toBe(cur.snap.latestDay);
    expectRebuildEqual(out, s, 6);
  });

  it('leaves the previous snapshot untouched and works on a snapshot read back from buffers', () => {
    const data = baseShop(6);
    const s = storeOf(data);
    const cur = start(data);
    const { header, buffers } = snapshotToBuffers(cur.snap);
    const before = snapshotToBuffers(cur.snap);
    const ch = makeBatch(s, { seed: 6, newCustomers: 3, updCustomers: 3, newOrders: 3, updOrders: 3, contacts: 5 }, { n: 0 });
    applyToStore(s, ch);
    const out = applySnapshotChanges(snapshotFromBuffers(header, buffers), cur.names, ch);
    expectRebuildEqual(out, s, 7, false);
    const after = snapshotToBuffers(cur.snap);
    expect(after.header).toEqual(before.header);
    after.buffers.forEach((b, i) => expect(new Uint8Array(b)).toEqual(new Uint8Array(before.buffers[i]!)));
  });

  it('an empty shop grows from nothing', () => {
    const s = storeOf({ shop: { shopId: 'S1', platform: 'douyin', name: 'x' }, customers: [], orders: [], contacts: [] });
    const cur = start(inOrder(s));
    expect(cur.snap.latestDay).toBe(NO_DAY);
    const ch = makeBatch(s, { seed: 8, newCustomers: 2, updCustomers: 0, newOrders: 3, updOrders: 0, contacts: 3 }, { n: 0 });
    applyToStore(s, ch);
    expectRebuildEqual(applySnapshotChanges(cur.snap, cur.names, ch), s, 8);
  });

  it('property: any sequence of batches gives the rebuild of the updated records', () => {
    const spec = fc.record({
      seed: fc.nat(),
      newCustomers: fc.nat(4),
      updCustomers: fc.nat(4),
      newOrders: fc.nat(5),
      updOrders: fc.nat(5),
      contacts: fc.nat(6),
    });
    fc.assert(
      fc.property(fc.nat(50), fc.array(spec, { minLength: 1, maxLength: 4 }), (shopSeed, batches) => {
        const data = baseShop(shopSeed + 10, 25);
        const s = storeOf(data);
        let cur = start(data);
        const serial = { n: 0 };
        batches.forEach((b, i) => {
          const ch = makeBatch(s, b, serial);
          applyToStore(s, ch);
          cur = applySnapshotChanges(cur.snap, cur.names, ch);
          expectRebuildEqual(cur, s, b.seed, i === batches.length - 1);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('property: custPaidChannel / custPaidTraffic are the paid orders\' channel and traffic, built and after any batches', () => {
    const spec = fc.record({ seed: fc.nat(), newCustomers: fc.nat(3), updCustomers: fc.nat(3), newOrders: fc.nat(6), updOrders: fc.nat(8), contacts: fc.nat(3) });
    fc.assert(
      fc.property(fc.nat(1000), fc.array(spec, { minLength: 1, maxLength: 5 }), (shopSeed, batches) => {
        const data = baseShop(shopSeed, 30);
        expectPaidOrderColumns(buildSnapshot(data));
        const s = storeOf(data);
        let cur = start(data);
        expectPaidOrderColumns(cur.snap);
        const serial = { n: 0 };
        for (const b of batches) {
          const ch = makeBatch(s, b, serial);
          applyToStore(s, ch);
          cur = applySnapshotChanges(cur.snap, cur.names, ch);
          expectPaidOrderColumns(cur.snap);
        }
      }),
      { numRuns: 60 },
    );
  });
});
