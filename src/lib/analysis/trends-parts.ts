// Sums the order parts of `buildTrendPartsSql` into per (series, period) revenue, orders, active
// and new customers (DOMAIN §5, §7a, §8), in one pass over the customers.
import { periodOf, type Grain } from './period';

/** `is_other, value, period, revenue, orders, positive_revenue, active, new` (as `toTrendSplit` reads). */
export type TrendCellRow = [0 | 1, string | null, string, number, number, number, number, number];

interface Part {
  isOther: 0 | 1;
  value: string | null;
  date: string;
  amount: number;
  firstRow: number;
  orders: number;
  positive: number;
  /** What makes the order a purchase and decides which series a new customer is credited to. */
  purchase: number;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Rows of `buildTrendPartsSql` (ordered by customer and order) → one row per series and period
 * with any order, ordered by is_other, value (no value first), period.
 *
 * An order is dated by its earliest row, so all its parts fall in one period. A customer is
 * active in a series and period with ≥ 1 of its orders there (counted once). A customer is new in
 * the period of their first purchase (an order whose purchase amounts sum above 0), credited to
 * one series only: the one with the most revenue in that day's purchases (ties: the series of the
 * earlier row in the file), so the series' new customers add up to the total.
 */
export function aggregateTrendParts(
  rows: readonly (readonly unknown[])[],
  grain: Grain
): TrendCellRow[] {
  const periods = new Map<string, string>();
  const periodKey = (date: string) => {
    let key = periods.get(date);
    if (key === undefined) periods.set(date, (key = periodOf(date, grain).key));
    return key;
  };
  const cells = new Map<string, TrendCellRow>();
  const cellOf = (p: Part, period: string) => {
    const key = `${p.isOther}\u0000${p.value ?? '\u0001'}\u0000${period}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = [p.isOther, p.value, period, 0, 0, 0, 0, 0]));
    return c;
  };

  let i = 0;
  while (i < rows.length) {
    const customer = rows[i][0];
    const active = new Set<TrendCellRow>();
    let firstDate: string | null = null;
    let firstParts: Part[] = [];
    while (i < rows.length && rows[i][0] === customer) {
      const [, orderId, solo] = rows[i];
      const parts: Part[] = [];
      for (; i < rows.length && rows[i][0] === customer; i++) {
        const r = rows[i];
        if (r[1] !== orderId || r[2] !== solo) break;
        parts.push({
          isOther: Number(r[3]) === 1 ? 1 : 0,
          value: r[4] === null ? null : String(r[4]),
          date: String(r[5]),
          amount: Number(r[6]),
          firstRow: Number(r[7]),
          orders: Number(r[8]),
          positive: Number(r[9]),
          purchase: Number(r[10])
        });
      }
      const date = parts.reduce((d, p) => (p.date < d ? p.date : d), parts[0].date);
      const period = periodKey(date);
      for (const p of parts) {
        const c = cellOf(p, period);
        c[3] += p.amount;
        c[4] += p.orders;
        c[5] += p.positive;
        if (p.orders > 0) active.add(c);
      }
      if (round6(parts.reduce((s, p) => s + p.purchase, 0)) <= 0) continue;
      if (firstDate === null || date < firstDate) [firstDate, firstParts] = [date, [...parts]];
      else if (date === firstDate) firstParts.push(...parts);
    }
    for (const c of active) c[6]++;
    if (firstDate !== null) creditNew(firstParts, periodKey(firstDate), cellOf);
  }
  for (const c of cells.values()) {
    c[3] = round6(c[3]);
    c[5] = round6(c[5]);
  }
  return [...cells.values()].sort(
    (a, b) =>
      a[0] - b[0] ||
      (a[1] === b[1] ? 0 : a[1] === null ? -1 : b[1] === null ? 1 : a[1] < b[1] ? -1 : 1) ||
      (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)
  );
}

/** Credits a new customer to the series with the most revenue on their first purchase day. */
function creditNew(
  parts: Part[],
  period: string,
  cellOf: (p: Part, period: string) => TrendCellRow
) {
  const bySeries = new Map<string, { part: Part; amount: number; firstRow: number }>();
  for (const p of parts) {
    const key = `${p.isOther}\u0000${p.value ?? '\u0001'}`;
    const s = bySeries.get(key);
    if (!s) bySeries.set(key, { part: p, amount: p.purchase, firstRow: p.firstRow });
    else {
      s.amount += p.purchase;
      s.firstRow = Math.min(s.firstRow, p.firstRow);
    }
  }
  let best: { part: Part; amount: number; firstRow: number } | null = null;
  for (const s of bySeries.values()) {
    const amount = round6(s.amount);
    if (!best || amount > best.amount || (amount === best.amount && s.firstRow < best.firstRow))
      best = { ...s, amount };
  }
  if (best) cellOf(best.part, period)[7]++;
}
