// Segment rule table (DOMAIN §3): the default rules, first-match lookup with reasons, validation.
import type {
  RangeMiss,
  RuleCheck,
  RuleLang,
  RuleProblem,
  ScoreKey,
  SegmentMatch,
  SegmentRule
} from './types';

/** Id of the fallback segment when no rule matches. */
export const OTHERS_ID = 'others';
/** Names of the fallback segment. */
export const OTHERS_NAME: Readonly<SegmentRule['name']> = { en: 'Others', 'zh-CN': '其他' };
/**
 * The bin count the default rules were written for. They are in score units and are used as-is
 * with any bin count (`validateRules` then reports ranges outside 1..bins).
 */
export const DEFAULT_RULES_BINS = 5;

const SCORE_KEYS: readonly ScoreKey[] = ['r', 'f', 'm'];
const LANGS: readonly RuleLang[] = ['en', 'zh-CN'];

type Row = [string, string, string, number, number, number, number, number, number];
const DEFAULT_ROWS: Row[] = [
  ['champions', 'Champions', '核心客户', 5, 5, 5, 5, 5, 5],
  ['potential_loyalist', 'Potential Loyalist', '潜在忠诚客户', 3, 5, 3, 5, 2, 5],
  ['loyal_customers', 'Loyal Customers', '忠诚客户', 2, 4, 2, 4, 2, 4],
  ['promising', 'Promising', '潜力新客', 3, 4, 1, 3, 3, 5],
  ['new_customers', 'New Customers', '新客户', 4, 5, 1, 3, 1, 5],
  ['cant_lose_them', "Can't Lose Them", '重要挽回客户', 1, 2, 3, 4, 4, 5],
  ['at_risk', 'At Risk', '流失风险客户', 1, 2, 2, 5, 4, 5],
  ['need_attention', 'Need Attention', '需关注客户', 1, 3, 3, 5, 3, 5],
  ['about_to_sleep', 'About To Sleep', '即将沉睡客户', 2, 3, 1, 3, 1, 4],
  ['lost', 'Lost', '已流失客户', 1, 1, 1, 5, 1, 5]
];

/**
 * Chinese names the default rules carried before the glossary (GLOSSARY.md) renamed them, with
 * their new names. No old name is a new name, so renaming twice changes nothing.
 */
export const RENAMED_DEFAULT_NAMES_ZH: Readonly<Record<string, string>> = {
  冠军客户: '核心客户',
  有潜力客户: '潜力新客',
  不能失去的客户: '重要挽回客户',
  有流失风险客户: '流失风险客户',
  需要关注客户: '需关注客户',
  流失客户: '已流失客户'
};

/**
 * Saved rule tables written before the renaming: a rule whose Chinese name is exactly an old
 * default name gets the new one (whatever its id, since a kept default name means the user never
 * renamed it). Any other name — the user's own — is kept as typed. Returns a new array; rules
 * that need no change are the same objects.
 */
export function migrateRuleNames(rules: readonly SegmentRule[]): SegmentRule[] {
  return rules.map((rule) => {
    const zh = rule.name?.['zh-CN'];
    // hasOwn, so a name like `constructor` never reads Object.prototype.
    if (typeof zh !== 'string' || !Object.hasOwn(RENAMED_DEFAULT_NAMES_ZH, zh)) return rule;
    return { ...rule, name: { ...rule.name, 'zh-CN': RENAMED_DEFAULT_NAMES_ZH[zh] } };
  });
}

/** A fresh, editable copy of the default rule table (R package `rfm` 0.3.0, for 5 bins). */
export function createDefaultRules(): SegmentRule[] {
  return DEFAULT_ROWS.map(([id, en, zh, r0, r1, f0, f1, m0, m1]) => ({
    id,
    name: { en, 'zh-CN': zh },
    r: [r0, r1],
    f: [f0, f1],
    m: [m0, m1]
  }));
}

/** The default rule table, in DOMAIN §3 order. Do not mutate; use {@link createDefaultRules}. */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = createDefaultRules();

/** A segment's display name in `lang` (`others` included; unknown ids come back as they are). */
export function segmentName(id: string, rules: readonly SegmentRule[], lang: RuleLang): string {
  if (id === OTHERS_ID) return OTHERS_NAME[lang];
  return rules.find((rule) => rule.id === id)?.name[lang] ?? id;
}

/** Which scores fall outside the rule's inclusive ranges (empty: the rule matches). */
function missesOf(rule: SegmentRule, scores: Record<ScoreKey, number>): RangeMiss[] {
  const misses: RangeMiss[] = [];
  for (const key of SCORE_KEYS) {
    const [min, max] = rule[key];
    const score = scores[key];
    if (score < min || score > max) misses.push({ key, score, range: [min, max] });
  }
  return misses;
}

/**
 * The first rule whose three ranges contain the scores, or `others`; `checks` lists every rule
 * tried with the scores that were out of range, so the UI can say why each earlier rule failed.
 */
export function matchSegment(
  r: number,
  f: number,
  m: number,
  rules: readonly SegmentRule[]
): SegmentMatch {
  const checks: RuleCheck[] = [];
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex];
    const misses = missesOf(rule, { r, f, m });
    checks.push({ ruleIndex, id: rule.id, matched: misses.length === 0, misses });
    if (misses.length === 0) return { id: rule.id, ruleIndex, checks };
  }
  return { id: OTHERS_ID, ruleIndex: -1, checks };
}

/** The whole scores in 1..bins that an inclusive range contains, as [first, last]. */
function clampRange([min, max]: [number, number], bins: number): [number, number] {
  return [Math.max(1, Math.ceil(min)), Math.min(bins, Math.floor(max))];
}

/** Rule index (−1 for others) of every score triple in 1..bins, at `((r−1)·bins + f−1)·bins + m−1`. */
function lookupTable(rules: readonly SegmentRule[], bins: number): Int16Array {
  const table = new Int16Array(bins ** 3).fill(-1);
  for (let i = rules.length - 1; i >= 0; i--) {
    // Later rules first, so earlier ones overwrite them.
    const [r, f, m] = SCORE_KEYS.map((k) => clampRange(rules[i][k], bins));
    for (let a = r[0]; a <= r[1]; a++) {
      for (let b = f[0]; b <= f[1]; b++) {
        for (let c = m[0]; c <= m[1]; c++) {
          table[((a - 1) * bins + b - 1) * bins + c - 1] = i;
        }
      }
    }
  }
  return table;
}

/** A fast first-match function for scores in 1..bins: returns the rule index, −1 for others. */
export function createSegmentMatcher(
  rules: readonly SegmentRule[],
  bins: number
): (r: number, f: number, m: number) => number {
  const table = lookupTable(rules, bins);
  return (r, f, m) => table[((r - 1) * bins + f - 1) * bins + m - 1];
}

/** Problems of one rule on its own (ids, names, ranges). */
function ruleProblems(rule: SegmentRule, ruleIndex: number, bins: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (p: Omit<RuleProblem, 'ruleIndex'>) => problems.push({ ruleIndex, ...p });
  if (rule.id.trim() === '') add({ code: 'empty_id', severity: 'error' });
  if (rule.id === OTHERS_ID) add({ code: 'reserved_id', severity: 'error' });
  for (const lang of LANGS) {
    if ((rule.name[lang] ?? '').trim() === '') add({ code: 'empty_name', severity: 'error', lang });
  }
  for (const key of SCORE_KEYS) {
    const [min, max] = rule[key];
    if (!Number.isInteger(min) || !Number.isInteger(max)) {
      add({ code: 'not_integer', severity: 'error', key });
    } else if (min > max) add({ code: 'min_gt_max', severity: 'error', key });
    else if (min < 1 || max > bins) add({ code: 'out_of_range', severity: 'warning', key });
  }
  return problems;
}

/**
 * Problems in a rule table for `bins` scores: errors (empty or duplicate or reserved id, empty
 * name in either language, non-integer bounds, min > max) and warnings (a range reaching outside
 * 1..bins; a rule whose every score triple is already taken by earlier rules, so it never wins).
 */
export function validateRules(rules: readonly SegmentRule[], bins: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const firstIndex = new Map<string, number>();
  rules.forEach((rule, ruleIndex) => {
    problems.push(...ruleProblems(rule, ruleIndex, bins));
    const first = firstIndex.get(rule.id);
    if (first === undefined) firstIndex.set(rule.id, ruleIndex);
    else problems.push({ ruleIndex, code: 'duplicate_id', severity: 'error', others: [first] });
  });
  const table = lookupTable(rules, bins);
  rules.forEach((rule, ruleIndex) => {
    // An empty box (min > max, or outside 1..bins) is reported above, not as shadowed.
    const [r, f, m] = SCORE_KEYS.map((k) => clampRange(rule[k], bins));
    if (r[0] > r[1] || f[0] > f[1] || m[0] > m[1]) return;
    const winners = new Set<number>();
    for (let a = r[0]; a <= r[1]; a++) {
      for (let b = f[0]; b <= f[1]; b++) {
        for (let c = m[0]; c <= m[1]; c++) {
          winners.add(table[((a - 1) * bins + b - 1) * bins + c - 1]);
        }
      }
    }
    if (!winners.has(ruleIndex)) {
      const others = [...winners].sort((x, y) => x - y);
      problems.push({ ruleIndex, code: 'shadowed', severity: 'warning', others });
    }
  });
  return problems.sort((a, b) => a.ruleIndex - b.ruleIndex);
}
