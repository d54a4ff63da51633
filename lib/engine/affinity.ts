/**
 * 人货匹配 product affinity (SPEC §5.4): association rules over the shop's paid orders, and for
 * an audience the products its members have not bought that go most with what they did buy.
 *
 * Transactions ("baskets") are sets of product codes (indexes into `snap.productKeys`):
 * - `customerBaskets` (default): per buyer, the products of their paid orders (status as last
 *   seen) happening in a day range — what one buyer bought over time. The snapshot keeps each
 *   order's first product only, so this is the basket available from a snapshot alone.
 * - `orderBaskets`: per paid order, every item's product (needs the Order records, whose items
 *   the snapshot does not keep); products absent from the snapshot's dictionary are skipped.
 *
 * For a rule A → B over T baskets: support = |A∧B| / T, confidence = |A∧B| / |A|,
 * lift = confidence / (|B| / T). Rules need ≥ `minCount` co-occurrences (default 2).
 *
 * Recommendation for an audience: for each member and each product B the member has not bought,
 * the member's best rule A → B (A among their products, lift > `minLift`, default 1) by
 * confidence; a product's `expectedBuyers` sums those confidences over members (the expected
 * number of members who would buy it if rules held), and products are ranked by it.
 */
import type { Order } from '../model';
import { isPaidStatus } from '../model';
import { lowerBound, type Snapshot } from './snapshot';

/** Baskets in CSR form: basket b holds the sorted, distinct product codes items[start[b] … start[b+1]). */
export interface Baskets {
  start: Int32Array;
  items: Int32Array;
  productCount: number;
}

export interface ProductRule {
  /** Antecedent product code (A). */
  from: number;
  /** Consequent product code (B). */
  to: number;
  /** Baskets with both. */
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface AffinityRecommendation {
  productKey: string;
  productName: string;
  /** Σ over members without the product of their best rule's confidence. */
  expectedBuyers: number;
  /** Members without the product who have at least one rule towards it. */
  members: number;
  /** The strongest rule towards the product among the audience's bought products. */
  because: { productKey: string; productName: string; support: number; confidence: number; lift: number };
}

function toBaskets(lists: number[][], productCount: number): Baskets {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  for (let b = 0; b < lists.length; b++) {
    total += lists[b]!.length;
    start[b + 1] = total;
  }
  const items = new Int32Array(total);
  let k = 0;
  for (const l of lists) for (const v of l) items[k++] = v;
  return { start, items, productCount };
}

function distinctSorted(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of xs) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}

/** One basket per buyer: products of their paid orders happening in [range.start, range.end] (default: all days); non-buyers have none. */
export function customerBaskets(snap: Snapshot, range?: { start: number; end: number }): Baskets {
  const lists: number[][] = [];
  for (let c = 0; c < snap.customerCount; c++) {
    const products = customerProducts(snap, c, range);
    if (products.length > 0) lists.push(products);
  }
  return toBaskets(lists, snap.productKeys.length);
}

/** Distinct product codes customer `c` bought in paid orders happening in the range (default: all days). */
export function customerProducts(snap: Snapshot, c: number, range?: { start: number; end: number }): number[] {
  const lo = snap.custPaidStart[c]!, hi = snap.custPaidStart[c + 1]!;
  const a = range ? lowerBound(snap.custPaidDay, lo, hi, range.start) : lo;
  const b = range ? lowerBound(snap.custPaidDay, a, hi, range.end + 1) : hi;
  const xs: number[] = [];
  for (let j = a; j < b; j++) {
    const p = snap.orderProduct[snap.custPaidOrder[j]!]!;
    if (p >= 0) xs.push(p);
  }
  return distinctSorted(xs);
}

/** One basket per paid order of `orders` (this shop's), from every item; product codes as in the snapshot. */
export function orderBaskets(snap: Snapshot, orders: readonly Order[]): Baskets {
  const code = new Map<string, number>();
  snap.productKeys.forEach((k, i) => code.set(k, i));
  const lists: number[][] = [];
  for (const o of orders) {
    if (o.shopId !== snap.shopId || !isPaidStatus(o.status)) continue;
    const xs: number[] = [];
    const items = o.items ?? [];
    for (const it of items) {
      const key = it.productId !== undefined ? `id:${it.productId}` : `name:${it.productName}`;
      const p = code.get(key);
      if (p !== undefined) xs.push(p);
    }
    lists.push(distinctSorted(xs));
  }
  return toBaskets(lists, snap.productKeys.length);
}

/** All rules A → B with at least `minCount` co-occurring baskets, sorted by lift, confidence, count (desc). */
export function associationRules(baskets: Baskets, opts: { minCount?: number } = {}): ProductRule[] {
  const minCount = opts.minCount ?? 2;
  const P = baskets.productCount;
  const T = baskets.start.length - 1;
  if (T <= 0 || P === 0) return [];
  const single = new Float64Array(P);
  // Dense pair counts when small enough, else a map keyed a·P + b (a < b).
  const dense = P * P <= 16_000_000 ? new Int32Array(P * P) : null;
  const sparse = dense ? null : new Map<number, number>();
  const { start, items } = baskets;
  for (let b = 0; b < T; b++) {
    const lo = start[b]!, hi = start[b + 1]!;
    for (let i = lo; i < hi; i++) {
      const a = items[i]!;
      single[a]!++;
      for (let j = i + 1; j < hi; j++) {
        const k = a * P + items[j]!;
        if (dense) dense[k]!++;
        else sparse!.set(k, (sparse!.get(k) ?? 0) + 1);
      }
    }
  }
  const rules: ProductRule[] = [];
  const emit = (a: number, b: number, n: number) => {
    if (n < minCount) return;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const confidence = n / single[x]!;
      rules.push({ from: x, to: y, count: n, support: n / T, confidence, lift: confidence / (single[y]! / T) });
    }
  };
  if (dense) {
    for (let a = 0; a < P; a++) for (let b = a + 1; b < P; b++) emit(a, b, dense[a * P + b]!);
  } else for (const [k, n] of sparse!) emit(Math.floor(k / P), k % P, n);
  rules.sort((r, s) => s.lift - r.lift || s.confidence - r.confidence || s.count - r.count || r.from - s.from || r.to - s.to);
  return rules;
}

/**
 * Products to offer an audience (customer indexes `members`): not yet bought by a member, ranked by
 * expected buyers under the rules (see the header). Top `top` (default 10).
 */
export function productAffinity(
  snap: Snapshot,
  members: Int32Array,
  opts: { baskets?: Baskets; rules?: ProductRule[]; minCount?: number; minLift?: number; top?: number } = {},
): AffinityRecommendation[] {
  const rules = opts.rules ?? associationRules(opts.baskets ?? customerBaskets(snap), { minCount: opts.minCount });
  const minLift = opts.minLift ?? 1;
  const P = snap.productKeys.length;
  // Rules by antecedent.
  const byFrom: ProductRule[][] = Array.from({ length: P }, () => []);
  for (const r of rules) if (r.lift > minLift && r.from < P && r.to < P) byFrom[r.from]!.push(r);

  const expected = new Float64Array(P);
  const reached = new Int32Array(P);
  const best: (ProductRule | undefined)[] = new Array(P);
  const memberBest = new Float64Array(P);
  const owned = new Uint8Array(P);
  for (let m = 0; m < members.length; m++) {
    const bought = customerProducts(snap, members[m]!);
    if (bought.length === 0) continue;
    for (const p of bought) owned[p] = 1;
    const touched: number[] = [];
    for (const a of bought)
      for (const r of byFrom[a]!) {
        if (owned[r.to]) continue;
        if (memberBest[r.to] === 0) touched.push(r.to);
        if (r.confidence > memberBest[r.to]!) memberBest[r.to] = r.confidence;
        const cur = best[r.to];
        if (!cur || r.confidence > cur.confidence || (r.confidence === cur.confidence && r.lift > cur.lift)) best[r.to] = r;
      }
    for (const b of touched) {
      expected[b]! += memberBest[b]!;
      reached[b]!++;
      memberBest[b] = 0;
    }
    for (const p of bought) owned[p] = 0;
  }
  const out: AffinityRecommendation[] = [];
  for (let b = 0; b < P; b++) {
    const r = best[b];
    if (!r || reached[b] === 0) continue;
    out.push({
      productKey: snap.productKeys[b]!,
      productName: snap.productNames[b]!,
      expectedBuyers: expected[b]!,
      members: reached[b]!,
      because: {
        productKey: snap.productKeys[r.from]!,
        productName: snap.productNames[r.from]!,
        support: r.support,
        confidence: r.confidence,
        lift: r.lift,
      },
    });
  }
  out.sort((x, y) => y.expectedBuyers - x.expectedBuyers || y.members - x.members || (x.productKey < y.productKey ? -1 : 1));
  return out.slice(0, opts.top ?? 10);
}
