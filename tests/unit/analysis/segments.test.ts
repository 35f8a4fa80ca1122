// Segment rules (DOMAIN §3): the default table, first-match order with reasons, validation.
import { describe, expect, it } from 'vitest';
import {
  createDefaultRules,
  createSegmentMatcher,
  DEFAULT_SEGMENT_RULES,
  matchSegment,
  migrateRuleNames,
  segmentName,
  validateRules
} from '../../../src/lib/analysis/segments';
import type { SegmentRule } from '../../../src/lib/analysis/types';

type Range = [number, number];
const rule = (id: string, r: Range, f: Range, m: Range): SegmentRule => ({
  id,
  name: { en: id, 'zh-CN': id },
  r,
  f,
  m
});
const all: Range = [1, 5];

describe('DEFAULT_SEGMENT_RULES', () => {
  it('is the DOMAIN §3 table, in order', () => {
    const rows = DEFAULT_SEGMENT_RULES.map((x) => [
      x.id,
      x.name.en,
      x.name['zh-CN'],
      x.r,
      x.f,
      x.m
    ]);
    expect(rows).toEqual([
      ['champions', 'Champions', '核心客户', [5, 5], [5, 5], [5, 5]],
      ['potential_loyalist', 'Potential Loyalist', '潜在忠诚客户', [3, 5], [3, 5], [2, 5]],
      ['loyal_customers', 'Loyal Customers', '忠诚客户', [2, 4], [2, 4], [2, 4]],
      ['promising', 'Promising', '潜力新客', [3, 4], [1, 3], [3, 5]],
      ['new_customers', 'New Customers', '新客户', [4, 5], [1, 3], [1, 5]],
      ['cant_lose_them', "Can't Lose Them", '重要挽回客户', [1, 2], [3, 4], [4, 5]],
      ['at_risk', 'At Risk', '流失风险客户', [1, 2], [2, 5], [4, 5]],
      ['need_attention', 'Need Attention', '需关注客户', [1, 3], [3, 5], [3, 5]],
      ['about_to_sleep', 'About To Sleep', '即将沉睡客户', [2, 3], [1, 3], [1, 4]],
      ['lost', 'Lost', '已流失客户', [1, 1], [1, 5], [1, 5]]
    ]);
  });

  it('hands out independent copies', () => {
    const copy = createDefaultRules();
    copy[0].r[0] = 1;
    copy[0].name.en = 'Mine';
    expect(DEFAULT_SEGMENT_RULES[0].r).toEqual([5, 5]);
    expect(DEFAULT_SEGMENT_RULES[0].name.en).toBe('Champions');
  });

  it('has no problems with 5 bins', () => {
    expect(validateRules(DEFAULT_SEGMENT_RULES, 5)).toEqual([]);
  });
});

describe('matchSegment with the default rules: first match wins', () => {
  it.each<[number, number, number, string]>([
    [5, 5, 5, 'champions'],
    [3, 3, 3, 'potential_loyalist'], // rule 2 comes before Loyal Customers (2–4 ×3)
    [4, 4, 4, 'potential_loyalist'],
    [2, 2, 2, 'loyal_customers'],
    [3, 1, 3, 'promising'],
    [5, 1, 1, 'new_customers'],
    [1, 4, 5, 'cant_lose_them'],
    [1, 5, 5, 'at_risk'], // F 5 is outside Can't Lose Them's 3–4
    [1, 2, 4, 'at_risk'],
    [1, 3, 3, 'need_attention'],
    [2, 5, 3, 'need_attention'],
    [2, 1, 1, 'about_to_sleep'],
    [3, 1, 1, 'about_to_sleep'], // Promising needs M ≥ 3
    [1, 1, 1, 'lost'],
    [2, 1, 5, 'others'], // About To Sleep needs M ≤ 4, Lost needs R = 1
    [5, 5, 1, 'others']
  ])('%i%i%i → %s', (r, f, m, expected) => {
    expect(matchSegment(r, f, m, DEFAULT_SEGMENT_RULES).id).toBe(expected);
  });

  it('explains why earlier rules failed and which one matched', () => {
    expect(matchSegment(3, 3, 3, DEFAULT_SEGMENT_RULES)).toEqual({
      id: 'potential_loyalist',
      ruleIndex: 1,
      checks: [
        {
          ruleIndex: 0,
          id: 'champions',
          matched: false,
          misses: [
            { key: 'r', score: 3, range: [5, 5] },
            { key: 'f', score: 3, range: [5, 5] },
            { key: 'm', score: 3, range: [5, 5] }
          ]
        },
        { ruleIndex: 1, id: 'potential_loyalist', matched: true, misses: [] }
      ]
    });
  });

  it('lists every rule for others', () => {
    const match = matchSegment(2, 1, 5, DEFAULT_SEGMENT_RULES);
    expect(match.ruleIndex).toBe(-1);
    expect(match.checks).toHaveLength(10);
    expect(match.checks.every((c) => !c.matched)).toBe(true);
    expect(match.checks[3].misses).toEqual([{ key: 'r', score: 2, range: [3, 4] }]);
    expect(match.checks[8].misses).toEqual([{ key: 'm', score: 5, range: [1, 4] }]);
    expect(match.checks[9].misses).toEqual([{ key: 'r', score: 2, range: [1, 1] }]);
  });

  it('falls back to others with no rules', () => {
    expect(matchSegment(5, 5, 5, [])).toEqual({ id: 'others', ruleIndex: -1, checks: [] });
  });
});

describe('createSegmentMatcher', () => {
  it.each([2, 5, 10])('agrees with matchSegment on every score triple for %i bins', (bins) => {
    const find = createSegmentMatcher(DEFAULT_SEGMENT_RULES, bins);
    for (let r = 1; r <= bins; r++) {
      for (let f = 1; f <= bins; f++) {
        for (let m = 1; m <= bins; m++) {
          expect(find(r, f, m)).toBe(matchSegment(r, f, m, DEFAULT_SEGMENT_RULES).ruleIndex);
        }
      }
    }
  });
});

describe('segmentName', () => {
  it.each([
    ['champions', 'zh-CN', '核心客户'],
    ['cant_lose_them', 'en', "Can't Lose Them"],
    ['others', 'en', 'Others'],
    ['others', 'zh-CN', '其他'],
    ['custom-9', 'en', 'custom-9']
  ] as const)('%s in %s → %s', (id, lang, expected) => {
    expect(segmentName(id, DEFAULT_SEGMENT_RULES, lang)).toBe(expected);
  });
});

describe('validateRules', () => {
  const good = rule('good', all, all, [1, 2]);
  it.each<[string, SegmentRule[], ReturnType<typeof validateRules>]>([
    ['empty id', [{ ...good, id: ' ' }], [{ ruleIndex: 0, code: 'empty_id', severity: 'error' }]],
    [
      'reserved id',
      [{ ...good, id: 'others' }],
      [{ ruleIndex: 0, code: 'reserved_id', severity: 'error' }]
    ],
    [
      'duplicate id',
      [good, rule('good', all, all, [3, 5])],
      [{ ruleIndex: 1, code: 'duplicate_id', severity: 'error', others: [0] }]
    ],
    [
      'empty names',
      [{ ...good, name: { en: '', 'zh-CN': '  ' } }],
      [
        { ruleIndex: 0, code: 'empty_name', severity: 'error', lang: 'en' },
        { ruleIndex: 0, code: 'empty_name', severity: 'error', lang: 'zh-CN' }
      ]
    ],
    [
      'min > max',
      [rule('x', [4, 2], all, all)],
      [{ ruleIndex: 0, code: 'min_gt_max', severity: 'error', key: 'r' }]
    ],
    [
      'not whole scores',
      [rule('x', all, all, [1.5, 3])],
      [{ ruleIndex: 0, code: 'not_integer', severity: 'error', key: 'm' }]
    ],
    [
      'outside 1..bins',
      [rule('x', all, [0, 3], [2, 6])],
      [
        { ruleIndex: 0, code: 'out_of_range', severity: 'warning', key: 'f' },
        { ruleIndex: 0, code: 'out_of_range', severity: 'warning', key: 'm' }
      ]
    ],
    [
      'shadowed by one earlier rule',
      [rule('wide', all, all, all), rule('narrow', [2, 3], [1, 1], all)],
      [{ ruleIndex: 1, code: 'shadowed', severity: 'warning', others: [0] }]
    ],
    [
      'shadowed by several earlier rules together',
      [
        rule('low', [1, 2], all, all),
        rule('high', [3, 5], all, all),
        rule('x', [2, 3], [1, 1], [1, 1])
      ],
      [{ ruleIndex: 2, code: 'shadowed', severity: 'warning', others: [0, 1] }]
    ],
    ['partly covered is fine', [rule('low', [1, 2], all, all), rule('x', [2, 3], all, all)], []]
  ])('%s', (_, rules, expected) => {
    expect(validateRules(rules, 5)).toEqual(expected);
  });

  it('warns, but does not fail, when the 5-bin defaults meet 3 bins', () => {
    const problems = validateRules(DEFAULT_SEGMENT_RULES, 3);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.filter((p) => p.ruleIndex === 0).map((p) => [p.code, p.key])).toEqual([
      ['out_of_range', 'r'],
      ['out_of_range', 'f'],
      ['out_of_range', 'm']
    ]);
  });
});

describe('migrateRuleNames', () => {
  const named = (id: string, en: string, zh: string): SegmentRule => ({
    ...rule(id, all, all, all),
    name: { en, 'zh-CN': zh }
  });

  // Old default names (before GLOSSARY.md) → the names DOMAIN §3 gives now.
  it.each([
    ['champions', '冠军客户', '核心客户'],
    ['promising', '有潜力客户', '潜力新客'],
    ['cant_lose_them', '不能失去的客户', '重要挽回客户'],
    ['at_risk', '有流失风险客户', '流失风险客户'],
    ['need_attention', '需要关注客户', '需关注客户'],
    ['lost', '流失客户', '已流失客户']
  ])('renames the old default %s name %s → %s', (id, old, renamed) => {
    const [out] = migrateRuleNames([named(id, 'Kept', old)]);
    expect(out.name).toEqual({ en: 'Kept', 'zh-CN': renamed });
  });

  it('renames an old default name whatever the rule id (a reordered or re-added default)', () => {
    expect(migrateRuleNames([named('custom-3', 'x', '流失客户')])[0].name['zh-CN']).toBe(
      '已流失客户'
    );
  });

  it.each([
    ['a name of the user', '我的大客户'],
    ['a near miss (not exact)', ' 冠军客户'],
    ['an unchanged default name', '忠诚客户'],
    ['a new default name', '已流失客户'],
    ['a prototype key', 'constructor']
  ])('keeps %s', (_label, zh) => {
    const input = named('lost', 'Lost', zh);
    const [out] = migrateRuleNames([input]);
    expect(out).toBe(input);
  });

  it('is idempotent and leaves the input untouched', () => {
    const input = [named('champions', 'Champions', '冠军客户'), named('x', 'X', '我的')];
    const once = migrateRuleNames(input);
    expect(migrateRuleNames(once)).toEqual(once);
    expect(input[0].name['zh-CN']).toBe('冠军客户');
    expect(once[1]).toBe(input[1]);
  });

  it('turns the old default table into the new one', () => {
    const old = createDefaultRules();
    const oldNames = ['冠军客户', '潜在忠诚客户', '忠诚客户', '有潜力客户', '新客户'];
    oldNames.push('不能失去的客户', '有流失风险客户', '需要关注客户', '即将沉睡客户', '流失客户');
    old.forEach((r, i) => (r.name['zh-CN'] = oldNames[i]));
    expect(migrateRuleNames(old)).toEqual(DEFAULT_SEGMENT_RULES);
  });
});
