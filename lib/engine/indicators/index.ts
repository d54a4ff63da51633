/**
 * The indicator registry: one line per indicator of the §9 report, in report order. Adding an
 * indicator = one module in this folder + one line here + its hand-computed test in
 * tests/unit/engine/indicators/<id>.test.ts (`npm run new:indicator -- <id>` scaffolds all three).
 */
import type { z } from 'zod';
import { assets } from './assets';
import { coverage } from './coverage';
import { douyin } from './douyin';
import { goldenWindow } from './golden-window';
import { metrics } from './metrics';
import { rfm } from './rfm';
import { taobao } from './taobao';
import type { AnyIndicator } from './types';

const indicators = [douyin, taobao, assets, metrics, rfm, coverage, goldenWindow] as const;

type Registered = (typeof indicators)[number];
/** Report field id → zod schema of that field, for every registered indicator. */
export type IndicatorShape = { [I in Registered as I['id']]: I['schema'] };
/** Report field id → its value. */
export type IndicatorFields = { [I in Registered as I['id']]: z.infer<I['schema']> };
/** Report field id → the member sets behind it (Analysis.sets). */
export type IndicatorSets = { [I in Registered as I['id']]: ReturnType<I['compute']>['sets'] };

/** The registry's zod shape (id → schema), in report order. */
export function indicatorShape(): IndicatorShape {
  return Object.fromEntries(indicators.map((i) => [i.id, i.schema])) as IndicatorShape;
}

/** The registered indicators in report order (the general type: callers iterate without caring which). */
export const indicatorList: readonly AnyIndicator[] = indicators;

export type { AnyIndicator, IndicatorTag, IndicatorTagGroup, KV, TagInput, XlsxPart } from './types';
export { label as indicatorText } from './sheets';
