// Independent reference of the lifetime-value numbers (DOMAIN §6), written from DOMAIN.md and the
// papers, for checking the app: it imports nothing from src/ (ESLint enforces it) and shares no code
// with src/lib/analysis/clv — its own log-gamma, hypergeometric series and optimiser.
//
// Papers: Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
// Pareto/NBD model", Marketing Science 24(2) — likelihood eq. (6), E[X(t) | x, t_x, T] eq. (10);
// Fader, Hardie & Lee (2008), "Computing P(alive) using the BG/NBD model"; Fader, Hardie & Lee (2005),
// "RFM and CLV: using iso-value curves for customer base analysis", JMR 42(4), and Fader & Hardie
// (2013), "The Gamma-Gamma model of monetary value" — the spend likelihood and E[Z | p, q, γ, zbar, x].

/** One transaction line as read from the raw file; rows without `orderId` are orders of their own. */
export interface RefTransaction {
  customerId: string;
  /** Calendar day, `YYYY-MM-DD`. */
  date: string;
  amount: number;
  orderId?: string | null;
}

/** Calibration summary of one customer; t_x and T in weeks. */
export interface RefSummary {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

export interface RefBgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface RefGammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** One customer valued by the reference. */
export interface RefCustomerValue extends RefSummary {
  pAlive: number;
  expected90: number;
  spend: number;
  clv12: number;
}

export interface RefClvResult {
  bgnbd: RefBgnbdParams;
  bgnbdLL: number;
  gammaGamma: RefGammaGammaParams;
  gammaGammaLL: number;
  customers: Map<string, RefCustomerValue>;
}

// ---------------------------------------------------------------------------------------------
// Calibration summary (DOMAIN §6, first bullets), straight from the text.

const dayOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/**
 * Money is compared at a millionth of a unit (as in the RFM reference), so float noise in a
 * cancelled order's total cannot turn a 0 order into a return.
 */
const isNegative = (total: number) => Math.round(total * 1e6) < 0;

/** The latest transaction date: DOMAIN §6's default calibration end. */
export function latestDate(rows: readonly RefTransaction[]): string {
  let last = '';
  for (const r of rows) if (r.date > last) last = r.date;
  return last;
}

/**
 * Purchase days per customer over the given transactions: orders are a distinct order id per
 * customer (else each row), valued at their net total and dated by their earliest row; an order with
 * total < 0 is a return, any other a purchase. A purchase day is a day with at least one purchase,
 * worth the day's net total (its purchases and its returns). Days ascending; customers without a
 * purchase day are absent.
 */
export function referencePurchaseDays(
  rows: readonly RefTransaction[]
): Map<string, { date: string; value: number }[]> {
  const orders = new Map<string, Map<string, { total: number; date: string }>>();
  rows.forEach((row, i) => {
    let mine = orders.get(row.customerId);
    if (!mine) orders.set(row.customerId, (mine = new Map()));
    const key = row.orderId ? `order ${row.orderId}` : `row ${i}`;
    const order = mine.get(key);
    if (!order) mine.set(key, { total: row.amount, date: row.date });
    else {
      order.total += row.amount;
      if (row.date < order.date) order.date = row.date;
    }
  });
  const out = new Map<string, { date: string; value: number }[]>();
  for (const [customerId, mine] of orders) {
    const days = new Map<string, { net: number; purchase: boolean }>();
    for (const order of mine.values()) {
      const day = days.get(order.date) ?? { net: 0, purchase: false };
      day.net += order.total;
      if (!isNegative(order.total)) day.purchase = true;
      days.set(order.date, day);
    }
    const purchaseDays = [...days]
      .filter(([, d]) => d.purchase)
      .map(([date, d]) => ({ date, value: d.net }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    if (purchaseDays.length > 0) out.set(customerId, purchaseDays);
  }
  return out;
}

/**
 * The calibration summary per customer over transactions dated on or before `calibrationEnd`
 * (purchase days as in {@link referencePurchaseDays}): x = purchase days − 1; t_x = (last − first
 * purchase day) / 7; T = (calibration end − first purchase day) / 7; zbar = mean value of the repeat
 * purchase days (0 when x = 0).
 */
export function referenceSummary(
  rows: readonly RefTransaction[],
  calibrationEnd: string
): Map<string, RefSummary> {
  const end = dayOf(calibrationEnd);
  const out = new Map<string, RefSummary>();
  const days = referencePurchaseDays(rows.filter((r) => r.date <= calibrationEnd));
  for (const [customerId, mine] of days) {
    const first = dayOf(mine[0].date);
    const last = dayOf(mine[mine.length - 1].date);
    const x = mine.length - 1;
    const repeatValue = mine.slice(1).reduce((s, d) => s + d.value, 0);
    out.set(customerId, {
      customerId,
      x,
      tx: (last - first) / 7,
      T: (end - first) / 7,
      zbar: x > 0 ? repeatValue / x : 0
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Special functions, written for this reference.

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: shift up to x ≥ 15, then Stirling's series to the x⁻⁷ term (error < 1e-15). */
export function refLogGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

/** Gauss 2F1(a, b; c; z) for 0 ≤ z < 1 by its series, summed until the terms stop mattering. */
export function refHypergeometric(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let total = 1;
  for (let n = 0; n < 1_000_000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    total += term;
    // Once n is past a, b and c the ratio of terms is below z < 1 and keeps falling.
    if (n > Math.max(a, b, c) && Math.abs(term) < 1e-17 * Math.abs(total)) return total;
  }
  throw new Error(`2F1(${a}, ${b}; ${c}; ${z}) did not converge`);
}

// ---------------------------------------------------------------------------------------------
// BG/NBD (FHL 2005).

/**
 * ln L of eq. (6): L = A1 · A2 · (A3 + δ(x>0) · A4) with A1 = Γ(r+x) α^r / Γ(r),
 * A2 = Γ(a+b) Γ(b+x) / (Γ(b) Γ(a+b+x)), A3 = (α+T)^−(r+x), A4 = a/(b+x−1) · (α+t_x)^−(r+x).
 */
export function referenceBgnbdLL(p: RefBgnbdParams, data: readonly RefSummary[]): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  // The gamma functions depend on x only; compute them once per distinct x.
  const byX = new Map<number, number>();
  const lnA1A2 = (x: number) => {
    let v = byX.get(x);
    if (v === undefined) {
      v =
        refLogGamma(r + x) +
        r * Math.log(alpha) -
        refLogGamma(r) +
        refLogGamma(a + b) +
        refLogGamma(b + x) -
        refLogGamma(b) -
        refLogGamma(a + b + x);
      byX.set(x, v);
    }
    return v;
  };
  let ll = 0;
  for (const c of data) {
    const lnA3 = -(r + c.x) * Math.log(alpha + c.T);
    let lnBracket = lnA3;
    if (c.x > 0) {
      const lnA4 = Math.log(a / (b + c.x - 1)) - (r + c.x) * Math.log(alpha + c.tx);
      const hi = Math.max(lnA3, lnA4);
      lnBracket = hi + Math.log(Math.exp(lnA3 - hi) + Math.exp(lnA4 - hi));
    }
    ll += lnA1A2(c.x) + lnBracket;
  }
  return ll;
}

/** P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) (FHL 2008). */
export function referencePAlive(p: RefBgnbdParams, c: Omit<RefSummary, 'customerId'>): number {
  if (c.x === 0) return 1;
  const lnOdds =
    Math.log(p.a / (p.b + c.x - 1)) + (p.r + c.x) * Math.log((p.alpha + c.T) / (p.alpha + c.tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * E[X(t) | x, t_x, T], eq. (10): (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x;
 * a+b+x−1; t/(α+T+t))] · P(alive). The 2F1 goes through Euler's transformation
 * 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z), which turns the bracket into
 * 1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): small first parameters, so the series has no
 * huge terms even for customers with hundreds of purchases.
 */
export function referenceExpected(
  p: RefBgnbdParams,
  t: number,
  c: Omit<RefSummary, 'customerId'>
): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + c.T + t);
  const f = refHypergeometric(a + b - 1 - r, a - 1, a + b + c.x - 1, z);
  const bracket = 1 - Math.pow(1 - z, a - 1) * f;
  return ((a + b + c.x - 1) / (a - 1)) * bracket * referencePAlive(p, c);
}

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma (FHL 2005 "RFM and CLV"; Fader & Hardie 2013).

/** Customers the spend model is fitted on: x > 0 and zbar > 0 (DOMAIN §6). */
export const inSpendFit = (c: RefSummary) => c.x > 0 && c.zbar > 0;

/**
 * ln of Π f(zbar | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · zbar^(px−1) · x^(px) / (γ + x·zbar)^(px+q).
 */
export function referenceGammaGammaLL(g: RefGammaGammaParams, data: readonly RefSummary[]): number {
  const { p, q, gamma } = g;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  let ll = 0;
  for (const c of data) {
    if (!inSpendFit(c)) continue;
    const px = p * c.x;
    ll +=
      refLogGamma(px + q) -
      refLogGamma(px) -
      refLogGamma(q) +
      q * Math.log(gamma) +
      (px - 1) * Math.log(c.zbar) +
      px * Math.log(c.x) -
      (px + q) * Math.log(gamma + c.x * c.zbar);
  }
  return ll;
}

/**
 * E[Z | p, q, γ, zbar, x] = (q−1)/(px+q−1) · γp/(q−1) + px/(px+q−1) · zbar: a weighted mean of the
 * population mean and the customer's own. Customers outside the fit get the population mean.
 */
export function referenceSpend(g: RefGammaGammaParams, c: RefSummary): number {
  const mean = (g.gamma * g.p) / (g.q - 1);
  if (!inSpendFit(c)) return mean;
  const w = g.p * c.x + g.q - 1;
  return ((g.q - 1) / w) * mean + ((g.p * c.x) / w) * c.zbar;
}

// ---------------------------------------------------------------------------------------------
// CLV (DOMAIN §6): Σ_{m=1..H} (E[X by month m] − E[X by month m−1]) · E[spend] / (1+d)^m.

const WEEKS_IN_MONTH = 30 / 7;

export function referenceClv(
  p: RefBgnbdParams,
  c: RefSummary,
  spend: number,
  months = 12,
  monthlyDiscount = 0.01
): number {
  let total = 0;
  let before = 0;
  for (let m = 1; m <= months; m++) {
    const byNow = referenceExpected(p, m * WEEKS_IN_MONTH, c);
    total += ((byNow - before) * spend) / (1 + monthlyDiscount) ** m;
    before = byNow;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// The optimiser: textbook Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) to get
// near the optimum, then damped Newton steps with finite-difference derivatives to land on it.

function nelderMeadPlain(f: (v: number[]) => number, start: number[], step: number): number[] {
  const n = start.length;
  const safe = (v: number[]) => {
    const y = f(v);
    return Number.isFinite(y) ? y : Infinity;
  };
  let pts = [start, ...start.map((_, i) => start.map((s, k) => (k === i ? s + step : s)))];
  let vals = pts.map(safe);
  for (let iter = 0; iter < 20_000; iter++) {
    const order = vals.map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
    pts = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    const size = Math.max(
      ...pts.slice(1).map((p) => Math.max(...p.map((v, k) => Math.abs(v - pts[0][k]))))
    );
    if (size < 1e-9 && vals[n] - vals[0] < 1e-10 * (1 + Math.abs(vals[0]))) break;
    const centre = start.map((_, k) => pts.slice(0, n).reduce((s, p) => s + p[k], 0) / n);
    const along = (t: number) => centre.map((c, k) => c + t * (pts[n][k] - c));
    const reflected = along(-1);
    const fr = safe(reflected);
    if (fr < vals[0]) {
      const expanded = along(-2);
      const fe = safe(expanded);
      [pts[n], vals[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < vals[n - 1]) {
      [pts[n], vals[n]] = [reflected, fr];
    } else {
      const contracted = fr < vals[n] ? along(-0.5) : along(0.5);
      const fc = safe(contracted);
      if (fc < Math.min(fr, vals[n])) [pts[n], vals[n]] = [contracted, fc];
      else
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, k) => pts[0][k] + 0.5 * (v - pts[0][k]));
          vals[i] = safe(pts[i]);
        }
    }
  }
  return pts[vals.indexOf(Math.min(...vals))];
}

/** Solves (H + λI) d = −g by Cholesky; null when the matrix is not positive definite. */
function dampedStep(H: number[][], g: number[], lambda: number): number[] | null {
  const n = g.length;
  const L = H.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = H[i][j] + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = -g[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const d = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * d[k];
    d[i] = s / L[i][i];
  }
  return d;
}

function newtonPolish(f: (v: number[]) => number, start: number[]): number[] {
  const n = start.length;
  let x = start.slice();
  let fx = f(x);
  const h = 1e-4;
  const at = (i: number, di: number, j = -1, dj = 0) =>
    f(x.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
  for (let iter = 0; iter < 200; iter++) {
    const g = x.map((_, i) => (at(i, h) - at(i, -h)) / (2 * h));
    const H = x.map(() => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      H[i][i] = (at(i, h) - 2 * fx + at(i, -h)) / (h * h);
      for (let j = 0; j < i; j++)
        H[i][j] = H[j][i] =
          (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
    }
    const scale = Math.max(...H.map((row, i) => Math.abs(row[i])), 1e-12);
    let moved = false;
    for (
      let lambda = 0;
      lambda <= 1e12 * scale;
      lambda = lambda === 0 ? 1e-9 * scale : lambda * 10
    ) {
      const d = dampedStep(H, g, lambda);
      if (!d) continue;
      const next = x.map((v, k) => v + d[k]);
      const fn = f(next);
      if (Number.isFinite(fn) && fn <= fx) {
        const size = Math.max(...d.map(Math.abs));
        moved = size > 1e-12 && fn < fx;
        x = next;
        fx = fn;
        break;
      }
    }
    if (!moved) break;
  }
  return x;
}

/** Minimises f over R^n from `start`: Nelder–Mead restarted until it stops improving, then Newton. */
export function referenceMinimize(f: (v: number[]) => number, start: number[]): number[] {
  let x = nelderMeadPlain(f, start, 1);
  for (let k = 0; k < 20; k++) {
    const before = f(x);
    x = nelderMeadPlain(f, x, 0.05);
    if (before - f(x) < 1e-9) break;
  }
  return newtonPolish(f, x);
}

// ---------------------------------------------------------------------------------------------
// The whole model.

/** Fits BG/NBD on all summaries and Gamma-Gamma on those with x > 0, zbar > 0; values everyone. */
export function referenceClvFit(summaries: Iterable<RefSummary>): RefClvResult {
  const data = [...summaries];
  const meanT = data.reduce((s, c) => s + c.T, 0) / data.length;
  const toBg = (v: number[]) => ({
    r: Math.exp(v[0]),
    alpha: Math.exp(v[1]),
    a: Math.exp(v[2]),
    b: Math.exp(v[3])
  });
  const bgV = referenceMinimize(
    (v) => -referenceBgnbdLL(toBg(v), data),
    [0, Math.log(Math.max(meanT, 1)), 0, 0]
  );
  const bgnbd = toBg(bgV);
  const spendData = data.filter(inSpendFit);
  const toGg = (v: number[]) => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const ggV = referenceMinimize((v) => -referenceGammaGammaLL(toGg(v), spendData), [0, 0, 0]);
  const gammaGamma = toGg(ggV);
  const customers = new Map<string, RefCustomerValue>();
  for (const c of data) {
    const spend = referenceSpend(gammaGamma, c);
    customers.set(c.customerId, {
      ...c,
      pAlive: referencePAlive(bgnbd, c),
      expected90: referenceExpected(bgnbd, 90 / 7, c),
      spend,
      clv12: referenceClv(bgnbd, c, spend)
    });
  }
  return {
    bgnbd,
    bgnbdLL: referenceBgnbdLL(bgnbd, data),
    gammaGamma,
    gammaGammaLL: referenceGammaGammaLL(gammaGamma, spendData),
    customers
  };
}

/** |app − ref| within `relative` of |ref|, or within `absolute` for values near 0. */
export function isClose(app: number, ref: number, relative: number, absolute: number): boolean {
  return Math.abs(app - ref) <= Math.max(relative * Math.abs(ref), absolute);
}
