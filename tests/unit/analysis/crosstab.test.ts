// Two-way tables: each customer once in one cell, revenue by customers or by rows, shares, totals,
// top N + "Other values". Every expected number is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  buildCrosstab,
  buildCrossRevenueSql,
  crossValue,
  OTHER_KEY,
  type CrosstabInput
} from '../../../src/lib/analysis/crosstab';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis/segments';
import type { ScoredCustomer } from '../../../src/lib/analysis/types';

function cust(
  id: string,
  monetary: number,
  dims: (string | null)[],
  segment: string,
  abc: ScoredCustomer['abc']
): ScoredCustomer {
  return {
    customerId: id,
    customerName: null,
    firstPurchase: '2024-01-01',
    lastPurchase: '2024-03-01',
    recencyDays: 30,
    frequency: 1,
    monetary,
    dims,
    rScore: 3,
    fScore: 3,
    mScore: 3,
    rfmCode: '333',
    rfmSum: 9,
    segment,
    class8: 'general_value',
    quadrant: 'low',
    abc
  };
}

// P 北京/零售 champions A 100 · Q 北京/制造 lost B 50 · R 上海/零售 champions A 30 · S 广州/(none) others C 20
const customers = [
  cust('P', 100, ['北京', '零售'], 'champions', 'A'),
  cust('Q', 50, ['北京', '制造'], 'lost', 'B'),
  cust('R', 30, ['上海', '零售'], 'champions', 'A'),
  cust('S', 20, ['广州', null], 'others', 'C')
];
const input = (over: Partial<CrosstabInput>): CrosstabInput => ({
  customers,
  rows: { kind: 'dim', index: 0, bands: { mode: 'auto' } },
  cols: { kind: 'segment' },
  headers: ['城市', '行业'],
  rules: DEFAULT_SEGMENT_RULES,
  top: 10,
  ...over
});

describe('buildCrosstab', () => {
  it('counts each customer once under their value and segment; revenue is their monetary', () => {
    const t = buildCrosstab(input({}));
    // Rows by revenue: 北京 100 + 50 = 150, 上海 30, 广州 20. Columns in rule order, present only.
    expect(t.rows.map((r) => r.value)).toEqual(['北京', '上海', '广州']);
    expect(t.cols.map((c) => c.value)).toEqual(['champions', 'lost', 'others']);
    expect(t.cells.map((r) => r.map((c) => c.customers))).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 1]
    ]);
    expect(t.cells.map((r) => r.map((c) => c.revenue))).toEqual([
      [100, 50, 0],
      [30, 0, 0],
      [0, 0, 20]
    ]);
    expect(t.rowTotals).toEqual([
      { customers: 2, revenue: 150 },
      { customers: 1, revenue: 30 },
      { customers: 1, revenue: 20 }
    ]);
    // champions: P + R = 2 customers, 100 + 30 = 130.
    expect(t.colTotals).toEqual([
      { customers: 2, revenue: 130 },
      { customers: 1, revenue: 50 },
      { customers: 1, revenue: 20 }
    ]);
    expect(t.total).toEqual({ customers: 4, revenue: 200 });
    expect(t.revenueBasis).toBe('customers');
  });

  it('shares of the total, of the row and of the column', () => {
    const t = buildCrosstab(input({}));
    expect(crossValue(t, 0, 0, 'revenue', 'none')).toBe(100);
    expect(crossValue(t, 0, 0, 'revenue', 'total')).toBe(0.5); // 100 / 200
    expect(crossValue(t, 0, 0, 'revenue', 'row')).toBeCloseTo(2 / 3, 12); // 100 / 150
    expect(crossValue(t, 0, 0, 'revenue', 'col')).toBeCloseTo(100 / 130, 12); // 0.7692
    expect(crossValue(t, 1, 0, 'customers', 'col')).toBe(0.5); // 上海 1 of champions' 2
    expect(crossValue(t, 0, -1, 'customers', 'col')).toBe(0.5); // 北京 2 of all 4
    expect(crossValue(t, -1, 1, 'customers', 'row')).toBe(0.25); // lost 1 of all 4
    expect(crossValue(t, 2, 1, 'customers', 'row')).toBe(0); // 广州 × lost: 0 of 1
    expect(crossValue(t, -1, -1, 'revenue', 'total')).toBe(1);
  });

  it('keeps the top N values of a long dimension and sums the rest as other values', () => {
    const t = buildCrosstab(input({ top: 1 }));
    // 北京 kept; 上海 + 广州 → others: 2 customers, 30 + 20 = 50.
    expect(t.rows.map((r) => r.kind)).toEqual(['value', 'other']);
    expect(t.rows[1]).toMatchObject({ key: OTHER_KEY, count: 2 });
    expect(t.rowTotals[1]).toEqual({ customers: 2, revenue: 50 });
    expect(t.cells[1].map((c) => c.customers)).toEqual([1, 0, 1]); // R champions, S others
    expect([t.rowCount, t.total.customers]).toEqual([3, 4]);
    // "Other values" for a single value would hide its name for nothing: top 2 keeps all three.
    expect(buildCrosstab(input({ top: 2 })).rows).toHaveLength(3);
  });

  it('sums transaction rows by their own values when both axes are dimensions', () => {
    const t = buildCrosstab(
      input({
        cols: { kind: 'dim', index: 1, bands: { mode: 'auto' } },
        revenueRows: [
          ['北京', '零售', 120],
          ['上海', '制造', 5],
          ['广州', null, 20],
          ['北京', '制造', -10]
        ]
      })
    );
    expect(t.revenueBasis).toBe('rows');
    // Row revenue: 北京 120 − 10 = 110, 广州 20, 上海 5. Columns: 零售 120, (none) 20, 制造 5 − 10 = −5.
    expect(t.rows.map((r) => r.value)).toEqual(['北京', '广州', '上海']);
    expect(t.cols.map((c) => c.value)).toEqual(['零售', null, '制造']);
    expect(t.cells.map((r) => r.map((c) => [c.customers, c.revenue]))).toEqual([
      [
        [1, 120],
        [0, 0],
        [1, -10]
      ],
      [
        [0, 0],
        [1, 20],
        [0, 0]
      ],
      // 上海 × 制造: revenue 5 from rows, but R is counted under 零售.
      [
        [1, 0],
        [0, 0],
        [0, 5]
      ]
    ]);
    expect(t.total).toEqual({ customers: 4, revenue: 135 }); // 120 + 5 + 20 − 10
  });

  it('bands a numeric dimension axis, in band order with every band shown', () => {
    const ages = [
      cust('a', 10, ['17'], 'champions', 'A'),
      cust('b', 20, ['24'], 'champions', 'A'),
      cust('c', 40, ['66'], 'lost', 'B'),
      cust('d', 80, [null], 'lost', 'C')
    ];
    const t = buildCrosstab(
      input({
        customers: ages,
        headers: ['年龄'],
        rows: { kind: 'dim', index: 0, bands: { mode: 'auto' } },
        cols: { kind: 'abc' }
      })
    );
    // Age preset: <18 a, 18–24 b, 25–34 …55–64 empty, 65+ c, then no value / not a number: d.
    expect(t.rows.map((r) => r.band)).toEqual([0, 1, 2, 3, 4, 5, 6, -1]);
    expect(t.rowTotals.map((c) => c.customers)).toEqual([1, 1, 0, 0, 0, 0, 1, 1]);
    expect(t.cols.map((c) => c.value)).toEqual(['A', 'B', 'C']);
    expect(t.cells[7].map((c) => c.revenue)).toEqual([0, 0, 80]);
    expect(t.rowBanding?.edges).toEqual([18, 25, 35, 45, 55, 65]);
  });

  it('builds the row-level revenue query', () => {
    expect(buildCrossRevenueSql('ds1_transactions', '省份', '行业', '2024-03-26'))
      .toMatchInlineSnapshot(`
      {
        "params": [
          "2024-03-26",
        ],
        "sql": "SELECT "省份" AS row_value, "行业" AS col_value, SUM(amount) AS revenue
      FROM "ds1_transactions"
      WHERE order_date <= ?
      GROUP BY 1, 2",
      }
    `);
  });
});
