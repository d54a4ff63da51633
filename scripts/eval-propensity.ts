/**
 * `npm run eval:propensity [-- --customers 20000 --seed 1 --platform douyin]`
 *
 * Generates a seeded shop (tests/fixtures/generate.ts), fits the propensity model (SPEC §5.3) on
 * its history up to day T = latest day − 63, then scores the later, unseen days T+7, T+14, …
 * (each with its full 7-day label window inside the data) and prints the ROC AUC next to two
 * baselines: recency of the last contact, and the contact count of the last 7 days.
 * Exits 1 when the pooled AUC is below 0.75 or not above both baselines.
 */
import { dayFromNumber } from '../lib/model';
import { buildSnapshot } from '../lib/engine/snapshot';
import { contactCount7dBaseline, evaluateScorers, fitPropensity, recencyBaseline } from '../lib/engine/propensity';
import { generateShop } from '../tests/fixtures/generate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const customers = Number(arg('customers', '20000'));
const seed = Number(arg('seed', '1'));
const platform = arg('platform', 'douyin') === 'taobao' ? 'taobao' : 'douyin';
if (!Number.isInteger(customers) || customers <= 0 || !Number.isInteger(seed)) {
  console.error('usage: eval-propensity [--customers N] [--seed S] [--platform douyin|taobao]');
  process.exit(2);
}

let t0 = performance.now();
const data = generateShop({ seed, platform, shopId: 'eval-shop', shopName: '评估店铺', customers, endDay: '2026-11-20', days: 400 });
const snap = buildSnapshot(data);
console.log(`shop: ${customers} customers, ${data.orders.length} orders, ${data.contacts.length} contacts (${Math.round(performance.now() - t0)} ms)`);

const T = snap.latestDay - 63;
t0 = performance.now();
const model = fitPropensity(snap, T);
console.log(
  `fit as of ${dayFromNumber(T)}: ${model.kind}${model.fallbackReason ? ` (${model.fallbackReason})` : ''}, ` +
    `${model.rows} rows, ${model.positives} positives, training days ${model.trainingDays.map(dayFromNumber).join(' ')} ` +
    `(${Math.round(performance.now() - t0)} ms)`,
);

const evalDays: number[] = [];
for (let t = T + 7; t + 7 <= snap.latestDay; t += 7) evalDays.push(t);
const result = evaluateScorers(snap, evalDays, { model: model.score, recency: recencyBaseline, contacts7d: contactCount7dBaseline });
const f = (v: number | null | undefined) => (v === null || v === undefined ? '  —  ' : v.toFixed(3));
console.log('\nday         population  positives  model  recency  contacts7d');
for (const d of result.days)
  console.log(`${dayFromNumber(d.day)}  ${String(d.population).padStart(10)}  ${String(d.positives).padStart(9)}  ${f(d.auc.model)}  ${f(d.auc.recency)}    ${f(d.auc.contacts7d)}`);
const { model: m, recency: r, contacts7d: c } = result.pooled;
console.log(`pooled      ${' '.repeat(22)}${f(m)}  ${f(r)}    ${f(c)}`);
const ok = m !== null && m !== undefined && m >= 0.75 && m > (r ?? 1) && m > (c ?? 1);
console.log(ok ? '\nOK: AUC ≥ 0.75 and above both baselines' : '\nFAIL: target is AUC ≥ 0.75 and above both baselines');
process.exit(ok ? 0 : 1);
