// The migration view's pure helpers: default dates, date checks, the flow customers' CSV.
import { describe, expect, it } from 'vitest';
import { flowCustomersCsv } from '../../../src/lib/components/migration/migration-view';
import { checkDates, defaultDates } from '../../../src/lib/analysis/migration-dates';
import { addDays } from '../../../src/lib/analysis/dates';

describe('dates', () => {
  it.each([
    ['2011-12-10', -180, '2011-06-13'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01']
  ])('%s %+d days is %s', (iso, days, want) => {
    expect(addDays(iso, days)).toBe(want);
  });

  it('defaults to the as-of and 180 days before, not before the data', () => {
    expect(defaultDates('2011-12-10', '2010-12-01')).toEqual({ a: '2011-06-13', b: '2011-12-10' });
    expect(defaultDates('2024-04-01', '2024-01-05')).toEqual({ a: '2024-01-05', b: '2024-04-01' });
  });

  it.each([
    ['2011-06-01', '2011-12-10', null],
    ['', '2011-12-10', 'missing'],
    ['2011-12-10', '2011-12-10', 'order'],
    ['2011-12-11', '2011-12-10', 'order'],
    ['2010-11-30', '2011-12-10', 'a_before_data'],
    ['2011-06-01', '2011-12-11', 'b_after_data']
  ])('A %s, B %s → %s', (a, b, want) => {
    expect(checkDates(a, b, '2010-12-01', '2011-12-10')).toBe(want);
  });
});

describe('flowCustomersCsv', () => {
  it('writes both snapshots, empty cells for a newcomer, formula-safe names', () => {
    const csv = flowCustomersCsv(
      [
        {
          customerId: 'E',
          customerName: '=cmd',
          a: null,
          b: {
            recencyDays: 17,
            frequency: 1,
            monetary: 70,
            r: 2,
            f: 1,
            m: 1,
            segment: 'x',
            class8: null
          },
          revenueBetween: 70
        }
      ],
      'Not yet a customer',
      'Active'
    );
    expect(csv.split('\r\n')[1]).toBe("E,'=cmd,Not yet a customer,Active,,,,,,,2,1,1,17,1,70,70");
    expect(csv.startsWith('\uFEFFcustomer_id,customer_name,group_a,group_b,r_score_a')).toBe(true);
  });

  it('writes money to 2 decimals, never float noise', () => {
    const snapshot = { recencyDays: 3, frequency: 2, r: 5, f: 2, m: 3, segment: 'x', class8: null };
    const csv = flowCustomersCsv(
      [
        {
          customerId: 'C',
          customerName: null,
          a: { ...snapshot, monetary: 0.1 + 0.2 },
          b: { ...snapshot, monetary: 375459273.30000013 },
          revenueBetween: 375459273.30000013 - (0.1 + 0.2)
        }
      ],
      'A',
      'B'
    );
    expect(csv.split('\r\n')[1]).toBe('C,,A,B,5,2,3,3,2,0.3,5,2,3,3,2,375459273.3,375459273');
  });
});
