// Independent reference of the team numbers (DOMAIN §2, §7a, §8), written from DOMAIN.md's text for
// checking the app's targets and scorecard views: it imports nothing from src/ (ESLint enforces it).

/** One order line as read from the raw file; rows without `orderId` are orders of their own. */
export interface TeamRow {
  customerId: string;
  /** Calendar day, `YYYY-MM-DD`. */
  date: string;
  amount: number;
  /** The dimension value (rep, team, region …) of this row; null when empty. */
  key: string | null;
  orderId?: string | null;
}

/** One target row: the period as the app keys it (`2025-03`, `2025-Q1`, `2025`). */
export interface TeamTarget {
  key: string;
  period: string;
  revenueTarget: number | null;
  newCustomerTarget?: number | null;
  parent?: string | null;
  marketSize?: number | null;
}

/** First day of `period` and the first day after it. */
export function periodBounds(period: string): { start: string; end: string } {
  const iso = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    return { start: iso(y, mo), end: mo === 12 ? iso(y + 1, 1) : iso(y, mo + 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = +m[1];
    const q = +m[2];
    return { start: iso(y, q * 3 - 2), end: q === 4 ? iso(y + 1, 1) : iso(y, q * 3 + 1) };
  }
  m = /^(\d{4})$/.exec(period);
  if (m) return { start: iso(+m[1], 1), end: iso(+m[1] + 1, 1) };
  throw new Error(`not a period: ${period}`);
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 864e5);

/** §2: an order is a distinct order id per customer when there is one, else one row. */
function orderIdOf(r: TeamRow, index: number): string {
  return r.orderId ? `${r.customerId}\u0000${r.orderId}` : `row\u0000${index}`;
}

/** Rows on or before `asOf` (transactions after the as-of date are excluded from every metric, §2). */
function usable(rows: readonly TeamRow[], asOf: string) {
  return rows.map((r, i) => ({ r, order: orderIdOf(r, i) })).filter(({ r }) => r.date <= asOf);
}

/** Order amounts (sum of their rows); an order with a positive amount is a purchase (§2, §3). */
function orderTotals(rows: ReturnType<typeof usable>) {
  const totals = new Map<
    string,
    { amount: number; date: string; customerId: string; key: string | null }
  >();
  for (const { r, order } of rows) {
    const o = totals.get(order);
    if (o) o.amount += r.amount;
    else
      totals.set(order, { amount: r.amount, date: r.date, customerId: r.customerId, key: r.key });
  }
  return totals;
}

/** §7a: each customer's first purchase (day and the key of that order's row). */
function firstPurchases(rows: readonly TeamRow[], asOf: string) {
  const first = new Map<string, { date: string; key: string | null }>();
  for (const o of orderTotals(usable(rows, asOf)).values()) {
    if (o.amount <= 0) continue;
    const f = first.get(o.customerId);
    if (!f || o.date < f.date) first.set(o.customerId, { date: o.date, key: o.key });
  }
  return first;
}

/** What the scorecard shows for one key in one period (§7a). */
export interface RefScore {
  revenue: number;
  orders: number;
  active: number;
  newCustomers: number;
  repeatRate: number | null;
}

/** Scorecard per key for `period`: revenue by each row's own value (§8), purchases per order. */
export function referenceScorecard(
  rows: readonly TeamRow[],
  period: string,
  asOf: string
): Map<string, RefScore> {
  const { start, end } = periodBounds(period);
  const inPeriod = (d: string) => d >= start && d < end;
  const out = new Map<string, RefScore>();
  const get = (key: string) => {
    let s = out.get(key);
    if (!s)
      out.set(key, (s = { revenue: 0, orders: 0, active: 0, newCustomers: 0, repeatRate: null }));
    return s;
  };
  const use = usable(rows, asOf);
  for (const { r } of use) if (r.key !== null && inPeriod(r.date)) get(r.key).revenue += r.amount;
  // Purchases per key and customer in the period.
  const perKey = new Map<string, Map<string, number>>();
  for (const o of orderTotals(use).values()) {
    if (o.key === null || o.amount <= 0 || !inPeriod(o.date)) continue;
    get(o.key).orders++;
    const customers = perKey.get(o.key) ?? new Map<string, number>();
    customers.set(o.customerId, (customers.get(o.customerId) ?? 0) + 1);
    perKey.set(o.key, customers);
  }
  for (const [key, customers] of perKey) {
    const s = get(key);
    s.active = customers.size;
    const repeat = [...customers.values()].filter((n) => n >= 2).length;
    s.repeatRate = customers.size ? repeat / customers.size : null;
  }
  for (const f of firstPurchases(rows, asOf).values()) {
    if (f.key !== null && inPeriod(f.date)) get(f.key).newCustomers++;
  }
  return out;
}

/** What the targets view shows for one key (§7a). */
export interface RefTargetRow {
  target: number | null;
  actual: number;
  attainment: number | null;
  shortfall: number | null;
  /** Only for the period that contains the as-of date. */
  forecast: number | null;
  newCustomers: number;
}

/**
 * Targets vs actual for `period`: reps from their own rows; a key that is another row's parent is
 * a team whose actual is the sum of its reps' actuals and whose target is its own row if given,
 * else the sum of its reps'.
 */
export function referenceTargets(
  rows: readonly TeamRow[],
  targets: readonly TeamTarget[],
  period: string,
  asOf: string
): Map<string, RefTargetRow> {
  const score = referenceScorecard(rows, period, asOf);
  const { start, end } = periodBounds(period);
  const forecastOf = (actual: number) =>
    asOf > start && asOf < end
      ? (actual * days(start, end)) / Math.max(1, days(start, asOf))
      : null;
  const own = new Map(targets.filter((t) => t.period === period).map((t) => [t.key, t]));
  // Parents come from any row of the sheet (a rep belongs to a team whatever the period).
  const reps = new Map<string, Set<string>>();
  for (const t of targets) {
    if (!t.parent) continue;
    const set = reps.get(t.parent) ?? new Set<string>();
    set.add(t.key);
    reps.set(t.parent, set);
  }
  const out = new Map<string, RefTargetRow>();
  const row = (target: number | null, actual: number, newCustomers: number): RefTargetRow => ({
    target,
    actual,
    attainment: target ? actual / target : null,
    shortfall: target === null ? null : Math.max(0, target - actual),
    forecast: forecastOf(actual),
    newCustomers
  });
  for (const key of new Set([...own.keys()].filter((k) => !reps.has(k)))) {
    const s = score.get(key);
    out.set(key, row(own.get(key)?.revenueTarget ?? null, s?.revenue ?? 0, s?.newCustomers ?? 0));
  }
  for (const [team, members] of reps) {
    let actual = 0;
    let newCustomers = 0;
    let summed = 0;
    let given = 0;
    for (const m of members) {
      actual += score.get(m)?.revenue ?? 0;
      newCustomers += score.get(m)?.newCustomers ?? 0;
      const t = own.get(m)?.revenueTarget;
      if (t !== undefined && t !== null) {
        summed += t;
        given++;
      }
    }
    const target = own.get(team)?.revenueTarget ?? (given ? summed : null);
    out.set(team, row(target, actual, newCustomers));
  }
  return out;
}

/**
 * §8: each customer's dimension value — the value on most of their rows (on or before `asOf`), ties
 * broken by the most recent row (the later date, then the later row of the file).
 */
export function referenceBooks(rows: readonly TeamRow[], asOf: string): Map<string, string | null> {
  const counts = new Map<string, Map<string | null, { n: number; latest: [string, number] }>>();
  rows.forEach((r, i) => {
    if (r.date > asOf) return;
    const perKey = counts.get(r.customerId) ?? new Map();
    const c = perKey.get(r.key) ?? { n: 0, latest: ['', -1] as [string, number] };
    c.n++;
    if (r.date > c.latest[0] || (r.date === c.latest[0] && i > c.latest[1])) c.latest = [r.date, i];
    perKey.set(r.key, c);
    counts.set(r.customerId, perKey);
  });
  const out = new Map<string, string | null>();
  for (const [customer, perKey] of counts) {
    let best: { key: string | null; n: number; latest: [string, number] } | null = null;
    for (const [key, c] of perKey) {
      const later =
        best !== null &&
        (c.latest[0] > best.latest[0] ||
          (c.latest[0] === best.latest[0] && c.latest[1] > best.latest[1]));
      if (!best || c.n > best.n || (c.n === best.n && later)) best = { key, ...c };
    }
    out.set(customer, best!.key);
  }
  return out;
}
