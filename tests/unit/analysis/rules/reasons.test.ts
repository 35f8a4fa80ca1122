// The call list's rules (DOMAIN §7c), each from the text with hand-computed cases: anniversaries,
// open complaints, detractors, no second order, handled marks and playbooks.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { nextAnniversary } from '../../../../src/lib/analysis/rules/anniversary';
import { openComplaintsByCustomer } from '../../../../src/lib/analysis/rules/complaint';
import {
  buildFeedbackDetractorsSql,
  buildOrderDetractorsSql,
  detractorWindow,
  latestDetractors
} from '../../../../src/lib/analysis/rules/detractor';
import { daysWithoutSecondOrder } from '../../../../src/lib/analysis/rules/second-order';
import { isHandled, parseHandled, setHandled } from '../../../../src/lib/analysis/rules/handled';
import {
  defaultAction,
  parsePlaybooks,
  recommendedAction,
  setPlaybookAction
} from '../../../../src/lib/analysis/rules/playbooks';
import { createRelatedTable } from '../../worker/related-fixture';

describe('anniversary: birthday or first purchase in the 7 days from the as-of date', () => {
  it('counts the as-of day and the six after it, at least one year on', () => {
    expect(nextAnniversary('1980-01-01', '2026-01-01')).toEqual({
      date: '2026-01-01',
      inDays: 0,
      years: 46
    });
    expect(nextAnniversary('2023-01-07', '2026-01-01')).toEqual({
      date: '2026-01-07',
      inDays: 6,
      years: 3
    });
    expect(nextAnniversary('2023-01-08', '2026-01-01')).toBeNull(); // day 8: outside
    expect(nextAnniversary('2025-12-31', '2026-01-01')).toBeNull(); // yesterday
    expect(nextAnniversary('2026-01-02', '2026-01-01')).toBeNull(); // not a year yet
    expect(nextAnniversary(null, '2026-01-01')).toBeNull();
  });
  it('across the year end, and 29 Feb on 28 Feb in a common year', () => {
    expect(nextAnniversary('1990-01-02', '2025-12-29')).toEqual({
      date: '2026-01-02',
      inDays: 4,
      years: 36
    });
    expect(nextAnniversary('2000-02-29', '2025-02-25')).toEqual({
      date: '2025-02-28',
      inDays: 3,
      years: 25
    });
  });
});

describe('open or overdue complaint at the as-of date (SLA 7 days)', () => {
  it('counts complaints not resolved by the as-of date, overdue when open > 7 days', () => {
    const rows = [
      { customerId: 'a', opened: '2025-12-20', resolved: null }, // 12 days open: overdue
      { customerId: 'a', opened: '2025-12-28', resolved: null }, // 4 days: open
      { customerId: 'b', opened: '2025-12-01', resolved: '2025-12-05' }, // resolved
      { customerId: 'c', opened: '2025-12-01', resolved: '2026-01-05' }, // resolved after as-of
      { customerId: 'd', opened: '2026-01-03', resolved: null }, // opened after as-of
      { customerId: 'e', opened: '2025-12-25', resolved: null } // exactly 7 days: open
    ];
    const out = openComplaintsByCustomer(rows, '2026-01-01', 7);
    expect([...out]).toEqual([
      ['a', { open: 2, overdue: 1, daysOpen: 12 }],
      ['c', { open: 1, overdue: 1, daysOpen: 31 }],
      ['e', { open: 1, overdue: 0, daysOpen: 7 }]
    ]);
  });
});

describe('detractor (NPS ≤ 6) in the last 90 days', () => {
  it('window: the 90 days ending on the as-of date', () => {
    expect(detractorWindow('2026-01-01')).toEqual({ from: '2025-10-04', to: '2026-01-01' });
  });
  it('reads survey files and the orders’ NPS column on sql.js', async () => {
    const db = new (await initSqlJs()).Database();
    const feedback = createRelatedTable(db, 5, 'feedback', [
      { customer_id: ' a ', response_date: '2025-10-04', nps: 6 }, // first day, 6: detractor
      { customer_id: 'a', response_date: '2025-12-01', nps: 9 }, // promoter
      { customer_id: 'b', response_date: '2025-10-03', nps: 2 }, // one day too early
      { customer_id: 'c', response_date: '2025-11-11', nps: 7 }, // passive
      { customer_id: 'd', response_date: '2026-01-02', nps: 0 }, // after the as-of date
      { customer_id: 'e', response_date: '2025-12-30', nps: null, satisfaction: 1 }
    ]);
    const f = buildFeedbackDetractorsSql(feedback, '2026-01-01');
    const fromFeedback = db.exec(f.sql, f.params)[0].values;
    expect(fromFeedback).toEqual([['a', '2025-10-04', 6]]);
    db.run(`CREATE TABLE o (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT,
      amount REAL, nps REAL)`);
    for (const r of [
      [1, 'a', 'o1', '2025-11-01', 10, 3],
      [2, 'a', 'o1', '2025-11-01', 5, 3], // the same order's answer, once
      [3, 'g', 'o2', '2025-12-01', 10, 8],
      [4, 'h', 'o3', '2025-09-01', 10, 1] // too early
    ])
      db.run('INSERT INTO o VALUES (?,?,?,?,?,?)', r);
    const o = buildOrderDetractorsSql('o', '2026-01-01', true);
    const fromOrders = db.exec(o.sql, o.params)[0].values;
    expect(fromOrders).toEqual([['a', '2025-11-01', 3]]);
    // The latest answer per customer: 2025-11-01 (3) is later than 2025-10-04 (6).
    expect([...latestDetractors(fromFeedback, fromOrders)]).toEqual([
      ['a', { nps: 3, date: '2025-11-01' }]
    ]);
    db.close();
  });
});

describe('new customer with no second purchase after 60 days', () => {
  const asOf = '2026-01-01';
  it('one order, more than 60 days ago, not yet lapsed (≤ 180 days)', () => {
    const one = (firstPurchase: string) =>
      daysWithoutSecondOrder({ frequency: 1, firstPurchase }, asOf, 60, 180);
    expect(one('2025-11-02')).toBeNull(); // 60 days: not yet
    expect(one('2025-11-01')).toBe(61);
    expect(one('2025-07-05')).toBe(180);
    expect(one('2025-07-04')).toBeNull(); // 181 days: lapsed
    expect(
      daysWithoutSecondOrder({ frequency: 2, firstPurchase: '2025-09-01' }, asOf, 60, 180)
    ).toBeNull();
  });
});

describe('handled marks', () => {
  it('stay while no new reason appears, clear when one does', () => {
    let marks = setHandled({}, 'c1', ['spend_drop', 'overdue_rhythm'], true);
    expect(marks).toEqual({ c1: ['overdue_rhythm', 'spend_drop'] });
    expect(isHandled(marks, 'c1', ['overdue_rhythm', 'spend_drop'])).toBe(true);
    expect(isHandled(marks, 'c1', ['spend_drop'])).toBe(true); // a reason went away
    expect(isHandled(marks, 'c1', ['spend_drop', 'complaint'])).toBe(false); // a new one
    expect(isHandled(marks, 'c2', ['spend_drop'])).toBe(false);
    marks = setHandled(marks, 'c1', [], false);
    expect(marks).toEqual({});
  });
  it('parses saved marks, dropping anything malformed', () => {
    expect(
      parseHandled({ a: ['detractor', 'x', 'spend_drop'], b: 'spend_drop', c: [], d: [1] })
    ).toEqual({ a: ['spend_drop', 'detractor'] });
    expect(parseHandled(null)).toEqual({});
    expect(parseHandled([['a']])).toEqual({});
    expect(isHandled({}, 'constructor', [])).toBe(false);
  });
});

describe('playbooks', () => {
  const vipNew = { stage: 'new', segment: 'champions', quadrant: 'vip' } as const;
  it('stage first, then segment, then quadrant; the first non-empty text wins', () => {
    expect(recommendedAction(vipNew, {}, 'en')).toEqual({
      text: 'Second-order follow-up within 30 days',
      key: 'stage:new'
    });
    // The user empties the stage's text: the segment has no default, the quadrant's applies.
    expect(recommendedAction(vipNew, { 'stage:new': '' }, 'zh-CN')).toEqual({
      text: '专属服务，优先响应',
      key: 'quadrant:vip'
    });
    expect(
      recommendedAction(
        vipNew,
        { 'stage:new': '', 'segment:champions': 'Invite to the event' },
        'en'
      )?.key
    ).toBe('segment:champions');
    expect(
      recommendedAction({ stage: 'repeat', segment: null, quadrant: null }, {}, 'en')
    ).toBeNull();
  });
  it('defaults in both languages; setting the default text back drops the override', () => {
    expect(defaultAction('stage:lapsed', 'zh-CN')).toContain('挽回');
    expect(defaultAction('quadrant:low', 'en')).toBe('Review the cost to serve');
    const edited = setPlaybookAction({}, 'quadrant:low', '  Move to the online shop ', 'en');
    expect(edited).toEqual({ 'quadrant:low': 'Move to the online shop' });
    expect(setPlaybookAction(edited, 'quadrant:low', 'Review the cost to serve', 'en')).toEqual({});
  });
  it('parses saved playbooks: bad keys and non-text dropped, long texts capped', () => {
    expect(
      parsePlaybooks({
        'stage:new': ' Call ',
        'segment:champions': 'VIP dinner',
        'bogus:x': 'no',
        'quadrant:vip': 5,
        'quadrant:low': 'x'.repeat(400)
      })
    ).toEqual({
      'stage:new': 'Call',
      'segment:champions': 'VIP dinner',
      'quadrant:low': 'x'.repeat(300)
    });
    expect(parsePlaybooks('nope')).toEqual({});
  });
});
