/**
 * `npm run bench`'s stream phase: the streaming build (createSnapshotBuilder fed record by record,
 * no records kept: what a restore does), then applySnapshotChanges of one capture batch.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { applySnapshotChanges, createSnapshotBuilder, type Snapshot } from '../../lib/engine';
import type { Contact, Customer, Order } from '../../lib/model';
import { generateShopStream } from '../../tests/fixtures/generate';
import { MemoryPeak, collect, readSnapshotFiles, timeRuns, writeSnapshotFiles } from '../bench-util';
import type { Opts } from './options';
import type { StreamResult } from './results';

/** Customers of the capture batch (half updated, half new keys); fewer in a shop with fewer customers. */
const BATCH_CUSTOMERS = 100;
/** Orders of the capture batch: three quarters new, the rest updated. */
const BATCH_ORDERS = 200;

/** Times the streaming build and one capture batch applied to its snapshot as persisted (in `dir`). */
export function phaseStream(opts: Opts, dir: string): StreamResult {
  const gen = { seed: opts.seed, platform: 'douyin' as const, shopId: 'bench-shop', shopName: '基准测试店', customers: opts.customers, endDay: opts.endDay, days: opts.days };
  // The generator alone first, so the builder's share of the streamed build can be told apart.
  let t = performance.now();
  generateShopStream(gen, { customer: () => {}, contact: () => {}, order: () => {} });
  const generateOnlyMs = performance.now() - t;
  collect();
  t = performance.now();
  const shop = { shopId: gen.shopId, platform: gen.platform, name: gen.shopName };
  const b = createSnapshotBuilder(shop);
  // A few records kept aside (not part of the timing's memory story) to make a capture batch from;
  // the first customers too, for a shop too small to give enough of the sampled ones.
  const someCustomers: Customer[] = [], firstCustomers: Customer[] = [], someOrders: Order[] = [];
  generateShopStream(gen, {
    customer: (c) => {
      b.addCustomer(c);
      if (someCustomers.length < 400 && c.customerKey.length % 3 === 0) someCustomers.push(c);
      if (firstCustomers.length < BATCH_CUSTOMERS) firstCustomers.push(c);
    },
    contact: (c) => b.addContact(c),
    order: (o) => {
      b.addOrder(o);
      if (someOrders.length < 400 && o.orderId.endsWith('7')) someOrders.push(o);
    },
  });
  const t1 = performance.now();
  let built: { snap: Snapshot; names: string[] } | null = b.finish();
  const t2 = performance.now();
  const peakRss = MemoryPeak.maxRss();
  const { orderCount: orders, contactCount: contacts } = built.snap;
  // The worker applies changes to the snapshot as persisted (flat strings, one buffer), not to the
  // generator's strings: apply to the snapshot read back from disk, as the engine phase does.
  const kept = path.join(dir, 'stream-snapshot');
  mkdirSync(kept, { recursive: true });
  writeSnapshotFiles(kept, built.snap);
  const names = built.names;
  built = null;
  collect();
  const snap = readSnapshotFiles(kept);

  const changes = captureBatch(opts.endDay, shop.shopId, topUp(someCustomers, firstCustomers), someOrders);
  collect();
  const mem = new MemoryPeak();
  // CPU time beside wall time: on a shared machine the wall time mostly measures the load.
  const applyCpuMs: number[] = [];
  const apply = timeRuns(
    opts.runs,
    () => {
      const c = process.cpuUsage();
      const out = applySnapshotChanges(snap, names, changes);
      const d = process.cpuUsage(c);
      applyCpuMs.push((d.user + d.system) / 1000);
      return out;
    },
    mem,
  );
  const { added, updated } = changes.orders;
  if (apply.last.snap.orderCount !== snap.orderCount + added.length) throw new Error('applySnapshotChanges lost orders');
  const customerCount = changes.customers.added.length + changes.customers.updated.length;
  return {
    generateOnlyMs,
    streamBuildMs: t2 - t,
    finishMs: t2 - t1,
    orders,
    contacts,
    peakRss,
    applyMs: apply.all,
    applyCpuMs,
    applyBatch: `${added.length} new + ${updated.length} updated orders, ${customerCount} customers, ${changes.contacts.added.length} contacts`,
    applyPeakRss: mem.rss, // sampled after each apply (the whole process, old and new snapshot alive)
  };
}

/** The sampled customers, topped up with the first ones when a small shop gives fewer than a batch's worth. */
function topUp(sampled: Customer[], first: Customer[]): Customer[] {
  if (sampled.length >= BATCH_CUSTOMERS) return sampled;
  const seen = new Set(sampled.map((c) => c.customerKey));
  return [...sampled, ...first.filter((c) => !seen.has(c.customerKey))].slice(0, BATCH_CUSTOMERS);
}

/**
 * One capture batch: 150 new orders + 50 updated ones (some turning refunded), their 100
 * customers (half of them new keys), 1,000 new contacts, all on the latest day — or as many
 * customers and orders as a small shop has (min(100, customers), min(200, sampled orders)).
 */
function captureBatch(endDay: string, shopId: string, someCustomers: Customer[], someOrders: Order[]) {
  const k = Math.min(BATCH_CUSTOMERS, someCustomers.length);
  if (k === 0) throw new Error('the bench shop needs at least one customer');
  const half = k >> 1;
  const day = `${endDay}T21:00:00+08:00`;
  const newKey = (i: number) => `douyin:bench-shop:id:new-${i}`;
  const batchCustomers = [
    ...someCustomers.slice(0, half).map((c) => ({ ...c, isFan: true })),
    ...someCustomers.slice(half, k).map((c, i) => ({ ...c, customerKey: newKey(i), buyerId: `new-${i}` })),
  ];
  const n = Math.min(BATCH_ORDERS, someOrders.length);
  const fresh = Math.floor((n * 3) / 4);
  const added = someOrders.slice(0, fresh).map((o, i) => ({ ...o, orderId: `new-order-${i}`, customerKey: batchCustomers[i % k]!.customerKey, placedAt: day, paidAt: day, status: 'paid' as const }));
  const updated = someOrders.slice(fresh, n).map((o, i) => ({ ...o, status: i % 2 ? ('refunded' as const) : ('completed' as const) }));
  const contactsAdded = Array.from({ length: 1000 }, (_, i): Contact => ({ shopId, customerKey: batchCustomers[i % k]!.customerKey, at: day, kind: 'visit' }));
  return {
    customers: { added: batchCustomers.slice(half), updated: batchCustomers.slice(0, half) },
    orders: { added, updated },
    contacts: { added: contactsAdded },
  };
}
