// Recognises a targets sheet (DOMAIN §7, §7a) from its headers and values: which column is the key
// (rep, team, region …), the period, the targets, the parent team and the market size.
import { parsePeriod } from '$lib/analysis/period';
import { normalizeHeader } from './detect-roles';
import { isMissingText } from './parse-values';
import { TARGET_VALUE_ROLES, type ColumnGuess, type Role } from './types';

type TargetRole =
  'target_key' | 'period' | 'revenue_target' | 'new_customer_target' | 'parent' | 'market_size';

// Normalized header (see normalizeHeader; `Team (parent)` is also tried as `teamparent`) → role.
const EXACT_WORDS = `
target_key: 销售代表 业务员 负责人 销售员 销售 客户经理 团队 销售团队 小组 部门 区域 大区 地区 省份 城市 salesrep rep salesperson owner accountmanager team salesteam region territory area key
period: 期间 月份 月 季度 年度 年份 年 考核期间 目标期间 period month quarter year
revenue_target: 销售目标 目标金额 目标销售额 销售额目标 目标 业绩目标 销售指标 target revenuetarget salestarget salesquota quota
new_customer_target: 新客户目标 新增客户目标 新客目标 新客户数目标 新增客户数目标 newcustomertarget newcustomerstarget newcustomers
parent: 所属团队 上级 上级团队 所属部门 所属区域 teamparent parent parentteam
market_size: 市场规模 市场容量 市场总量 marketsize market`;
const EXACT = new Map<string, TargetRole>(
  EXACT_WORDS.trim()
    .split('\n')
    .flatMap((line) => {
      const [role, words] = line.split(': ');
      return words.split(' ').map((w): [string, TargetRole] => [w, role as TargetRole]);
    })
);
// Tried in order when no exact word matches; the first hit wins.
const PARTIAL: [RegExp, TargetRole][] = [
  [/新.*客.*(?:目标|指标)|newcustomer|newclient/, 'new_customer_target'],
  [/所属|上级|parent/, 'parent'],
  [/市场|market/, 'market_size'],
  [/期间|月份|季度|年度|年份|period|month|quarter/, 'period'],
  [/目标|指标|target|quota|budget|预算/, 'revenue_target'],
  [
    /代表|业务员|负责人|销售员|经理|团队|区域|大区|部门|rep$|team|region|territory|owner|manager/,
    'target_key'
  ]
];

const SCORE = { exact: 100, partial: 60, values: 20 } as const;
/**
 * Share of non-empty sampled values that must read as periods for a column to be the period: most
 * of them when only the values say so, half when the header says so too (bad periods are rejected
 * row by row at import, and named in the report).
 */
const PERIOD_SHARE = { values: 0.8, header: 0.5 };

/** What a header says: `Team (parent)` keeps its bracket (`teamparent`), `销售目标（元）` drops it. */
function headerHint(header: string): { role: TargetRole; strength: 'exact' | 'partial' } | null {
  const full = normalizeHeader(header.replace(/[(（[【)）\]】]/g, ''));
  const bare = normalizeHeader(header);
  for (const h of [full, bare]) {
    const role = EXACT.get(h);
    if (role) return { role, strength: 'exact' };
  }
  for (const h of [full, bare]) {
    const hit = PARTIAL.find(([re]) => re.test(h));
    if (hit) return { role: hit[1], strength: 'partial' };
  }
  return null;
}

/**
 * The share of `column`'s non-empty values in the sample `rows` that are periods in a DOMAIN §7a
 * format; 0 when it cannot reach `threshold` (the one its column is compared with).
 */
function periodShare(rows: string[][], column: number, threshold: number): number {
  const present = rows.map((r) => r[column] ?? '').filter((v) => !isMissingText(v));
  if (present.length === 0) return 0;
  // Only whether the share reaches `threshold` counts: once too many are not periods, it cannot
  // (an orders file's columns stop after a fifth of the sample instead of parsing 5,000 each).
  // The best share still possible is compared as the share itself is (`1 - 0.8` is not 0.2).
  const n = present.length;
  let periods = 0;
  for (let k = 0; k < n; k++) {
    if (parsePeriod(present[k]) !== null) periods++;
    else if ((periods + n - k - 1) / n < threshold) return 0;
  }
  return periods / n;
}

/** Whether a column's values can hold a target role (numbers are checked row by row at import). */
function fits(role: TargetRole, g: ColumnGuess, share: number): boolean {
  return role === 'period' ? share >= PERIOD_SHARE.header : g.type !== 'date';
}

/**
 * The columns of a targets sheet: `base` are the guesses of the orders detector (their value types
 * and decimal marks are kept), `rows` the sample. Each role goes to at most one column (best score,
 * then leftmost); a column whose values are periods is the period even without a known header; the
 * first text column left is the key when no header names one. Other columns are not imported.
 */
export function detectTargetColumns(base: readonly ColumnGuess[], rows: string[][]): ColumnGuess[] {
  const sample = rows.slice(0, 5000);
  const candidates: { column: number; role: TargetRole; score: number; sure: boolean }[] = [];
  const periodColumns = new Set<number>();
  base.forEach((g) => {
    const hint = headerHint(g.header);
    // The lower threshold matters only where the header says period (`fits`); 0 (no share) when
    // it is not reached.
    const threshold = hint?.role === 'period' ? PERIOD_SHARE.header : PERIOD_SHARE.values;
    const share = g.type === 'date' ? 0 : periodShare(sample, g.index, threshold);
    const periods = share >= PERIOD_SHARE.values;
    if (periods) periodColumns.add(g.index);
    if (hint && fits(hint.role, g, share)) {
      candidates.push({
        column: g.index,
        role: hint.role,
        score: SCORE[hint.strength],
        sure: hint.strength === 'exact'
      });
    } else if (periods) {
      candidates.push({ column: g.index, role: 'period', score: SCORE.values, sure: false });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const out = base.map((g): ColumnGuess => ({
    ...g,
    role: 'ignore',
    confidence: 'medium' as const
  }));
  const taken = new Set<Role>();
  const done = new Set<number>();
  for (const c of candidates) {
    if (done.has(c.column) || taken.has(c.role)) continue;
    out[c.column].role = c.role;
    out[c.column].confidence = c.sure ? 'high' : 'medium';
    taken.add(c.role);
    done.add(c.column);
  }
  if (!taken.has('target_key')) {
    const key = out.find(
      (g) => g.role === 'ignore' && g.type === 'text' && !periodColumns.has(g.index)
    );
    if (key) {
      key.role = 'target_key';
      key.confidence = 'low';
    }
  }
  return out;
}

/**
 * True when the file reads as a targets sheet: a period column and a target column, and no order
 * date (an orders file with a month column stays an orders file).
 */
export function looksLikeTargets(
  orderGuesses: readonly ColumnGuess[],
  targetGuesses: readonly ColumnGuess[]
): boolean {
  const has = (role: Role) => targetGuesses.some((g) => g.role === role);
  return (
    has('period') &&
    TARGET_VALUE_ROLES.some(has) &&
    !orderGuesses.some((g) => g.role === 'date' || g.role === 'last_purchase_date')
  );
}
