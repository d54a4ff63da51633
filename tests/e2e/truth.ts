/**
 * An independent, deliberately naive calculation of the SPEC §3 / §5.1 figures from truth
 * records (plain loops over day strings, no engine code), so the e2e compares the whole
 * pipeline — capture, storage, worker, UI — with numbers computed another way.
 */
interface TruthOrder {
  customerKey: string;
  placedAt: string;
  paidAt?: string;
  amountFen: number;
  status: string;
}

const PAID = new Set(['paid', 'shipped', 'completed']);
const day = (iso: string) => iso.slice(0, 10); // truth instants are canonical +08:00
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function naiveFigures(orders: TruthOrder[]) {
  const days = orders.flatMap((o) => [day(o.placedAt), ...(o.paidAt ? [day(o.paidAt)] : [])]);
  const end = days.reduce((a, b) => (a > b ? a : b));
  const start = addDays(end, -29);
  const inW = (d: string) => d >= start && d <= end;
  const happen = (o: TruthOrder) => day(o.paidAt ?? o.placedAt);
  const users = new Set<string>();
  for (const o of orders) {
    if (inW(day(o.placedAt))) users.add(o.customerKey);
    if (PAID.has(o.status) && o.paidAt && inW(day(o.paidAt))) users.add(o.customerKey);
  }
  const paidInW = orders.filter((o) => PAID.has(o.status) && inW(happen(o)));
  const purchasers = new Set(paidInW.map((o) => o.customerKey));
  const before = new Set(orders.filter((o) => PAID.has(o.status) && happen(o) < start).map((o) => o.customerKey));
  const firstOrder = [...purchasers].filter((k) => !before.has(k));
  const repeat = [...purchasers].filter((k) => before.has(k));
  // 新访 / 未购回访 / 已购回访 by the first contact v in W and the 365 days before it.
  const contacts = new Map<string, string[]>();
  const paidDays = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, d: string) => m.set(k, [...(m.get(k) ?? []), d]);
  for (const o of orders) {
    push(contacts, o.customerKey, day(o.placedAt));
    if (PAID.has(o.status) && o.paidAt) push(contacts, o.customerKey, day(o.paidAt));
    if (PAID.has(o.status)) push(paidDays, o.customerKey, happen(o));
  }
  let newVisitors = 0, unpurchasedReturning = 0, purchasedReturning = 0;
  for (const [k, ds] of contacts) {
    const v = ds.filter(inW).sort()[0];
    if (!v) continue;
    const lb = addDays(v, -365);
    if ((paidDays.get(k) ?? []).some((d) => d >= lb && d < v)) purchasedReturning++;
    else if (ds.some((d) => d >= lb && d < v)) unpurchasedReturning++;
    else newVisitors++;
  }
  const gmvFen = paidInW.reduce((s, o) => s + o.amountFen, 0);
  return {
    window: { start, end },
    users: users.size,
    purchasers: purchasers.size,
    firstOrder,
    repeat,
    newVisitors,
    unpurchasedReturning,
    purchasedReturning,
    gmvFen,
    orders: paidInW.length,
    aovFen: purchasers.size ? Math.round(gmvFen / purchasers.size) : null,
  };
}
