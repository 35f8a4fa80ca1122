// CSAT, NPS, latest answer per customer, behaviour and lists against values worked out by hand from
// DOMAIN §7b (CSAT = share of 4–5 answers; NPS = % 9–10 − % 0–6 in points; lapsed = recency > 180).
import { describe, expect, it } from 'vitest';
import {
  computeSatisfaction,
  latestAnswers,
  median,
  npsGroup,
  satisfactionStats,
  type CustomerFacts,
  type SurveyResponse
} from '../../../../src/lib/analysis/satisfaction';

const r = (
  customerId: string,
  date: string,
  csat: number | null,
  nps: number | null,
  channel: string | null = null,
  comment: string | null = null
): SurveyResponse => ({
  customerId,
  date,
  csat,
  nps,
  comment,
  source: 'feedback',
  dims: [channel]
});

// In file order (ties on a day: the later row is the later answer).
const RESPONSES: SurveyResponse[] = [
  r('A', '2025-01-10', 5, 10, '微信', '送货很快'),
  r('A', '2025-03-05', 2, 6, '电话', '质量太差了'),
  r('B', '2025-01-05', 1, null),
  r('B', '2025-02-01', 4, 9, '微信'),
  r('C', '2025-02-15', 3, 7, '电话'),
  r('C', '2025-02-15', 4, null, '电话'),
  r('D', '2025-03-20', 1, 0, '微信'),
  r('X', '2025-03-01', 5, 10, '微信')
];

const fact = (
  customerId: string,
  abc: 'A' | 'B' | 'C',
  recencyDays: number,
  monetary: number,
  owner: string
): CustomerFacts => ({
  customerId,
  customerName: `name ${customerId}`,
  segment: recencyDays > 180 ? 'lost' : 'champions',
  abc,
  stage: recencyDays > 180 ? 'lapsed' : 'repeat',
  recencyDays,
  lastPurchase: null,
  monetary,
  owner,
  dims: []
});

const CUSTOMERS = new Map(
  [
    fact('A', 'A', 200, 1000, '张三'),
    fact('B', 'B', 100, 150, '李四'),
    fact('C', 'A', 10, 700, '张三'),
    fact('D', 'C', 300, 50, '李四'),
    fact('E', 'B', 1, 100, '李四')
  ].map((c) => [c.customerId, c])
);

const OPTS = { asOf: '2025-03-25', lapseDays: 180, grain: 'month' as const };

describe('CSAT and NPS (DOMAIN §7b)', () => {
  it('NPS groups: 9–10 promoter, 7–8 passive, 0–6 detractor', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter'
    ]);
  });

  it('over responses, and per customer the latest answer', () => {
    const s = satisfactionStats(RESPONSES.filter((x) => x.customerId !== 'X'));
    // CSAT answers 5,2,1,4,3,4,1: three of seven are 4–5.
    expect(s.responses).toBe(7);
    expect(s.csatResponses).toBe(7);
    expect(s.satisfied).toBe(3);
    expect(s.csat).toBeCloseTo(3 / 7, 12);
    // NPS answers 10,6,9,7,0: two promoters, one passive, two detractors → 0 points.
    expect([s.npsResponses, s.promoters, s.passives, s.detractors]).toEqual([5, 2, 1, 2]);
    expect(s.nps).toBe(0);
    // Latest CSAT: A 2, B 4, C 4 (the later row of 15 Feb), D 1 → 2 of 4.
    expect(s.customers).toBe(4);
    expect(s.customerCsat).toBe(0.5);
  });

  it('the latest CSAT and NPS of a customer may come from different answers', () => {
    const l = latestAnswers(RESPONSES);
    expect(l.get('C')).toEqual({
      csat: { value: 4, date: '2025-02-15' },
      nps: { value: 7, date: '2025-02-15' },
      comment: null
    });
    expect(l.get('B')!.csat).toEqual({ value: 4, date: '2025-02-01' });
    expect(l.get('A')!.comment).toBe('质量太差了');
  });

  it('no answer: no figure', () => {
    const s = satisfactionStats([r('A', '2025-01-01', null, null, null, 'ok')]);
    expect([s.responses, s.csat, s.nps, s.customerCsat]).toEqual([1, null, null, null]);
  });

  it('median: middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([300])).toBe(300);
    expect(median([100, 10])).toBe(55);
    expect(median([5, 1, 3])).toBe(3);
  });
});

describe('computeSatisfaction', () => {
  const res = computeSatisfaction(RESPONSES, CUSTOMERS, {
    ...OPTS,
    grouping: { kind: 'abc_tier' }
  });

  it('leaves out and counts responses of customers the orders do not have', () => {
    expect(res.unmatched).toEqual({ responses: 1, customers: 1 });
    expect(res.overall.responses).toBe(7);
  });

  it('groups by value tier, marking groups under 5 responses', () => {
    const g = res.groups.map((x) => [x.key, x.responses, x.csat, x.nps, x.isSmall]);
    // A: A's and C's answers (CSAT 5,2,3,4 → 2/4; NPS 10,6,7 → 1−1 of 3 = 0).
    // B: B's (CSAT 1,4 → 1/2; NPS 9 → 100). C: D's (CSAT 1 → 0; NPS 0 → −100).
    expect(g).toEqual([
      ['A', 4, 0.5, 0, true],
      ['B', 2, 0.5, 100, true],
      ['C', 1, 0, -100, true]
    ]);
  });

  it('groups by a survey dimension, no value last', () => {
    const byChannel = computeSatisfaction(RESPONSES, CUSTOMERS, {
      ...OPTS,
      grouping: { kind: 'feedback_dim', index: 0 }
    }).groups;
    // 微信: A 5/10, B 4/9, D 1/0 → CSAT 2/3, NPS (2 − 1)/3 = 33.3. 电话: A 2/6, C 3/7, C 4 →
    // CSAT 1/3, NPS (0 − 1)/2 = −50. No channel: B's first answer, CSAT 1 → 0.
    expect(byChannel.map((x) => x.key)).toEqual(['微信', '电话', null]);
    expect(byChannel[0].csat).toBeCloseTo(2 / 3, 12);
    expect(byChannel[0].nps).toBeCloseTo(100 / 3, 12);
    expect(byChannel[1].csat).toBeCloseTo(1 / 3, 12);
    expect(byChannel[1].nps).toBe(-50);
    expect(byChannel[2].csat).toBe(0);
  });

  it('groups by owner', () => {
    const byOwner = computeSatisfaction(RESPONSES, CUSTOMERS, {
      ...OPTS,
      grouping: { kind: 'owner' }
    }).groups;
    // 张三: A and C (4 answers); 李四: B and D (3 answers).
    expect(byOwner.map((x) => [x.key, x.responses])).toEqual([
      ['张三', 4],
      ['李四', 3]
    ]);
  });

  it('per month, the month of the as-of date marked incomplete', () => {
    expect(res.periods.map((p) => [p.key, p.responses, p.csat, p.nps, p.isIncomplete])).toEqual([
      // Jan: A 5/10, B 1 → CSAT 1/2, NPS 100. Feb: B 4/9, C 3/7, C 4 → 2/3, (1 − 0)/2 = 50.
      // Mar: A 2/6, D 1/0 → 0, −100; 25 Mar is inside March.
      ['2025-01', 2, 0.5, 100, false],
      ['2025-02', 3, 2 / 3, 50, false],
      ['2025-03', 2, 0, -100, true]
    ]);
    const quarters = computeSatisfaction(RESPONSES, CUSTOMERS, {
      ...OPTS,
      grain: 'quarter',
      grouping: { kind: 'segment' }
    }).periods;
    expect(quarters.map((p) => [p.key, p.responses, p.isIncomplete])).toEqual([
      ['2025-Q1', 7, true]
    ]);
  });

  it('satisfaction against behaviour, by the latest answer', () => {
    // Latest CSAT 1: D (300 days, lapsed); 2: A (200, lapsed); 4: B (100) and C (10).
    expect(
      res.byCsat.map((b) => [b.key, b.customers, b.lapsed, b.lapsedShare, b.medianDays])
    ).toEqual([
      ['1', 1, 1, 1, 300],
      ['2', 1, 1, 1, 200],
      ['3', 0, 0, null, null],
      ['4', 2, 0, 0, 55],
      ['5', 0, 0, null, null]
    ]);
    // Latest NPS: B 9 promoter; C 7 passive; A 6 and D 0 detractors (both lapsed; median 250).
    expect(res.byNps.map((b) => [b.key, b.customers, b.lapsedShare, b.medianDays])).toEqual([
      ['promoter', 1, 0, 100],
      ['passive', 1, 0, 10],
      ['detractor', 2, 1, 250]
    ]);
  });

  it('lists: unhappy tier A/B customers, promoters idle 90+ days', () => {
    // A: tier A, latest CSAT 2. C (tier A) is 4/7, B (tier B) 4/9, D is tier C.
    expect(res.unhappy.map((x) => x.customerId)).toEqual(['A']);
    expect(res.unhappy[0].latestNps).toEqual({ value: 6, date: '2025-03-05' });
    // B: latest NPS 9, 100 days since the last purchase.
    expect(res.idlePromoters.map((x) => [x.customerId, x.recencyDays])).toEqual([['B', 100]]);
  });
});
