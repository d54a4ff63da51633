/**
 * The naive oracle: every §9 report field (and the snapshot's record-order-free content) computed
 * straight from the §2 records by the SPEC's definitions, with plain loops over the records —
 * slow and obvious on purpose, and independent of lib/engine (only its encoding constants and
 * the §2 model's time and status helpers are shared).
 *
 * Customers must be one record per key, as storage keeps them (the engine's merge of duplicate
 * records is pinned by its own tests); records of other shops are ignored.
 */
import { CITY_KNOWN, CONTACT_KINDS, FAN, GENDER_KNOWN, HAS_RECORD, MEMBER, PHONE_FULL, type Report } from '@/lib/engine';
import { addDays, dayFromNumber, dayNumber, dayOf, isPaidStatus, type Customer, type Order, type ShopData } from '@/lib/model';

const L = 365;
const CHANNELS = ['live', 'video', 'card', 'other'] as const;
const TRAFFICS = ['paid', 'organic', 'unknown'] as const;
const BANDS_YUAN = [0, 50, 100, 200, 500];
const RFM = ['importantValue', 'importantDevelop', 'importantKeep', 'importantRetain', 'generalValue', 'generalDevelop', 'generalKeep', 'generalRetain'] as const;

const dayOfInstant = (at: string) => dayNumber(dayOf(at));
const rate = (a: number, b: number) => (b === 0 ? null : a / b);
const change = (cur: number | null, prev: number | null) => (cur === null || prev === null || prev === 0 ? null : (cur - prev) / prev);

/** SPEC §5.4: full when `^1\d{10}$` after removing spaces, dashes and a leading +86 / 0086. */
function fullPhone(phone: string | undefined): boolean {
  if (phone === undefined) return false;
  let p = phone.split(' ').join('').split('-').join('').split('\t').join('').split('\n').join('');
  if (p.startsWith('+86')) p = p.slice(3);
  else if (p.startsWith('0086')) p = p.slice(4);
  if (p.length !== 11 || p[0] !== '1') return false;
  for (const ch of p) if (ch < '0' || ch > '9') return false;
  return true;
}

/** One shop's records read plainly: events (contacts incl. the orders' implicit ones) and paid orders by happening day. */
export function readShop(data: ShopData) {
  const shopId = data.shop.shopId;
  const customers = data.customers.filter((c) => c.shopId === shopId);
  const orders = data.orders.filter((o) => o.shopId === shopId);
  const contacts = data.contacts.filter((c) => c.shopId === shopId);
  const events: { key: string; day: number; kind: string; orderId: string | null }[] = [];
  const paid: { key: string; day: number; amount: number; order: Order }[] = [];
  for (const c of contacts) events.push({ key: c.customerKey, day: dayOfInstant(c.at), kind: (CONTACT_KINDS as readonly string[]).includes(c.kind) ? c.kind : 'visit', orderId: null });
  for (const o of orders) {
    events.push({ key: o.customerKey, day: dayOfInstant(o.placedAt), kind: 'placed', orderId: o.orderId });
    if (isPaidStatus(o.status)) {
      if (o.paidAt) events.push({ key: o.customerKey, day: dayOfInstant(o.paidAt), kind: 'paid', orderId: o.orderId });
      paid.push({ key: o.customerKey, day: dayOfInstant(o.paidAt ?? o.placedAt), amount: o.amountFen, order: o });
    }
  }
  const record = new Map<string, Customer>();
  for (const c of customers) record.set(c.customerKey, c);
  const keys = [...new Set([...customers.map((c) => c.customerKey), ...events.map((x) => x.key)])].sort();
  return { shopId, customers, orders, contacts, events, paid, record, keys };
}
type Shop = ReturnType<typeof readShop>;

const contactIn = (s: Shop, k: string, a: number, b: number) => s.events.some((x) => x.key === k && x.day >= a && x.day < b);
const paidIn = (s: Shop, k: string, a: number, b: number) => s.paid.some((x) => x.key === k && x.day >= a && x.day < b);

/** §4 pathways and classes of the window [ws, we] (both included). */
function taobaoOf(s: Shop, ws: number, we: number) {
  const cls = { newVisitors: 0, unpurchasedReturning: 0, purchasedReturning: 0 };
  const byClass = { newVisitors: { purchasers: 0, gmvFen: 0 }, unpurchasedReturning: { purchasers: 0, gmvFen: 0 }, purchasedReturning: { purchasers: 0, gmvFen: 0 } };
  let sameDay = 0, uA = 0, uR = 0, uC = 0, pA = 0, pR = 0, pC = 0;
  for (const k of s.keys) {
    const inW = contactIn(s, k, ws, we + 1), buyer = paidIn(s, k, ws, we + 1);
    if (inW) {
      let v = Infinity;
      for (const x of s.events) if (x.key === k && x.day >= ws && x.day <= we && x.day < v) v = x.day;
      const c = paidIn(s, k, v - L, v) ? 'purchasedReturning' : contactIn(s, k, v - L, v) ? 'unpurchasedReturning' : 'newVisitors';
      cls[c]++;
      if (c === 'newVisitors' && paidIn(s, k, v, v + 1)) sameDay++;
      if (buyer) {
        byClass[c].purchasers++;
        for (const x of s.paid) if (x.key === k && x.day >= ws && x.day <= we) byClass[c].gmvFen += x.amount;
      }
    }
    const isP = paidIn(s, k, ws - L, ws);
    const isU = !isP && contactIn(s, k, ws - L, ws);
    if (isU) (uA++, inW && (uR++, buyer && uC++));
    if (isP) (pA++, inW && (pR++, buyer && pC++));
  }
  const pathways = {
    newVisitorSameDay: { base: cls.newVisitors, converted: sameDay, rate: rate(sameDay, cls.newVisitors) },
    unpurchasedReturn: { assets: uA, recalled: uR, recallRate: rate(uR, uA), converted: uC, payConversion: rate(uC, uR), rate: rate(uC, uA) },
    repurchase: { assets: pA, recalled: pR, recallRate: rate(pR, pA), converted: pC, payConversion: rate(pC, pR), rate: rate(pC, pA) },
  };
  return { ...cls, pathways, byClass };
}

/** §3 tiers of [ws, we]; 高潜 = users − purchasers scored ≥ 0.3 by `score`. */
function douyinOf(s: Shop, ws: number, we: number, score: (key: string) => number) {
  let users = 0, purchasers = 0, firstOrder = 0, repeat = 0, highPotential = 0;
  for (const k of s.keys) {
    const user = contactIn(s, k, ws, we + 1), buyer = paidIn(s, k, ws, we + 1);
    if (user) users++;
    if (buyer) (purchasers++, paidIn(s, k, -Infinity, ws) ? repeat++ : firstOrder++);
    if (user && !buyer && score(k) >= 0.3) highPotential++;
  }
  return { users, purchasers, firstOrder, repeat, highPotential };
}

/** §5.1 metrics of every customer over [ws, we]. */
function metricsOf(s: Shop, ws: number, we: number) {
  const inW = s.paid.filter((x) => x.day >= ws && x.day <= we);
  const gmvFen = inW.reduce((t, x) => t + x.amount, 0);
  const buyers = new Set(inW.map((x) => x.key));
  const purchasers = buyers.size;
  const aovFen = purchasers === 0 ? null : Math.floor((2 * gmvFen + purchasers) / (2 * purchasers)); // half up
  const gmvByChannel = { live: 0, video: 0, card: 0, other: 0 };
  for (const x of inW) gmvByChannel[(CHANNELS as readonly string[]).includes(x.order.channel) ? x.order.channel : 'other'] += x.amount;
  const trafficOf = (x: (typeof inW)[number]) => ((TRAFFICS as readonly string[]).includes(x.order.traffic) ? x.order.traffic : 'paid');
  const persons = (t: string) => new Set(inW.filter((x) => trafficOf(x) === t).map((x) => x.key)).size;
  const gmvOf = (t: string) => inW.filter((x) => trafficOf(x) === t).reduce((a, x) => a + x.amount, 0);
  const fanGmv = inW.filter((x) => s.record.get(x.key)?.isFan === true).reduce((a, x) => a + x.amount, 0);
  const priceBands = BANDS_YUAN.map((from, b) => {
    const to = BANDS_YUAN[b + 1] ?? null;
    return { fromYuan: from, toYuan: to, orders: inW.filter((x) => x.amount >= from * 100 && (to === null || x.amount < to * 100)).length };
  });
  const daily = [];
  for (let d = ws; d <= we; d++) {
    const day = inW.filter((x) => x.day === d);
    daily.push({ day: dayFromNumber(d), gmvFen: day.reduce((t, x) => t + x.amount, 0), orders: day.length, purchasers: new Set(day.map((x) => x.key)).size });
  }
  return {
    gmvFen, orders: inW.length, purchasers, aovFen, gmvByChannel,
    trafficPersonsShare: { paid: rate(persons('paid'), purchasers), organic: rate(persons('organic'), purchasers), unknown: rate(persons('unknown'), purchasers) },
    trafficGmvShare: { paid: rate(gmvOf('paid'), gmvFen), organic: rate(gmvOf('organic'), gmvFen), unknown: rate(gmvOf('unknown'), gmvFen) },
    fanGmvShare: rate(fanGmv, gmvFen),
    priceBands,
    daily,
  };
}

/** §4 asset layers as of `end`. */
function assetsOf(s: Shop, end: number) {
  let relationship = 0, active = 0, dormant = 0;
  for (const k of s.keys) {
    const days = s.events.filter((x) => x.key === k).map((x) => x.day);
    const known = days.length > 0 ? Math.min(...days) <= end : s.record.has(k);
    if (!known) continue;
    const r = s.record.get(k);
    if (r?.isFan || r?.isMember) relationship++;
    if (days.some((d) => d >= end - 89 && d <= end)) active++;
    else dormant++;
  }
  return { relationship, active, dormant };
}

/** §5.2 RFM classes as of `end` (exact comparisons with the means: x·n vs Σ). */
function rfmOf(s: Shop, end: number) {
  const per = new Map<string, { r: number; f: number; m: number }>();
  for (const x of s.paid) {
    if (x.day < end - L + 1 || x.day > end) continue;
    const p = per.get(x.key) ?? { r: Infinity, f: 0, m: 0 };
    p.r = Math.min(p.r, end - x.day);
    p.f++;
    p.m += x.amount;
    per.set(x.key, p);
  }
  const n = per.size;
  let sr = 0, sf = 0, sm = 0;
  for (const p of per.values()) (sr += p.r), (sf += p.f), (sm += p.m);
  const out = Object.fromEntries(RFM.map((k) => [k, 0])) as Record<(typeof RFM)[number], number>;
  for (const p of per.values()) {
    const rHigh = p.r * n <= sr, fHigh = p.f * n >= sf, mHigh = p.m * n >= sm;
    out[RFM[(mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1)]!]++;
  }
  return out;
}

/** §5.4 coverage over customers with a contact in the L days ending `end`. */
function coverageOf(s: Shop, end: number) {
  let base = 0, all = 0, gender = 0, city = 0, phone = 0;
  for (const k of s.keys) {
    if (!contactIn(s, k, end - L + 1, end + 1)) continue;
    base++;
    const r = s.record.get(k);
    const g = r?.gender === 'f' || r?.gender === 'm', c = (r?.city ?? '').trim() !== '', p = fullPhone(r?.phone);
    if (g) gender++;
    if (c) city++;
    if (p) phone++;
    if (g && c && p) all++;
  }
  return { all: rate(all, base), gender: rate(gender, base), city: rate(city, base), phone: rate(phone, base) };
}

/** §5.4 新客黄金期: first-ever contact in the 3 days ending `end`, no paid order up to it. */
function goldenWindowOf(s: Shop, end: number) {
  let n = 0;
  for (const k of s.keys) {
    const days = s.events.filter((x) => x.key === k).map((x) => x.day);
    if (days.length === 0) continue;
    const first = Math.min(...days);
    if (first >= end - 2 && first <= end && !paidIn(s, k, -Infinity, end + 1)) n++;
  }
  return n;
}

/** The §9 report of `data` for window `window`, by the SPEC; 高潜 scored by `score` (a probability per customerKey). */
export function oracleReport(data: ShopData, window: { start: string; end: string }, score: (key: string) => number): Report {
  const s = readShop(data);
  const ws = dayNumber(window.start), we = dayNumber(window.end);
  const len = we - ws + 1;
  const prev = { start: addDays(window.start, -len), end: addDays(window.start, -1) };
  const ps = ws - len, pe = ws - 1;
  const tb = taobaoOf(s, ws, we), tbPrev = taobaoOf(s, ps, pe);
  const m = metricsOf(s, ws, we), mp = metricsOf(s, ps, pe);
  return {
    format: 'seller-lens-report',
    version: 1,
    shopId: s.shopId,
    window: { start: window.start, end: window.end },
    previousWindow: prev,
    douyin: douyinOf(s, ws, we, score),
    taobao: { ...tb, previous: { newVisitorSameDay: tbPrev.pathways.newVisitorSameDay.rate, unpurchasedReturn: tbPrev.pathways.unpurchasedReturn.rate, repurchase: tbPrev.pathways.repurchase.rate } },
    assets: assetsOf(s, we),
    metrics: {
      ...m,
      previous: { gmvFen: mp.gmvFen, orders: mp.orders, purchasers: mp.purchasers, aovFen: mp.aovFen },
      change: { gmvFen: change(m.gmvFen, mp.gmvFen), orders: change(m.orders, mp.orders), purchasers: change(m.purchasers, mp.purchasers), aovFen: change(m.aovFen, mp.aovFen) },
    },
    rfm: rfmOf(s, we),
    coverage: coverageOf(s, we),
    goldenWindow: goldenWindowOf(s, we),
  } as Report;
}

/** The product key and name an order names (its first item's, else its own), or null. */
function productOf(o: Order): { key: string; name: string } | null {
  const first = o.items?.[0];
  const id = first?.productId ?? o.productId, name = first?.productName ?? o.productName;
  if (id === undefined && name === undefined) return null;
  return { key: id !== undefined ? `id:${id}` : `name:${name}`, name: name ?? id ?? '' };
}

/**
 * What a snapshot of `data` must hold, in snapshot-compare's record-order-free form
 * (`canonicalSnapshot`), read from the records: customer fields from the one record of each key,
 * every contact (explicit, at placedAt, at paidAt of a paid order), orders with their codes.
 */
export function oracleCanonical(data: ShopData) {
  const s = readShop(data);
  const sortNum = (xs: number[]) => xs.sort((a, b) => a - b);
  const code = (list: readonly string[], v: string, fallback: number) => (list.includes(v) ? list.indexOf(v) : fallback);
  const customers = s.keys.map((k) => {
    const r = s.record.get(k);
    let flags = 0;
    if (r) {
      flags |= HAS_RECORD;
      if (r.isFan) flags |= FAN;
      if (r.isMember) flags |= MEMBER;
      if (fullPhone(r.phone)) flags |= PHONE_FULL;
      if ((r.city ?? '').trim() !== '') flags |= CITY_KNOWN;
      if (r.gender === 'f' || r.gender === 'm') flags |= GENDER_KNOWN;
    }
    const mine = s.orders.filter((o) => o.customerKey === k);
    const paidMine = s.paid.filter((x) => x.key === k);
    return {
      k, flags,
      gender: r?.gender === 'f' ? 1 : r?.gender === 'm' ? 2 : 0,
      province: r?.province?.trim() || null,
      city: r?.city?.trim() || null,
      level: r?.memberLevel || null,
      contactDays: sortNum(s.events.filter((x) => x.key === k).map((x) => x.day)),
      paidDays: sortNum(paidMine.map((x) => x.day)),
      paidAmounts: sortNum(paidMine.map((x) => x.amount)),
      orderDays: sortNum(mine.map((o) => dayOfInstant(o.placedAt))),
    };
  });
  const productName = new Map<string, string>();
  for (const o of s.orders) {
    const p = productOf(o);
    if (p && !productName.has(p.key)) productName.set(p.key, p.name);
  }
  const orders = s.orders.map((o) => {
    const placed = dayOfInstant(o.placedAt), paidDay = o.paidAt !== undefined ? dayOfInstant(o.paidAt) : -1;
    const p = productOf(o);
    return [
      o.orderId, o.customerKey, placed, paidDay, paidDay !== -1 ? paidDay : placed, isPaidStatus(o.status) ? 1 : 0, o.amountFen,
      code(CHANNELS, o.channel, 0), code(TRAFFICS, o.traffic, 0), p?.key ?? null, p ? productName.get(p.key)! : null,
    ].join('|');
  }).sort();
  const contacts = s.events.map((x) => `${x.key}|${x.day}|${x.kind}|${x.orderId}`).sort();
  let latestDay = -1;
  for (const x of s.contacts) latestDay = Math.max(latestDay, dayOfInstant(x.at));
  for (const o of s.orders) latestDay = Math.max(latestDay, dayOfInstant(o.placedAt), o.paidAt !== undefined ? dayOfInstant(o.paidAt) : -1);
  const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))].sort();
  return {
    latestDay,
    counts: [s.keys.length, s.orders.length, s.events.length],
    customers, orders, contacts,
    paidOrderDays: sortNum(s.paid.map((x) => x.day)),
    paidByDayAmounts: sortNum(s.paid.map((x) => x.amount)),
    tables: [distinct(customers.map((c) => c.province)), distinct(customers.map((c) => c.city)), distinct(customers.map((c) => c.level)), [...productName.keys()].sort()],
  };
}
