/**
 * `npx tsx scripts/bench-units.ts [--runs 5]` (also part of `npm run bench`; `--no-units` skips it there)
 *
 * The speed figures that used to be wall-clock assertions in unit tests (a busy machine made them
 * flaky, and a test must not depend on the clock): each is timed here, median of `--runs`, and
 * printed beside the figure it was held to. Nothing fails on a slow machine; a figure over its
 * budget is marked OVER.
 */
import { Window } from 'happy-dom';
import { buildTagIndex, evaluateAudience } from '../lib/audience';
import { evaluateExpression, parseExpression } from '../lib/audience/expression';
import { findCards, type CardField } from '../lib/capture/cards';
import { buildSnapshot } from '../lib/engine';
import { exportDmp, type DmpMember } from '../lib/export/dmp';
import { generateShop, generateShopStream } from '../tests/fixtures/generate';
import { EIGHT_OPERATORS, syntheticTagFlags } from '../tests/fixtures/tag-flags';
import { median, ms, textTable } from './bench-util';

interface Figure {
  what: string;
  /** Milliseconds of each run. */
  runs: number[];
  /** The budget the unit test used to assert (ms). */
  budgetMs: number;
}

async function timed(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** generateShopStream of 20,000 customers (the benchmarks' generator). */
async function generator(runs: number): Promise<Figure> {
  const opts = { seed: 7, platform: 'douyin' as const, shopId: 'shop-1', shopName: '测试旗舰店', customers: 20_000, endDay: '2026-11-20', days: 400 };
  const all = await timed(runs, () => generateShopStream(opts, { customer: () => {}, order: () => {}, contact: () => {} }));
  return { what: 'generateShopStream, 20,000 customers', runs: all, budgetMs: 10_000 };
}

/** exportDmp of 200,000 phones (SHA-256 each, 千川 preset, zipped). */
async function dmpHashing(runs: number): Promise<Figure> {
  const members: DmpMember[] = Array.from({ length: 200_000 }, (_, i) => ({ customerKey: `p${i}`, phone: String(13000000000 + i) }));
  const base = { shopId: 'S1', platform: 'douyin' as const, audienceName: '首单用户', at: '2026-11-20T10:00:00+08:00', preset: 'qianchuan' as const };
  const all = await timed(runs, () => exportDmp(members, base));
  return { what: 'exportDmp, 200,000 phones hashed (千川)', runs: all, budgetMs: 10_000 };
}

/** findCards over a 2,000-row table page with no card (the one-pass search). */
async function cardSearch(runs: number): Promise<Figure> {
  const fields = { buyers: { titles: ['支付买家数'], kind: 'count' } } satisfies Record<string, CardField>;
  const rows = Array.from({ length: 2000 }, (_, i) => `<tr><td>访客${i}</td><td>${i}</td><td>手淘搜索</td><td>商品详情页 ${i}</td><td>2026-11-20 10:00</td></tr>`).join('');
  const win = new Window();
  const document = win.document;
  document.body.innerHTML = `<div><table><thead><tr><th>访客</th><th>支付买家数</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const all = await timed(runs, () => {
    if (findCards(document as unknown as ParentNode, fields).length !== 0) throw new Error('a card was found in a table page');
  });
  await win.happyDOM.close();
  return { what: 'findCards, 2,000-row table page, no card (happy-dom)', runs: all, budgetMs: 8000 };
}

/** The tag index of a 50,000-customer shop: its build and one cached expression's evaluation. */
async function tagIndex(runs: number): Promise<Figure[]> {
  const W = { start: '2026-11-01', end: '2026-11-30' };
  const shop = generateShop({ seed: 11, platform: 'douyin', shopId: 'B', shopName: 'b', customers: 50_000, endDay: '2026-11-30', days: 120 });
  const s = buildSnapshot(shop);
  let idx = buildTagIndex(s, W, { customers: shop.customers });
  const build = await timed(runs, () => (idx = buildTagIndex(s, W, { customers: shop.customers })));
  const province = idx.tags.find((t) => t.group === 'province')!.id;
  const expr = `(tier:firstOrder 并 tier:repeat) 交 "${province}" 差 rfm:generalRetain`;
  evaluateAudience(idx, expr); // builds and caches the tags' flags
  const evaluate = await timed(runs, () => evaluateAudience(idx, expr));
  return [
    { what: `buildTagIndex, ${s.customerCount.toLocaleString('en')} customers`, runs: build, budgetMs: 3000 },
    { what: 'evaluateAudience, 4 operators, tags cached', runs: evaluate, budgetMs: 50 },
  ];
}

/** evaluateExpression of 8 operators over 200,000 customers' tag flags (warm). */
async function expression(runs: number): Promise<Figure> {
  const n = 200_000;
  const tags = syntheticTagFlags(n);
  const ast = parseExpression(EIGHT_OPERATORS);
  evaluateExpression(ast, (id) => tags[id], n); // warm-up
  const all = await timed(runs, () => evaluateExpression(ast, (id) => tags[id], n));
  return { what: 'evaluateExpression, 8 operators, 200,000 customers', runs: all, budgetMs: 50 };
}

/** Times every figure and prints the table. */
export async function benchUnits(runs: number): Promise<void> {
  const figures = [await generator(runs), await dmpHashing(runs), await cardSearch(runs), ...(await tagIndex(runs)), await expression(runs)];
  const rows = [['step', 'median', 'runs', 'budget']];
  for (const f of figures) {
    const m = median(f.runs);
    rows.push([f.what, ms(m), f.runs.map(ms).join(' / '), `${ms(f.budgetMs)}${m > f.budgetMs ? ' OVER' : ''}`]);
  }
  console.log(`\n${textTable(rows)}\n`);
}

if (process.argv[1]?.endsWith('bench-units.ts')) {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 5;
  benchUnits(Number.isInteger(runs) && runs > 0 ? runs : 5).catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
