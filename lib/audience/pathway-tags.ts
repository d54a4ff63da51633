/**
 * Pathway-step tags (SPEC §4, issue 13 item 4): every step of the three pathways a merchant can
 * open — 新访当日成交, and for 未购 / 已购 assets: 资产, 召回, 未召回, 召回未成交, 召回成交 — as
 * member sets of window W, taken from the engine's pathway sets (lib/engine/taobao-pathways.ts),
 * so a step's members are exactly the customers its figure counts.
 */
import type { TaobaoPathways } from '../engine';
import type { MessageKey } from '../i18n/messages';

/** The pathway steps that have a tag, in the order the pathways show them. */
const PATHWAY_STEPS = [
  'newVisitorSameDay',
  'unpurchasedAssets',
  'unpurchasedRecalled',
  'unpurchasedNotRecalled',
  'unpurchasedRecalledNotBought',
  'unpurchasedConverted',
  'purchasedAssets',
  'purchasedRecalled',
  'purchasedNotRecalled',
  'purchasedRecalledNotBought',
  'purchasedConverted',
] as const;
type PathwayStep = (typeof PATHWAY_STEPS)[number];

/** Tag id of a pathway step, e.g. `pathway:unpurchasedNotRecalled`. */
export const pathwayTagId = (step: PathwayStep): string => `pathway:${step}`;

/** One pathway-step tag: id, catalogue label, size and (lazily) its ascending customer indexes. */
export interface PathwayTag {
  id: string;
  label: MessageKey;
  size: number;
  members: () => Int32Array;
}

/** Ascending members of `a` not in `b` (both ascending, `b` ⊆ `a` not required). */
function minus(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j >= b.length || b[j]! !== x) out.push(x);
  }
  return Int32Array.from(out);
}

/** The pathway-step tags of one window's pathway sets (sizes from the pathway figures, members on demand). */
export function pathwayTags(tb: TaobaoPathways): PathwayTag[] {
  const m = tb.members;
  const u = tb.pathways.unpurchasedReturn, p = tb.pathways.repurchase;
  const sets: Record<PathwayStep, { size: number; members: () => Int32Array }> = {
    newVisitorSameDay: { size: tb.pathways.newVisitorSameDay.converted, members: () => m.newVisitorSameDayConverted },
    unpurchasedAssets: { size: u.assets, members: () => m.unpurchasedAssets },
    unpurchasedRecalled: { size: u.recalled, members: () => m.unpurchasedRecalled },
    unpurchasedNotRecalled: { size: u.assets - u.recalled, members: () => minus(m.unpurchasedAssets, m.unpurchasedRecalled) },
    unpurchasedRecalledNotBought: { size: u.recalled - u.converted, members: () => minus(m.unpurchasedRecalled, m.unpurchasedConverted) },
    unpurchasedConverted: { size: u.converted, members: () => m.unpurchasedConverted },
    purchasedAssets: { size: p.assets, members: () => m.purchasedAssets },
    purchasedRecalled: { size: p.recalled, members: () => m.purchasedRecalled },
    purchasedNotRecalled: { size: p.assets - p.recalled, members: () => minus(m.purchasedAssets, m.purchasedRecalled) },
    purchasedRecalledNotBought: { size: p.recalled - p.converted, members: () => minus(m.purchasedRecalled, m.purchasedConverted) },
    purchasedConverted: { size: p.converted, members: () => m.purchasedConverted },
  };
  return PATHWAY_STEPS.map((step) => ({ id: pathwayTagId(step), label: `pathway_${step}`, ...sets[step] }));
}
