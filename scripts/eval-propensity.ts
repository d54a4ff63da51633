/**
 * `npm run eval:propensity [-- --customers 20000 --seed 1 --platform douyin]`
 *
 * Held-out evaluation of the 高潜 model (SPEC §5.3) in an ordinary stretch and in a 大促 week.
 * Generates a seeded shop WITH the 大促 season (tests/fixtures/generate.ts `promoSeason`: 430
 * days ending 2026-11-20, so the previous 双11 is in the history and the latest one has its full
 * label window), then for each scoring day t fits every scorer on data up to t only and measures
 * the ROC AUC of "pays on t+1 … t+7" over the §5.3 population at t:
 *   - 大促 week: t = 7 days before 双11 (labels on the 7 days up to and including 11-11);
 *   - ordinary weeks: four consecutive weeks with no 大促 near (one week alone is noisy at small
 *     sizes, so their rows are pooled; each week's own AUC is printed too).
 * Scorers: the model (`fitPropensity`; its self-backtest's choice is printed), a plain logistic
 * regression (`fitPlainLogistic`), the fallback heuristic, most recent contact, contacts in the
 * last 7 days. Exits 1 unless the model reaches 0.80 in the 大促 week and 0.87 in the ordinary
 * weeks and is above both baselines in both.
 */
import { dayFromNumber, dayNumber } from '../lib/model';
import { buildSnapshot, type Snapshot } from '../lib/engine/snapshot';
import { contactCount7dBaseline, fitPlainLogistic, fitPropensity, purchaseLabels, recencyBaseline, rocAuc, scoringPopulation } from '../lib/engine/propensity';
import { fallbackPropensity } from '../lib/engine/propensity-fallback';
import type { PropensityScorer } from '../lib/engine/scorer';
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

const END_DAY = '2026-11-20';
const PROMO_DAY = '2026-11-11';
/** Ordinary scoring days: labels end 10-20, a week before the 双11 warm-up (10-28) begins; 618's lull ended in June. */
const ORDINARY_DAYS = ['2026-09-22', '2026-09-29', '2026-10-06', '2026-10-13'];
const SCORERS = ['model', 'plain', 'fallback', 'recency', 'contacts7d'] as const;
type ScorerName = (typeof SCORERS)[number];
const SCORER_LABEL: Record<ScorerName, string> = {
  model: 'model (fitPropensity)',
  plain: 'plain logistic regression',
  fallback: 'fallback heuristic',
  recency: 'most recent contact',
  contacts7d: 'contacts in the last 7 days',
};

const SELECTION_KEYS = ['model', 'fallback', 'recency', 'contacts7d'] as const;
/** An AUC to three decimals, — when undefined. */
const f = (v: number | null | undefined) => (v === null || v === undefined ? '  —  ' : v.toFixed(3));

interface DayResult {
  day: number;
  population: number;
  positives: number;
  auc: Record<ScorerName, number | null>;
  chosen: string;
  backtest: string;
  fitMs: number;
}

/** Scores and labels of one held-out scoring day, appended to the pooled arrays. */
function evaluateDay(snap: Snapshot, t: number, pooled: { scores: Record<ScorerName, number[]>; labels: number[] }): DayResult {
  const started = performance.now();
  const model = fitPropensity(snap, t);
  const plain = fitPlainLogistic(snap, t);
  const fitMs = performance.now() - started;
  const scorers: Record<ScorerName, PropensityScorer | undefined> = {
    model: model.score,
    plain: plain.score,
    fallback: fallbackPropensity,
    recency: recencyBaseline,
    contacts7d: contactCount7dBaseline,
  };
  const pop = scoringPopulation(snap, t);
  const y = purchaseLabels(snap, t, pop);
  let positives = 0;
  for (const v of y) positives += v;
  const auc = {} as Record<ScorerName, number | null>;
  for (const name of SCORERS) {
    const scorer = scorers[name];
    if (!scorer) {
      auc[name] = null;
      continue;
    }
    const s = scorer(snap, t, pop);
    auc[name] = rocAuc(s, y);
    for (const v of s) pooled.scores[name].push(v);
  }
  for (const v of y) pooled.labels.push(v);
  const sel = model.selection;
  const chosen = sel ? sel.chosen : `${model.kind} (no self-backtest)`;
  const backtest = sel ? SELECTION_KEYS.map((k) => `${k} ${f(sel.auc[k])}`).join(', ') : '—';
  return { day: t, population: pop.length, positives, auc, chosen, backtest, fitMs };
}


/** Prints one table (per scoring day, then pooled when there are several) and returns the pooled AUCs. */
function table(title: string, snap: Snapshot, days: number[]): Record<ScorerName, number | null> {
  const pooled = { scores: Object.fromEntries(SCORERS.map((n) => [n, [] as number[]])) as Record<ScorerName, number[]>, labels: [] as number[] };
  const results = days.map((t) => evaluateDay(snap, t, pooled));
  const pooledAuc = {} as Record<ScorerName, number | null>;
  for (const name of SCORERS) pooledAuc[name] = pooled.scores[name].length === pooled.labels.length ? rocAuc(pooled.scores[name], pooled.labels) : null;
  console.log(`\n${title}`);
  for (const r of results) {
    console.log(
      `  scoring day ${dayFromNumber(r.day)} (labels ${dayFromNumber(r.day + 1)} … ${dayFromNumber(r.day + 7)}): ` +
        `population ${r.population}, positives ${r.positives}; self-backtest chose ${r.chosen} [${r.backtest}] (fits ${Math.round(r.fitMs)} ms)`,
    );
  }
  const header = results.length > 1 ? `${results.map((r) => dayFromNumber(r.day).slice(5).padStart(7)).join('')}   pooled` : '    AUC';
  console.log(`  ${'scorer'.padEnd(30)}${header}`);
  for (const name of SCORERS) {
    const perDay = results.length > 1 ? results.map((r) => f(r.auc[name]).padStart(7)).join('') + '  ' : '  ';
    console.log(`  ${SCORER_LABEL[name].padEnd(30)}${perDay}${f(pooledAuc[name]).padStart(5)}`);
  }
  if (results.length > 1) {
    const pop = results.reduce((s, r) => s + r.population, 0), pos = results.reduce((s, r) => s + r.positives, 0);
    console.log(`  pooled over ${results.length} weeks: ${pop} rows, ${pos} positives (one week alone is noisy)`);
  }
  return pooledAuc;
}

let t0 = performance.now();
const data = generateShop({ seed, platform, shopId: 'eval-shop', shopName: '评估店铺', customers, endDay: END_DAY, days: 430, promoSeason: true });
const snap = buildSnapshot(data);
console.log(
  `shop: ${platform}, seed ${seed}, ${customers} customers, ${data.orders.length} orders, ${data.contacts.length} contacts, ` +
    `${dayFromNumber(snap.latestDay - 429)} … ${END_DAY} with the 大促 season (${Math.round(performance.now() - t0)} ms)`,
);
console.log('each scorer is fitted as of its scoring day on data up to that day only; labels = pays within the next 7 days');

t0 = performance.now();
const ordinary = table('ordinary weeks', snap, ORDINARY_DAYS.map(dayNumber));
const promo = table(`大促 week: 7 days before 双11 ${PROMO_DAY}`, snap, [dayNumber(PROMO_DAY) - 7]);
console.log(`\n(evaluation ${Math.round(performance.now() - t0)} ms)`);

const checks: [string, boolean][] = [
  ['大促 week: model ≥ 0.80', (promo.model ?? 0) >= 0.8],
  ['ordinary weeks: model ≥ 0.87', (ordinary.model ?? 0) >= 0.87],
  ['大促 week: model above both baselines', (promo.model ?? 0) > Math.max(promo.recency ?? 1, promo.contacts7d ?? 1)],
  ['ordinary weeks: model above both baselines', (ordinary.model ?? 0) > Math.max(ordinary.recency ?? 1, ordinary.contacts7d ?? 1)],
];
for (const [what, ok] of checks) console.log(`${ok ? 'OK  ' : 'FAIL'} ${what}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
