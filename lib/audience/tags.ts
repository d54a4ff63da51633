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
 * - pathway: the steps of the §4 pathways of W (`pathway:unpurchasedNotRecalled` …, ./pathway-tags.ts).
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
  FAN,
  GENDER_KNOWN,
  MEMBER,
  PHONE_FULL,
  customerIndexOf,
  firstContactDay,
  NO_DAY,
  taobaoPathways,
  toRange,
  type Analysis,
  type DayWindow,
  type PropensityScorer,
  type Snapshot,
} from '../engine';
import { indicatorList, indicatorText, type IndicatorTag, type IndicatorTagGroup, type TagInput } from '../engine/indicators';
import { sortedByCount } from '../engine/indicators/metrics-tags';
import { messages, type MessageKey } from '../i18n/messages';
import { dayFromNumber, type Customer } from '../model';
import type { FlagResolver } from './expression';
import { pathwayTags } from './pathway-tags';

export const TAG_GROUPS = [
  'all',
  'tier',
  'class',
  'pathway',
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

// Every group an indicator contributes to is a chip group.
type MissingGroup = Exclude<IndicatorTagGroup, TagGroup>;
const _everyIndicatorGroupIsAChipGroup: MissingGroup extends never ? true : never = true;
void _everyIndicatorGroupIsAChipGroup;

/** Chip-picker group titles, zh-CN and English (from the catalogue). */
export const TAG_GROUP_LABELS: Record<TagGroup, { zh: string; en: string }> = Object.fromEntries(
  TAG_GROUPS.map((g) => [g, messages[`tagGroup_${g}`]]),
) as Record<TagGroup, { zh: string; en: string }>;

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

/** zh-CN and English text of a tag label. */
const textOf = (l: MessageKey | { zh: string; en: string }) => (typeof l === 'string' ? messages[l] : l);

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

  const all = textOf('tag_all');
  add('all', 'all', all.zh, all.en, n, () => new Uint8Array(n).fill(1));

  // The indicators' tags: tiers, classes, RFM, asset layers, 新客黄金期, purchase behaviour in W.
  const input: TagInput = {
    snap,
    window,
    range,
    scorer: opts.scorer,
    threshold: opts.threshold,
    priceBandsYuan: opts.priceBandsYuan,
    goldenWindowDays: opts.goldenWindowDays,
  };
  const setsOf = sets as Record<string, unknown> | undefined;
  for (const indicator of indicatorList)
    for (const tag of indicator.tags?.(input, setsOf?.[indicator.id]) ?? ([] as IndicatorTag[])) {
      const l = textOf(tag.label);
      add(tag.group, tag.id, l.zh, l.en, tag.size, () => flagsFromMembers(n, tag.members()));
    }
  // The pathways' steps (未购资产, 未召回 …), from the same pathway sets as the report's figures.
  for (const tag of pathwayTags(sets?.taobao ?? taobaoPathways(snap, range)))
    addMembers('pathway', tag.id, [messages[tag.label].zh, messages[tag.label].en], tag.size, tag.members);

  // Attributes as last seen.
  const bitTag = (id: string, key: MessageKey, test: (c: number) => boolean) => {
    let size = 0;
    for (let c = 0; c < n; c++) if (test(c)) size++;
    add('attr', id, messages[key].zh, messages[key].en, size, () => {
      const f = new Uint8Array(n);
      for (let c = 0; c < n; c++) if (test(c)) f[c] = 1;
      return f;
    });
  };
  const fl = snap.customerFlags;
  bitTag('attr:fan', 'tag_fan', (c) => (fl[c]! & FAN) !== 0);
  bitTag('attr:member', 'tag_member', (c) => (fl[c]! & MEMBER) !== 0);
  bitTag('attr:female', 'tag_female', (c) => (fl[c]! & GENDER_KNOWN) !== 0 && snap.customerGender[c] === 1);
  bitTag('attr:male', 'tag_male', (c) => (fl[c]! & GENDER_KNOWN) !== 0 && snap.customerGender[c] === 2);
  bitTag('attr:phone', 'tag_fullPhone', (c) => (fl[c]! & PHONE_FULL) !== 0);

  // Dictionary-coded attributes: level, province, city.
  const coded = (group: TagGroup, prefix: string, codes: Int32Array, values: string[], en: (v: string) => string) => {
    const counts = new Int32Array(values.length);
    for (let c = 0; c < n; c++) if (codes[c]! >= 0) counts[codes[c]!]!++;
    sortedByCount(values.length, counts, values).forEach((code) =>
      add(group, `${prefix}:${values[code]}`, values[code]!, en(values[code]!), counts[code]!, () => flagsFromCodes(codes, code)),
    );
  };
  coded('level', 'level', snap.customerMemberLevel, snap.memberLevels, (v) => v);

  coded('province', 'province', snap.customerProvince, snap.provinces, (v) => v);
  coded('city', 'city', snap.customerCity, snap.cities, (v) => v);

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
    .forEach(({ m, code }) => {
      const [zh, en] = (['zh', 'en'] as const).map((lang) => indicatorText('tag_firstContactMonth', lang, { month: m }));
      add('month', `month:${m}`, zh!, en!, monthCounts[code]!, () => flagsFromCodes(monthCodes, code));
    });

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
