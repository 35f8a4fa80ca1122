// Which currency an amount column is in, from its header and a sample of its raw cells (GLOSSARY).

/** The currencies the app names and writes with a symbol (GLOSSARY.md "Writing numbers"). */
export const CURRENCIES = ['CNY', 'USD', 'GBP', 'EUR', 'HKD'] as const;
/** A dataset's currency; `null` when unknown (amounts are then shown as plain numbers). */
export type Currency = (typeof CURRENCIES)[number];

/** What one marker says: a known currency, or some other currency we do not name. */
type Marker = Currency | 'other';

/** An ISO code as a whole word (not inside `EUROPE` or `GBPX`), any case. */
const code = (codes: string) => new RegExp(`(?<![A-Za-z])(?:${codes})(?![A-Za-z])`, 'gi');

/**
 * Markers in the order they are looked for. Each match is blanked out before the next pattern
 * runs, so the longer, more specific marker wins: `HK$` and `US$` before `$`, 港元 / 美元 / 欧元 /
 * 日元 before 元, `JP¥` before `¥`. Dollars with another prefix (`NT$`, `S$`, `A$`, …), other ISO
 * codes and 日元/円 are "other": they keep a column from being read as CNY or USD.
 */
const MARKERS: [RegExp, Marker][] = [
  [/HK\$|港元|港币|港幣/gi, 'HKD'],
  [code('HKD'), 'HKD'],
  [/US\$|美元/gi, 'USD'],
  [code('USD'), 'USD'],
  [/JP¥|JP￥|日元|円|(?<![A-Za-z])[A-Za-z]{1,3}\$/gi, 'other'],
  [code('JPY|AUD|CAD|SGD|TWD|NZD|CHF|KRW|INR|MOP|MYR|THB'), 'other'],
  [/欧元|€/gi, 'EUR'],
  [code('EUR'), 'EUR'],
  [/英镑|英鎊|£/gi, 'GBP'],
  [code('GBP'), 'GBP'],
  [/人民币|人民幣|[¥￥元]/gi, 'CNY'],
  [code('CNY|RMB'), 'CNY'],
  [/\$/g, 'USD']
];

/** Every currency marker in one text (a header or a cell). */
function markersIn(text: string): Set<Marker> {
  const found = new Set<Marker>();
  let rest = text;
  for (const [pattern, marker] of MARKERS) {
    rest = rest.replace(pattern, () => {
      found.add(marker);
      return ' ';
    });
  }
  return found;
}

/**
 * The currency of an amount column: ￥ ¥ 元 人民币 RMB CNY → CNY; $ US$ USD 美元 → USD; £ GBP 英镑 →
 * GBP; € EUR 欧元 → EUR; HK$ HKD 港元 → HKD. The header (e.g. `金额(元)`, `Sales (USD)`) and the
 * sample cells (e.g. `¥1,234.50`, `£3.75`) are all read; when they name exactly one currency that
 * is it. No marker at all, markers of two currencies (a mixed column, or a header saying one thing
 * and the cells another), or a currency we do not name (`NT$`, `JPY` …) give null: the user then
 * chooses in the mapping step.
 */
export function detectCurrency(header: string, samples: readonly string[]): Currency | null {
  const found = new Set<Marker>();
  for (const text of [header, ...samples]) {
    if (typeof text === 'string') for (const m of markersIn(text)) found.add(m);
  }
  if (found.size !== 1) return null;
  const [only] = found;
  return only === 'other' ? null : only;
}

/** Roles whose columns hold money, in the order their currency is looked for. */
export const MONEY_ROLES = ['amount', 'monetary', 'unit_price'] as const;

/**
 * The currency of a file from its guessed money columns (amount, monetary, unit price): their
 * headers and their sampled raw cells read together, as {@link detectCurrency} reads one column.
 * Null when no column holds money or they do not name exactly one currency.
 */
export function detectFileCurrency(
  columns: readonly { index: number; header: string; role: string }[],
  rows: readonly (readonly string[])[]
): Currency | null {
  const money = columns.filter((c) => (MONEY_ROLES as readonly string[]).includes(c.role));
  if (money.length === 0) return null;
  const texts: string[] = money.slice(1).map((c) => c.header);
  for (const row of rows) for (const c of money) if (row[c.index]) texts.push(row[c.index]);
  return detectCurrency(money[0].header, texts);
}
