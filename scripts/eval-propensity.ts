/**
 * `npm run eval:propensity [-- --customers 20000 --seed 1 --platform douyin --world both]`
 *
 * Held-out evaluation of the 高潜 model (SPEC §5.3) in an ordinary stretch and in a 大促 week, in
 * two generated worlds. Each is a seeded shop WITH the 大促 season (tests/fixtures/generate.ts
 * `promoSeason`: 430 days ending 2026-11-20, so the previous 双11 is in the history and the latest
 * one has its full label window); for each scoring day t every scorer is fitted on data up to t
 * only and scored by the ROC AUC of "pays on t+1 … t+7" over the §5.3 population at t:
 *   - 大促 week: t = 7 days before 双11 (labels on the 7 days up to and including 11-11);
 *   - ordinary weeks: four consecutive weeks with no 大促 near (one week alone is noisy at small
 *     sizes, so their rows are pooled; each week's own AUC is printed too).
 * Scorers: the model (`fitPropensity`; its self-backtest's choice is printed); the pre-大促 model
 * (`fitPrePromoLogistic`: the model as it was before issue 14 — its base columns, 8 recent weeks
 * unweighted); a plain logistic regression (`propensity/plain-logistic.ts`, what an analyst fits
 * without feature engineering: days since the last contact, contacts in 7 and 30 days, paid orders,
 * days since the last one, ever paid — raw, z-scored, 8 recent weeks unweighted; the recipe was fixed
 * before calibrating and is not tuned); the fallback heuristic; most recent contact; contacts in the
 * last 7 days.
 *
 * The worlds (`--world default|issue14|both`, default both):
 *   - default: the generator as every fixture uses it. Over half its purchases are impulse orders
 *     with no contact before them, so even a scorer knowing each customer's hidden propensity
 *     reaches only ≈ 0.81–0.85 in ordinary weeks and ≈ 0.80 in the 大促 week: its absolute AUCs
 *     say little about real shops.
 *   - issue14: the same behaviour model with less noise and 大促 bargain hunters (`WORLDS.issue14`,
 *     `GenerateOptions.noise`), calibrated to the labelled shops issue 14 measured on — using every
 *     figure there except the model under test's: in an ordinary week the pre-大促 model 0.87 (the
 *     issue's "0.87" was the model before issue 14), a plain logistic regression 0.83, most recent
 *     contact 0.72; in the 大促 weeks the pre-大促 model 0.69, most recent contact 0.73, contacts in the
 *     last 7 days 0.71. Calibration ran on seed 11 (never a reported seed) at 20k customers with
 *     `--calibrate`, which fits and prints every scorer but the model (not fitted, so its AUC could
 *     not steer the choice). Landed (session 7, with the 大促 check-ins of those waiting for the day and
 *     the warm-up's 会场 views — `checkin`, `warmupViews`): ordinary 0.887 / 0.813 / 0.748, 大促 week
 *     0.684 / 0.736 / 0.717 — every figure within 0.02 but the ordinary recency (0.028 over); the
 *     ordinary figures moved only with the random stream (those knobs act in warm-ups only).
 *     (Session 6 had matched the pre-大促 model to the plain regression's 0.83, which left the world
 *     easier in the 大促 week than the issue's shops and harder in ordinary weeks.) Reported figures
 *     use other seeds (1–3); the model's own changes are chosen on dev seeds (4–9) only. At 046b602
 *     (with the year's cart adds per visit): 大促 week 0.831 / 0.832 / 0.827, ordinary weeks 0.888 /
 *     0.867 / 0.882 — seed 2 missed 0.87 by 0.003 (the pre-大促 model: 0.881 / 0.865 / 0.869). At
 *     b76b2d3 (session 8: four ordinary-phase columns — paid orders not at a 大促, the share of purchases
 *     at one, that share × a contact in 7 days, days since the last click; 0 in a 大促 phase — chosen on
 *     dev seeds 4–9: ordinary mean 0.8883 → 0.8902, every seed up; 大促 week 0.8270 → 0.8290; seeds 1–3
 *     run once after the choice): 大促 week 0.833 / 0.834 / 0.829, ordinary weeks 0.890 / 0.869 / 0.884
 *     — seed 2 still missed 0.87, by 0.001. At ba8e525 (session 11: an ordinary day's fit on 24 weeks within
 *     20k rows, the day-level 大促 columns held at 0, positives weighted ×10 with the intercept refitted; chosen on
 *     dev seeds 4–9: ordinary mean 0.8902 → 0.8925, every seed up; 大促 week bit-identical; seeds 1–3 run once after
 *     the choice): ordinary weeks 0.892 / 0.875 / 0.886, 大促 week 0.833 / 0.834 / 0.829 — every target met.
 *
 * Exit status (the issue's targets): the absolute targets — the model ≥ 0.80 in the 大促 week and
 * ≥ 0.87 in the ordinary weeks — are judged on the issue14 world only (the default world's ceiling
 * is below them, see above); "above both baselines (recency, 7-day contacts) in both weeks" is
 * judged on every world run. Exits 1 when a judged check fails; every check is printed.
 */
import { dayFromNumber, dayNumber } from '../lib/model';
import { buildSnapshot, type Snapshot } from '../lib/engine/snapshot';
import { contactCount7dBaseline, fitPrePromoLogistic, fitPropensity, purchaseLabels, recencyBaseline, rocAuc, rocAucStandardError, scoringPopulation } from '../lib/engine/propensity';
import { fitPlainLogistic } from '../lib/engine/propensity/plain-logistic';
import { fallbackPropensity } from '../lib/engine/propensity-fallback';
import type { PropensityScorer } from '../lib/engine/scorer';
import { WORLDS, generateShop, type WorldNoise } from '../tests/fixtures/generate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

type WorldName = keyof typeof WORLDS;
const customers = Number(arg('customers', '20000'));
const seed = Number(arg('seed', '1'));
const platform = arg('platform', 'douyin') === 'taobao' ? 'taobao' : 'douyin';
const worldArg = arg('world', 'both');
/** Calibration run: every scorer except the model under test (fitPropensity is neither fitted nor printed). */
const calibrate = process.argv.includes('--calibrate');
const USAGE = 'usage: eval-propensity [--customers N] [--seed S] [--platform douyin|taobao] [--world default|issue14|both] [--calibrate [--noise key=v,…]]';
if (!Number.isInteger(customers) || customers <= 0 || !Number.isInteger(seed) || !['default', 'issue14', 'both'].includes(worldArg)) {
  console.error(USAGE);
  process.exit(2);
}
/** `--noise impulse=0.3,strays=0.5`: overrides of each world's noise (for calibration runs). */
const noiseOverride: Partial<WorldNoise> = {};
for (const kv of arg('noise', '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (k === undefined || !(k in WORLDS.default) || v === undefined || !Number.isFinite(Number(v)) || Number(v) < 0) {
    console.error(`--noise: bad entry "${kv}" (keys: ${Object.keys(WORLDS.default).join(', ')}; values ≥ 0)\n${USAGE}`);
    process.exit(2);
  }
  noiseOverride[k as keyof WorldNoise] = Number(v);
}
const worlds: WorldName[] = worldArg === 'both' ? ['default', 'issue14'] : [worldArg as WorldName];

const END_DAY = '2026-11-20';
const PROMO_DAY = '2026-11-11';
/** Ordinary scoring days: labels end 10-20, a week before the 双11 warm-up (10-28) begins; 618's lull ended in June. */
const ORDINARY_DAYS = ['2026-09-22', '2026-09-29', '2026-10-06', '2026-10-13'];
const ALL_SCORERS = ['model', 'prePromo', 'plain', 'fallback', 'recency', 'contacts7d'] as const;
type ScorerName = (typeof ALL_SCORERS)[number];
const SCORERS: readonly ScorerName[] = calibrate ? ALL_SCORERS.filter((n) => n !== 'model') : ALL_SCORERS;
const SCORER_LABEL: Record<ScorerName, string> = {
  model: 'model (fitPropensity)',
  prePromo: 'pre-大促 model',
  plain: 'plain logistic regression',
  fallback: 'fallback heuristic',
  recency: 'most recent contact',
  contacts7d: 'contacts in the last 7 days',
};
/** The issue's shops (issue 14 "Why"): the figures of the scorers other than the model under test, which the issue14 world is calibrated to. */
const ISSUE_FIGURES: { ordinary: Partial<Record<ScorerName, number>>; promo: Partial<Record<ScorerName, number>> } = {
  ordinary: { prePromo: 0.87, plain: 0.83, recency: 0.72 },
  promo: { prePromo: 0.69, recency: 0.73, contacts7d: 0.71 },
};

const SELECTION_KEYS = ['model', 'fallback', 'recency', 'contacts7d'] as const;
/** Pads a label to `width` terminal columns (a CJK character takes two). */
const padLabel = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length - (text.match(/[\u3000-\u9fff]/g)?.length ?? 0)));
/** An AUC to three decimals, — when undefined. */
const f = (v: number | null | undefined) => (v === null || v === undefined ? '  —  ' : v.toFixed(3));

interface DayResult {
  day: number;
  population: number;
  positives: number;
  auc: Partial<Record<ScorerName, number | null>>;
  chosen: string;
  backtest: string;
  fitMs: number;
}
type Pooled = { scores: Record<ScorerName, number[]>; labels: number[] };

/** Scores and labels of one held-out scoring day, appended to the pooled arrays. */
function evaluateDay(snap: Snapshot, t: number, pooled: Pooled): DayResult {
  const started = performance.now();
  const model = calibrate ? null : fitPropensity(snap, t);
  const fitMs = performance.now() - started;
  const scorers: Record<ScorerName, PropensityScorer | undefined> = {
    model: model?.score,
    prePromo: fitPrePromoLogistic(snap, t).score,
    plain: fitPlainLogistic(snap, t) ?? undefined,
    fallback: fallbackPropensity,
    recency: recencyBaseline,
    contacts7d: contactCount7dBaseline,
  };
  const pop = scoringPopulation(snap, t);
  const y = purchaseLabels(snap, t, pop);
  let positives = 0;
  for (const v of y) positives += v;
  const auc: DayResult['auc'] = {};
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
  const sel = model?.selection;
  const chosen = !model ? '— (calibration run: model not fitted)' : sel ? sel.chosen : `${model.kind} (no self-backtest)`;
  const backtest = sel ? ` [${SELECTION_KEYS.map((k) => `${k} ${f(sel.auc[k])}`).join(', ')}]` : '';
  return { day: t, population: pop.length, positives, auc, chosen, backtest, fitMs };
}

/** Prints one table (per scoring day, then pooled when there are several) and returns the pooled AUCs. */
function table(title: string, snap: Snapshot, days: number[], target: Partial<Record<ScorerName, number>> | null): Partial<Record<ScorerName, number | null>> {
  const pooled: Pooled = { scores: Object.fromEntries(ALL_SCORERS.map((n) => [n, [] as number[]])) as Record<ScorerName, number[]>, labels: [] };
  const results = days.map((t) => evaluateDay(snap, t, pooled));
  const pooledAuc: Partial<Record<ScorerName, number | null>> = {};
  for (const name of SCORERS) pooledAuc[name] = pooled.scores[name].length === pooled.labels.length ? rocAuc(pooled.scores[name], pooled.labels) : null;
  console.log(`\n${title}`);
  for (const r of results) {
    console.log(
      `  scoring day ${dayFromNumber(r.day)} (labels ${dayFromNumber(r.day + 1)} … ${dayFromNumber(r.day + 7)}): ` +
        `population ${r.population}, positives ${r.positives}; self-backtest chose ${r.chosen}${r.backtest} (model fit ${Math.round(r.fitMs)} ms)`,
    );
  }
  const header = results.length > 1 ? `${results.map((r) => dayFromNumber(r.day).slice(5).padStart(7)).join('')}   pooled` : '    AUC';
  console.log(`  ${'scorer'.padEnd(30)}${header}${target ? '  issue\'s shops' : ''}`);
  for (const name of SCORERS) {
    const perDay = results.length > 1 ? results.map((r) => f(r.auc[name]).padStart(7)).join('') + '  ' : '  ';
    const ref = target?.[name] !== undefined ? `  ${target[name]!.toFixed(2)}` : '';
    console.log(`  ${padLabel(SCORER_LABEL[name], 30)}${perDay}${f(pooledAuc[name]).padStart(5)}${ref}`);
  }
  if (results.length > 1) {
    const pop = results.reduce((s, r) => s + r.population, 0), pos = results.reduce((s, r) => s + r.positives, 0);
    console.log(`  pooled over ${results.length} weeks: ${pop} rows, ${pos} positives (one week alone is noisy)`);
  }
  // How far the figure could move with another sample of the same size: what a 0.001 miss or pass of a target means.
  const se = pooledAuc.model == null ? null : rocAucStandardError(pooled.scores.model, pooled.labels);
  if (se !== null && pooledAuc.model != null) {
    const a = pooledAuc.model;
    console.log(
      `  the model's ${results.length > 1 ? 'pooled ' : ''}AUC ${f(a)} ± ${se.toFixed(3)} (standard error, DeLong; 95 % interval ${f(a - 1.96 * se)}–${f(a + 1.96 * se)}` +
        `${results.length > 1 ? '; rows taken as independent, though a customer\'s rows in different weeks are not — the true interval is a little wider' : ''})`,
    );
  }
  return pooledAuc;
}

/** One check: what, whether it holds, and whether the exit status depends on it. */
type Check = [what: string, ok: boolean, judged: boolean];

/** Generates and evaluates one world; returns its checks. */
function runWorld(world: WorldName): Check[] {
  const noise: WorldNoise = { ...WORLDS[world], ...noiseOverride };
  const noiseText = Object.entries(noise).map(([k, v]) => `${k} ${v}`).join(', ');
  let t0 = performance.now();
  const data = generateShop({ seed, platform, shopId: 'eval-shop', shopName: '评估店铺', customers, endDay: END_DAY, days: 430, promoSeason: true, noise });
  const snap = buildSnapshot(data);
  console.log(`\n=== world ${world} (noise: ${noiseText}) ===`);
  console.log(
    `shop: ${platform}, seed ${seed}, ${customers} customers, ${data.orders.length} orders, ${data.contacts.length} contacts, ` +
      `${dayFromNumber(snap.latestDay - 429)} … ${END_DAY} with the 大促 season (${Math.round(performance.now() - t0)} ms)`,
  );
  console.log('each scorer is fitted as of its scoring day on data up to that day only; labels = pays within the next 7 days');
  const showTarget = world === 'issue14' || calibrate;
  t0 = performance.now();
  const ordinary = table('ordinary weeks', snap, ORDINARY_DAYS.map(dayNumber), showTarget ? ISSUE_FIGURES.ordinary : null);
  const promo = table(`大促 week: 7 days before 双11 ${PROMO_DAY}`, snap, [dayNumber(PROMO_DAY) - 7], showTarget ? ISSUE_FIGURES.promo : null);
  console.log(`\n(evaluation ${Math.round(performance.now() - t0)} ms)`);
  if (calibrate) return [];
  const absolute = world === 'issue14';
  const m = (x: Partial<Record<ScorerName, number | null>>) => x.model ?? 0;
  return [
    [`${world}: 大促 week: model ≥ 0.80`, m(promo) >= 0.8, absolute],
    [`${world}: ordinary weeks: model ≥ 0.87`, m(ordinary) >= 0.87, absolute],
    [`${world}: 大促 week: model above both baselines`, m(promo) > Math.max(promo.recency ?? 1, promo.contacts7d ?? 1), true],
    [`${world}: ordinary weeks: model above both baselines`, m(ordinary) > Math.max(ordinary.recency ?? 1, ordinary.contacts7d ?? 1), true],
    [`${world}: ordinary weeks: model above the plain logistic regression (not a target)`, m(ordinary) > (ordinary.plain ?? 1), false],
    [`${world}: 大促 week: model above the plain logistic regression (not a target)`, m(promo) > (promo.plain ?? 1), false],
    [`${world}: ordinary weeks: model above the pre-大促 model (not a target)`, m(ordinary) > (ordinary.prePromo ?? 1), false],
    [`${world}: 大促 week: model above the pre-大促 model (not a target)`, m(promo) > (promo.prePromo ?? 1), false],
  ];
}

const checks = worlds.flatMap(runWorld);
if (calibrate) process.exit(0);
console.log('');
for (const [what, ok, judged] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${judged ? '' : ' — informational, not judged'}`);
process.exit(checks.every(([, ok, judged]) => ok || !judged) ? 0 : 1);
