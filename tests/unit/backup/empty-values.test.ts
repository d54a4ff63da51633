/**
 * SPEC §2 "empty values" through every backup path (issue 11 item 1): for every optional text of
 * customers, orders (and their items) and contacts, "" / whitespace / "-" / "--" restores as
 * absent — the streaming restore (fast readers), the whole-file path (zod: report CLI, other
 * layouts) and `npm run report` alike — and never refuses the file.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_SCHEMAS, buildBackup, parseBackup, restoreShop } from '@/lib/backup';
import { fastContact, fastCustomer, fastOrder } from '@/lib/db/fast-records';
import { main as reportMain } from '../../../scripts/report';
import { freshDb } from '../db/helpers';

const SHOP = { shopId: 'E1', platform: 'douyin', name: '空值店' };
const KEY = 'douyin:E1:id:A';
/** One record of each kind with every optional text filled (a real value each). */
const full = () => ({
  customers: { customerKey: KEY, shopId: 'E1', nickname: '阿花', buyerId: 'A', phone: '13812345678', province: '四川省', city: '成都市', gender: 'f', memberLevel: 'VIP会员', tags: [] as string[] },
  orders: {
    orderId: '9001', shopId: 'E1', customerKey: KEY, placedAt: '2026-11-20T10:00:00+08:00', paidAt: '2026-11-20T10:01:00+08:00', amountFen: 2990, quantity: 1,
    productId: 'p1', productName: '围巾', items: [{ productId: 'p1', productName: '围巾', spec: '红', quantity: 1 }], channel: 'live', traffic: 'paid', status: 'shipped',
    recipientName: '花花', recipientPhone: '138****5678', province: '四川省', city: '成都市', promisedShipAt: '2026-11-22T10:00:00+08:00', shippedAt: '2026-11-21T10:00:00+08:00',
  },
  contacts: { shopId: 'E1', customerKey: KEY, at: '2026-11-20T09:00:00+08:00', kind: 'visit', channel: 'card', source: '手淘搜索', page: '商品详情页', province: '四川省', city: '成都市' },
});
/** Every optional text field of §2 for these three kinds (`items.` = the order's item). */
const FIELDS = [
  ...['buyerId', 'phone', 'province', 'city', 'gender', 'memberLevel'].map((f) => ['customers', f] as const),
  ...['paidAt', 'productId', 'productName', 'recipientName', 'recipientPhone', 'province', 'city', 'promisedShipAt', 'shippedAt', 'items.productId', 'items.spec'].map((f) => ['orders', f] as const),
  ...['channel', 'source', 'page', 'province', 'city'].map((f) => ['contacts', f] as const),
];
const BLANKS = ['', ' ', '  ', '\t', '\u3000', '-', '--', ' - '];

type Kind = 'customers' | 'orders' | 'contacts';
/** The file in seller-lens's line layout with `blanks` set (field → blank text), and the same records minified. */
function files(blanks: [Kind, string, string][]) {
  const r = full() as Record<Kind, Record<string, unknown>>;
  for (const [kind, field, blank] of blanks) {
    if (field.startsWith('items.')) (r.orders.items as Record<string, unknown>[])[0]![field.slice(6)] = blank;
    else r[kind][field] = blank;
  }
  const lines = [
    '{', '  "format": "seller-lens-backup",', '  "version": 1,', '  "exportedAt": "2026-11-21T10:00:00+08:00",', `  "shop": ${JSON.stringify(SHOP)},`,
    '  "customers": [', `    ${JSON.stringify(r.customers)}`, '  ],', '  "orders": [', `    ${JSON.stringify(r.orders)}`, '  ],',
    '  "contacts": [', `    ${JSON.stringify(r.contacts)}`, '  ]', '}', '',
  ];
  const obj = { format: 'seller-lens-backup', version: 1, exportedAt: '2026-11-21T10:00:00+08:00', shop: SHOP, customers: [r.customers], orders: [r.orders], contacts: [r.contacts] };
  return { lines: lines.join('\n'), minified: JSON.stringify(obj), records: r };
}
/** What the restored record must be: the full one without the blanked fields (an order without productName keeps its item's). */
function expected(blanks: [Kind, string, string][]) {
  const r = full() as Record<Kind, Record<string, unknown>>;
  for (const [kind, field] of blanks) {
    if (field.startsWith('items.')) delete (r.orders.items as Record<string, unknown>[])[0]![field.slice(6)];
    else delete r[kind][field];
  }
  return r;
}

const blanked = fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 6, selector: ([k, f]) => `${k}.${f}` }).chain((fields) =>
  fc.tuple(...fields.map(([k, f]) => fc.constantFrom(...BLANKS).map((b) => [k, f, b] as [Kind, string, string]))),
);

describe('empty optional texts read as absent in a backup (SPEC §2)', () => {
  it('the fast readers read every blank as absent themselves (a file of blank phones keeps the fast path)', () => {
    for (const [kind, field] of FIELDS) {
      for (const blank of BLANKS) {
        const { records } = files([[kind, field, blank]]);
        const read = { customers: fastCustomer, orders: fastOrder, contacts: fastContact }[kind](records[kind]) as Record<string, unknown> | undefined;
        expect(read, `${kind}.${field} = ${JSON.stringify(blank)}: the fast reader stepped aside`).toBeDefined();
        if (read === undefined) continue;
        // The zod path (the schemas' shared optionalText preprocess) reads it the same.
        expect(JSON.stringify(read), `${kind}.${field} = ${JSON.stringify(blank)}: fast and zod differ`).toBe(JSON.stringify(BACKUP_SCHEMAS[kind].parse(records[kind])));
        const value = field.startsWith('items.') ? (read.items as Record<string, unknown>[])[0]![field.slice(6)] : read[field];
        expect(value, `${kind}.${field} = ${JSON.stringify(blank)}`).toBeUndefined();
      }
    }
  });

  it('property: restored (line layout and minified) and parsed whole, every blank is absent and nothing is refused', async () => {
    await fc.assert(
      fc.asyncProperty(blanked, async (blanks) => {
        const want = expected(blanks);
        const { lines, minified } = files(blanks);
        for (const text of [lines, minified]) {
          const db = freshDb();
          const r = await restoreShop(db, new Blob([text]));
          expect(r.ok ? 'ok' : r.reason).toBe('ok');
          const back = await buildBackup(db, 'E1', '2026-12-01T00:00:00+08:00');
          expect({ customers: back.customers[0], orders: back.orders[0], contacts: back.contacts[0] }).toEqual(want);
          db.close();
        }
        const parsed = parseBackup(lines);
        expect(parsed.ok ? 'ok' : parsed.reason).toBe('ok');
        if (parsed.ok) expect({ customers: parsed.backup.customers[0], orders: parsed.backup.orders[0], contacts: parsed.backup.contacts[0] }).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });

  it('npm run report reads a backup with "phone": "", "city": " " and "-" (no refusal)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sl-empty-'));
    const file = path.join(dir, 'backup.json');
    writeFileSync(file, files([['customers', 'phone', ''], ['customers', 'city', ' '], ['orders', 'recipientPhone', '-'], ['contacts', 'source', '--']]).lines);
    const out: string[] = [];
    const err: string[] = [];
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(await reportMain([file])).toBe(0);
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    expect(err.join('')).toBe('');
    expect(JSON.parse(out.join(''))).toMatchObject({ format: 'seller-lens-report', shopId: 'E1' });
  });
});
