// How the mapping step compares the other sheets of a workbook with the one it opened.
import { describe, expect, it } from 'vitest';
import { describeOtherSheets } from '../../../src/lib/components/sheet-choice';

const chosen = { found: ['customer_id', 'date', 'amount'] as const, missing: 0 };

describe('describeOtherSheets', () => {
  it('says for each other sheet whether it has all, some or none of the required columns', () => {
    const choice = {
      ...chosen,
      found: [...chosen.found],
      others: [
        { name: 'Notes', found: [], missing: 3 },
        { name: 'Feb', found: ['customer_id', 'date', 'quantity', 'unit_price'], missing: 0 },
        { name: 'Visits', found: ['customer_id', 'date'], missing: 1 }
      ]
    } as Parameters<typeof describeOtherSheets>[0];
    expect(describeOtherSheets(choice)).toEqual({
      others: [
        { name: 'Notes', has: 'none', roles: [] },
        { name: 'Feb', has: 'all', roles: ['customer_id', 'date', 'quantity', 'unit_price'] },
        { name: 'Visits', has: 'some', roles: ['customer_id', 'date'] }
      ],
      more: 0
    });
  });

  it('names the first sheets and counts the rest', () => {
    const others = Array.from({ length: 7 }, (_, i) => ({ name: `S${i}`, found: [], missing: 3 }));
    const described = describeOtherSheets({ found: [...chosen.found], missing: 0, others }, 4);
    expect(described.others.map((o) => o.name)).toEqual(['S0', 'S1', 'S2', 'S3']);
    expect(described.more).toBe(3);
  });
});
