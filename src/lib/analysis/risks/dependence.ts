// Dependence (issue 13, DOMAIN §4): "if these customers stop buying" — the revenue they carry, the
// concentration of what is left (`concentration.ts`), and who on the team loses it.
import { concentration } from '../concentration';

/** Concentration figures before or after (DOMAIN §4, over customers with monetary > 0). */
export interface ConcentrationFigures {
  customers: number;
  total: number;
  /** Shares of the top customer, top 10 % and top 20 % of customers; null without customers. */
  top1: number | null;
  top10pct: number | null;
  top20pct: number | null;
  gini: number | null;
}

export interface DependenceOwner {
  /** The owner; null: not known. */
  key: string | null;
  revenue: number;
  lost: number;
}

export interface DependenceResult {
  /** Customers chosen (that exist among the scored customers). */
  selected: number;
  /** Their positive revenue (monetary > 0; a customer with net returns carries none). */
  lost: number;
  /** All customers' positive revenue (DOMAIN §4's S). */
  total: number;
  /** lost / total; null when there is no revenue. */
  share: number | null;
  before: ConcentrationFigures;
  after: ConcentrationFigures;
  /** Revenue and what is lost per owner, most lost first. */
  byOwner: DependenceOwner[];
}

function figures(monetary: readonly number[]): ConcentrationFigures {
  const c = concentration(monetary);
  return {
    customers: c.customers,
    total: c.total,
    top1: c.top1?.share ?? null,
    top10pct: c.top10pct?.share ?? null,
    top20pct: c.top20pct?.share ?? null,
    gini: c.gini
  };
}

/** What losing `selected` costs, over customers' monetary (DOMAIN §3) and owners. */
export function dependence(
  customers: readonly { customerId: string; monetary: number; owner: string | null }[],
  selected: ReadonlySet<string>
): DependenceResult {
  const kept: number[] = [];
  let lost = 0;
  let total = 0;
  let count = 0;
  const owners = new Map<string | null, DependenceOwner>();
  for (const c of customers) {
    const positive = Math.max(0, c.monetary);
    total += positive;
    let o = owners.get(c.owner);
    if (!o) owners.set(c.owner, (o = { key: c.owner, revenue: 0, lost: 0 }));
    o.revenue += positive;
    if (selected.has(c.customerId)) {
      count++;
      lost += positive;
      o.lost += positive;
    } else kept.push(c.monetary);
  }
  return {
    selected: count,
    lost,
    total,
    share: total > 0 ? lost / total : null,
    before: figures(customers.map((c) => c.monetary)),
    after: figures(kept),
    byOwner: [...owners.values()]
      .filter((o) => o.revenue > 0)
      .sort((a, b) => b.lost - a.lost || b.revenue - a.revenue)
  };
}

/** The top `n` customers by monetary (ties by customer id), as the concentration view ranks them. */
export function topCustomers(
  customers: readonly { customerId: string; monetary: number }[],
  n: number
): string[] {
  return [...customers]
    .filter((c) => c.monetary > 0)
    .sort((a, b) => b.monetary - a.monetary || (a.customerId < b.customerId ? -1 : 1))
    .slice(0, Math.max(0, n))
    .map((c) => c.customerId);
}
