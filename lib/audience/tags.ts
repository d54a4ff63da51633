/**
 * Audience tags (SPEC §6.1): every tier, class and layer of the engine, plus customer attributes
 * and purchase behaviour, as member sets over a snapshot's customers for one window.
 *
 * Tag ids are stable text (`tier:firstOrder`, `rfm:importantValue`, `province:四川省`,
 * `product:<name>`, `manual:<text>` …) so that saved expressions keep working as data grows.
 *
 * What each group means for window W:
 * - tier / class: the engine's Douyin tiers (§3) and Taobao classes (§4) of W; `tier:goldenWindow`
 *   is 新客黄金期 as of W.end; `all` is every customer of the shop.
 * - rfm / asset: as of W.end (§5.2, §4).
 * - channel / traffic / price / product: paid orders (status as last seen) happening in W — the
 *   same orders the §5.1 metrics of W count. A product is an order's first item (what the
 *   snapshot keeps); products sharing one name are one tag (the merchant picks by name). A
 *   price band is the order's amountFen band (bands as §5.1, configurable).
 * - attr / level / province / city: the customer record as last seen (fan, member, gender, a full
 *   phone number, member level text, region as the console writes it).
 * - month: the UTC+8 month (YYYY-MM) of the customer's first-ever contact (any window).
 * - manual: tags the merchant added by hand (Customer.tags).
 *
 * Member sets are built lazily per tag and cached: a 200k-customer shop with thousands of
 * products does not hold thousands of flag arrays.
 */
import {
  CHANNELS,
  DEFAULT_PRICE_BANDS_YUAN,
  FAN,
  GENDER_KNOWN,
  MEMBER,
  PHONE_FULL,
  RFM_CLASSES,
  assetLayers,
  customerIndexOf,
  douyinTiers,
  firstContactDay,
  goldenWindow,
  NO_DAY,
  paidOrderSlice,
  rfmClasses,
  taobaoPathways,
  toRange,
  windowMetrics,
  type Analysis,
  type DayWindow,
  type PropensityScorer,
  type RfmClass,
  type Snapshot,
} from '../engine';
import { dayFromNumber, type Customer } from '../model';
import type { FlagResolver } from './expression';

export const TAG_GROUPS = [
  'all',
  'tier',
  'class',
  'rfm',
  'asset',
  'channel',
  'traffic',
  'attr',
  'level',
  'province',
  'city',
  'price',
  'product',
  'month',
  'manual',
] as const;
export type TagGroup = (typeof TAG_GROUPS)[number];

/** Chip-picker group titles, zh-CN and English. */
export const TAG_GROUP_LABELS: Record<TagGroup, { zh: string; en: string }> = {
  all: { zh: '全部', en: 'All' },
  tier: { zh: '用户资产', en: 'User assets' },
  class: { zh: '客户概况', en: 'Customer overview' },
  rfm: { zh: '八大客户类型', en: 'RFM classes' },
  asset: { zh: '店铺客户资产', en: 'Asset layers' },
  channel: { zh: '成交体裁', en: 'Bought through' },
  traffic: { zh: '成交流量来源', en: 'Traffic source' },
  attr: { zh: '客户属性', en: 'Attributes' },
  level: { zh: '会员等级', en: 'Member level' },
  province: { zh: '省份', en: 'Province' },
  city: { zh: '城市', en: 'City' },
  price: { zh: '价格带', en: 'Price band' },
  product: { zh: '购买商品', en: 'Product bought' },
  month: { zh: '首次接触月份', en: 'First-contact month' },
  manual: { zh: '手动标签', en: 'Manual tags' },
};

/** One tag: stable id, labels, chip group and member count for the index's window. */
export interface TagInfo {
  id: string;
  group: TagGroup;
  zh: string;
  en: string;
  size: number;
}

/** Tags of one snapshot and window, with member sets built on demand. */
export interface TagIndex {
  shopId: string;
  window: DayWindow;
  customerCount: number;
  /** Every tag, grouped in TAG_GROUPS order; within a data-driven group, biggest first. */
  tags: TagInfo[];
  /** The tag of an id, or undefined. */
  info(id: string): TagInfo | undefined;
  /** Member flags (0/1 per snapshot customer) of a tag, cached — do not modify; undefined for an unknown id. */
  flags(id: string): Uint8Array | undefined;
  /** Members of a tag as ascending customer indexes, or undefined. */
  members(id: string): Int32Array | undefined;
  /** `flags` as an expression resolver. */
  resolve: FlagResolver;
}

export interface TagOptions {
  /** Customer records (for manual tags); records of other shops are ignored. */
  customers?: readonly Pick<Customer, 'customerKey' | 'shopId' | 'tags'>[];
  /** The engine's analysis of the same window, to reuse its member sets instead of recomputing. */
  analysis?: Analysis;
  /** 高潜 scorer and threshold (engine defaults when omitted). */
  scorer?: PropensityScorer;
  threshold?: number;
  /** Price-band edges in yuan (default as §5.1). */
  priceBandsYuan?: readonly number[];
  /** 新客黄金期 length in days (engine default 3). */
  goldenWindowDays?: number;
}

const TIER_LABELS = {
  users: ['用户', 'Users'],
  purchasers: ['成交用户', 'Purchasers'],
  firstOrder: ['首单用户', 'First-order'],
  repeat: ['复购用户', 'Repeat'],
  highPotential: ['高潜用户', 'High-potential'],
  goldenWindow: ['新客黄金期', 'Golden window'],
} as const;
const CLASS_LABELS = {
  newVisitors: ['新访客户', 'New visitors'],
  unpurchasedReturning: ['未购客户回访', 'Returning, not bought'],
  purchasedReturning: ['已购客户回访', 'Returning, bought'],
} as const;
export const RFM_LABELS: Record<RfmClass, readonly [string, string]> = {
  importantValue: ['重要价值', 'Important value'],
  importantDevelop: ['重要发展', 'Important develop'],
  importantKeep: ['重要保持', 'Important keep'],
  importantRetain: ['重要挽留', 'Important retain'],
  generalValue: ['一般价值', 'General value'],
  generalDevelop: ['一般发展', 'General develop'],
  generalKeep: ['一般保持', 'General keep'],
  generalRetain: ['一般挽留', 'General retain'],
};
const ASSET_LABELS = {
  relationship: ['关系资产', 'Relationship assets'],
  active: ['进店活跃资产', 'Active assets'],
  dormant: ['未进店资产', 'Dormant assets'],
} as const;
const CHANNEL_LABELS = { live: ['直播', 'Live'], video: ['短视频', 'Short video'], card: ['商品卡', 'Product card'], other: ['其他', 'Other'] } as const;
const TRAFFIC_LABELS = { paid: ['付费流量', 'Paid traffic'], organic: ['自然流量', 'Organic traffic'], unknown: ['来源未知', 'Unknown source'] } as const;

type Entry = { info: TagInfo; build: () => Uint8Array };

function flagsFromMembers(n: number, members: ArrayLike<number>): Uint8Array {
  const f = new Uint8Array(n);
  for (let j = 0; j < members.length; j++) f[members[j]!] = 1;
  return f;
}

function flagsFromCodes(codes: Int32Array, code: number): Uint8Array {
  const f = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) f[i] = 1;
  return f;
}

/** Distinct (value, customer) pairs → members per value code (ascending customers); bucketed, no comparator sort. */
function groupPairs(values: number[], custs: number[], valueCount: number, n: number): Int32Array[] {
  const start = new Int32Array(valueCount + 1);
  for (const v of values) start[v + 1]!++;
  for (let v = 0; v < valueCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, valueCount);
  const byValue = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) byValue[fill[values[i]!]!++] = custs[i]!;
  const stamp = new Int32Array(n).fill(-1);
  const out: Int32Array[] = [];
  for (let v = 0; v < valueCount; v++) {
    const list: number[] = [];
    for (let j = start[v]!; j < start[v + 1]!; j++) {
      const c = byValue[j]!;
      if (stamp[c] === v) continue;
      stamp[c] = v;
      list.push(c);
    }
    out.push(Int32Array.from(list).sort());
  }
  return out;
}

/** `¥0–50`, `¥500以上` for a band of edges in yuan. */
function bandLabel(from: number, to: number | undefined): { id: string; zh: string; en: string } {
  return to === undefined
    ? { id: `price:${from}+`, zh: `¥${from}以上`, en: `¥${from} and up` }
    : { id: `price:${from}-${to}`, zh: `¥${from}–${to}`, en: `¥${from}–${to}` };
}

/** Builds the tag index of `snap` for window `window` (see the header for each group's meaning). */
export function buildTagIndex(snap: Snapshot, window: DayWindow, opts: TagOptions = {}): TagIndex {
  const n = snap.customerCount;
  const range = toRange(window);
  const sets = opts.analysis?.sets;
  if (opts.analysis && (opts.analysis.report.window.start !== window.start || opts.analysis.report.window.end !== window.end))
    throw new Error(`analysis is of ${opts.analysis.report.window.start}–${opts.analysis.report.window.end}, not ${window.start}–${window.end}`);
  const entries: Entry[] = [];
  const add = (group: TagGroup, id: string, zh: string, en: string, size: number, build: () => Uint8Array) =>
    entries.push({ info: { id, group, zh, en, size }, build });
  const addMembers = (group: TagGroup, id: string, label: readonly [string, string], size: number, members: () => ArrayLike<number>) =>
    add(group, id, label[0], label[1], size, () => flagsFromMembers(n, members()));

  add('all', 'all', '全部客户', 'All customers', n, () => new Uint8Array(n).fill(1));

  // Douyin tiers and Taobao classes of W.
  const dy = sets?.douyin ?? douyinTiers(snap, range, { scorer: opts.scorer, threshold: opts.threshold });
  for (const k of ['users', 'purchasers', 'firstOrder', 'repeat'] as const)
    addMembers('tier', `tier:${k}`, TIER_LABELS[k], dy.counts[k], () => dy[k]);
  addMembers('tier', 'tier:highPotential', TIER_LABELS.highPotential, dy.highPotential.length, () => dy.highPotential);
  const golden = sets?.goldenWindow ?? goldenWindow(snap, range.end, opts.goldenWindowDays);
  addMembers('tier', 'tier:goldenWindow', TIER_LABELS.goldenWindow, golden.length, () => golden);

  const tb = sets?.taobao ?? taobaoPathways(snap, range);
  for (const k of ['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const)
    addMembers('class', `class:${k}`, CLASS_LABELS[k], tb[k], () => tb.members[k]);

  // RFM and asset layers as of W.end.
  const rfm = sets?.rfm ?? rfmClasses(snap, range.end);
  for (const k of RFM_CLASSES) addMembers('rfm', `rfm:${k}`, RFM_LABELS[k], rfm.counts[k], () => rfm.members[k]);
  const assets = sets?.assets ?? assetLayers(snap, range.end);
  for (const k of ['relationship', 'active', 'dormant'] as const)
    addMembers('asset', `asset:${k}`, ASSET_LABELS[k], assets.counts[k], () => assets[k]);

  // Purchase behaviour in W: channel, price band, product (one pass over W's paid orders).
  const edges = opts.priceBandsYuan ?? DEFAULT_PRICE_BANDS_YUAN;
  const edgesFen = edges.map((y) => Math.round(y * 100));
  const nameCode = new Map<string, number>();
  const productName: string[] = [];
  const productToName = snap.productNames.map((name) => {
    let code = nameCode.get(name);
    if (code === undefined) {
      code = productName.length;
      nameCode.set(name, code);
      productName.push(name);
    }
    return code;
  });
  const chV: number[] = [], chC: number[] = [], bandV: number[] = [], bandC: number[] = [], prV: number[] = [], prC: number[] = [];
  const [lo, hi] = paidOrderSlice(snap, range.start, range.end + 1);
  for (let k = lo; k < hi; k++) {
    const o = snap.paidOrdersByDay[k]!;
    const c = snap.orderCustomer[o]!;
    chV.push(snap.orderChannel[o]!);
    chC.push(c);
    const a = snap.orderAmountFen[o]!;
    for (let b = edgesFen.length - 1; b >= 0; b--)
      if (a >= edgesFen[b]!) {
        bandV.push(b);
        bandC.push(c);
        break;
      }
    const p = snap.orderProduct[o]!;
    if (p >= 0 && productName[productToName[p]!] !== '') {
      prV.push(productToName[p]!);
      prC.push(c);
    }
  }
  const byChannel = groupPairs(chV, chC, CHANNELS.length, n);
  CHANNELS.forEach((ch, i) => addMembers('channel', `channel:${ch}`, CHANNEL_LABELS[ch], byChannel[i]!.length, () => byChannel[i]!));

  const tm = sets?.metrics ?? windowMetrics(snap, range, { priceBandsYuan: edges }).members;
  const trafficSets = { paid: () => tm.trafficPaid, organic: () => tm.trafficOrganic, unknown: () => tm.trafficUnknown };
  for (const t of ['paid', 'organic', 'unknown'] as const)
    addMembers('traffic', `traffic:${t}`, TRAFFIC_LABELS[t], trafficSets[t]().length, trafficSets[t]);

  // Attributes as last seen.
  const bitTag = (id: string, zh: string, en: string, test: (c: number) => boolean) => {
    let size = 0;
    for (let c = 0; c < n; c++) if (test(c)) size++;
    add('attr', id, zh, en, size, () => {
      const f = new Uint8Array(n);
      for (let c = 0; c < n; c++) if (test(c)) f[c] = 1;
      return f;
    });
  };
  const fl = snap.customerFlags;
  bitTag('attr:fan', '粉丝', 'Fans', (c) => (fl[c]! & FAN) !== 0);
  bitTag('attr:member', '会员', 'Members', (c) => (fl[c]! & MEMBER) !== 0);
  bitTag('attr:female', '女', 'Female', (c) => (fl[c]! & GENDER_KNOWN) !== 0 && snap.customerGender[c] === 1);
  bitTag('attr:male', '男', 'Male', (c) => (fl[c]! & GENDER_KNOWN) !== 0 && snap.customerGender[c] === 2);
  bitTag('attr:phone', '有完整手机号', 'Full phone number', (c) => (fl[c]! & PHONE_FULL) !== 0);

  // Dictionary-coded attributes: level, province, city.
  const coded = (group: TagGroup, prefix: string, codes: Int32Array, values: string[], en: (v: string) => string) => {
    const counts = new Int32Array(values.length);
    for (let c = 0; c < n; c++) if (codes[c]! >= 0) counts[codes[c]!]!++;
    sortedByCount(values.length, counts, values).forEach((code) =>
      add(group, `${prefix}:${values[code]}`, values[code]!, en(values[code]!), counts[code]!, () => flagsFromCodes(codes, code)),
    );
  };
  coded('level', 'level', snap.customerMemberLevel, snap.memberLevels, (v) => v);

  const bands = groupPairs(bandV, bandC, edges.length, n);
  edges.forEach((from, b) => {
    const l = bandLabel(from, edges[b + 1]);
    addMembers('price', l.id, [l.zh, l.en], bands[b]!.length, () => bands[b]!);
  });

  coded('province', 'province', snap.customerProvince, snap.provinces, (v) => v);
  coded('city', 'city', snap.customerCity, snap.cities, (v) => v);

  const products = groupPairs(prV, prC, productName.length, n);
  sortedByCount(productName.length, Int32Array.from(products, (l) => l.length), productName).forEach((code) => {
    if (products[code]!.length === 0) return;
    addMembers('product', `product:${productName[code]}`, [productName[code]!, productName[code]!], products[code]!.length, () => products[code]!);
  });

  // First-contact month.
  const monthCodes = new Int32Array(n).fill(-1);
  const months: string[] = [];
  const monthIndex = new Map<string, number>();
  const dayToMonth = new Map<number, number>(); // day number → month code (few distinct days)
  for (let c = 0; c < n; c++) {
    const d = firstContactDay(snap, c);
    if (d === NO_DAY) continue;
    let code = dayToMonth.get(d);
    if (code === undefined) {
      const m = dayFromNumber(d).slice(0, 7);
      code = monthIndex.get(m);
      if (code === undefined) {
        code = months.length;
        months.push(m);
        monthIndex.set(m, code);
      }
      dayToMonth.set(d, code);
    }
    monthCodes[c] = code;
  }
  const monthCounts = new Int32Array(months.length);
  for (let c = 0; c < n; c++) if (monthCodes[c]! >= 0) monthCounts[monthCodes[c]!]!++;
  months
    .map((m, code) => ({ m, code }))
    .sort((a, b) => (a.m < b.m ? 1 : -1)) // newest month first
    .forEach(({ m, code }) => add('month', `month:${m}`, `${m} 首次接触`, `First contact ${m}`, monthCounts[code]!, () => flagsFromCodes(monthCodes, code)));

  // Manual tags.
  const manual = new Map<string, Set<number>>();
  for (const rec of opts.customers ?? []) {
    if (rec.shopId !== snap.shopId || !rec.tags?.length) continue;
    const c = customerIndexOf(snap, rec.customerKey);
    if (c < 0) continue;
    for (const raw of rec.tags) {
      const t = raw.trim();
      if (!t) continue;
      let s = manual.get(t);
      if (!s) manual.set(t, (s = new Set()));
      s.add(c);
    }
  }
  [...manual.entries()]
    .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
    .forEach(([t, s]) => addMembers('manual', `manual:${t}`, [t, t], s.size, () => [...s]));

  const byId = new Map<string, Entry>();
  for (const e of entries) if (!byId.has(e.info.id)) byId.set(e.info.id, e);
  const cache = new Map<string, Uint8Array>();
  const flags = (id: string): Uint8Array | undefined => {
    let f = cache.get(id);
    if (f) return f;
    const e = byId.get(id);
    if (!e) return undefined;
    f = e.build();
    cache.set(id, f);
    return f;
  };
  return {
    shopId: snap.shopId,
    window: { start: window.start, end: window.end },
    customerCount: n,
    // Array.prototype.sort is stable: within a group, the order added stays.
    tags: [...byId.values()].map((e) => e.info).sort((a, b) => TAG_GROUPS.indexOf(a.group) - TAG_GROUPS.indexOf(b.group)),
    info: (id) => byId.get(id)?.info,
    flags,
    members: (id) => {
      const f = flags(id);
      if (!f) return undefined;
      let cnt = 0;
      for (let i = 0; i < n; i++) cnt += f[i]!;
      const out = new Int32Array(cnt);
      for (let i = 0, j = 0; i < n; i++) if (f[i]) out[j++] = i;
      return out;
    },
    resolve: flags,
  };
}

/** Codes 0..len-1 ordered by count (desc), then value text. */
function sortedByCount(len: number, counts: Int32Array, values: string[]): number[] {
  return Array.from({ length: len }, (_, i) => i).sort(
    (a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0),
  );
}
