// Customer classes and conversion (DOMAIN §7b) against values worked out by hand from the text:
// prospect = master, no purchase by the as-of date; new = first purchase ≤ new_days before it;
// existing = the rest with purchases; conversion = first purchase 0–90 days after creation.
import { describe, expect, it } from 'vitest';
import {
  classifyCustomers,
  classOf,
  conversionByMonth,
  countClasses,
  groupClasses,
  masterFilterTest,
  type MasterCustomer,
  type OrderCustomer
} from '../../../src/lib/analysis/relationship';

const AS_OF = '2025-06-30';

const master = (customerId: string, over: Partial<MasterCustomer> = {}): MasterCustomer => ({
  customerId,
  name: null,
  owner: null,
  createdDate: null,
  status: null,
  birthday: null,
  creditLimit: null,
  dims: [null],
  ...over
});
const orders = (
  customerId: string,
  firstPurchase: string | null,
  rep: string | null = null
): OrderCustomer => ({ customerId, name: null, firstPurchase, dims: [rep, '华东'] });

describe('classOf', () => {
  it.each([
    // 2025-04-01 → 2025-06-30: 29 + 31 + 30 = 90 days: new (≤ 90).
    ['2025-04-01', 'new'],
    // 91 days: existing.
    ['2025-03-31', 'existing'],
    ['2025-06-30', 'new'],
    [null, 'prospect'],
    // A first purchase after the as-of date is not seen.
    ['2025-07-05', 'prospect']
  ] as const)('first purchase %s → %s', (first, cls) => {
    expect(classOf(first, AS_OF, 90)).toBe(cls);
  });
});

describe('classifyCustomers', () => {
  const input = {
    master: [
      master('A', { owner: '王芳', dims: ['华北'] }),
      master('B', { owner: '  ' }),
      master('C', { owner: '李娜' }),
      master('D'),
      master(' H '),
      master('H', { owner: 'second row' })
    ],
    masterHeaders: ['区域'],
    orders: [
      orders('A', '2025-04-01', '张伟'),
      orders('B', '2025-03-31', '张伟'),
      orders('D', null, '张伟'), // only returns
      orders('E', '2025-06-29', 'Li'),
      orders('F', '2024-01-01', null),
      orders('G', null, 'Li') // only returns, not in the master
    ],
    orderHeaders: ['销售代表', '区域'],
    repIndex: 0,
    asOf: AS_OF,
    newDays: 90
  };
  const rows = classifyCustomers(input);
  const byId = new Map(rows.map((r) => [r.customerId, r]));

  it('classes every master and buying customer once; returns-only outsiders are left out', () => {
    expect([...byId.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'H']);
    expect(countClasses(rows)).toEqual({ existing: 2, new: 2, prospect: 3 });
    expect(byId.get('A')!.cls).toBe('new');
    expect(byId.get('B')!.cls).toBe('existing');
    expect(byId.get('D')!.cls).toBe('prospect');
    expect(byId.get('E')).toMatchObject({ cls: 'new', isInMaster: false });
    expect(byId.get('F')).toMatchObject({ cls: 'existing', isInMaster: false });
  });

  it('owner: the master owner, else the sales rep of the orders', () => {
    expect(byId.get('A')!.owner).toBe('王芳');
    expect(byId.get('B')!.owner).toBe('张伟'); // blank master owner
    expect(byId.get('C')!.owner).toBe('李娜');
    expect(byId.get('E')!.owner).toBe('Li');
    expect(byId.get('H')!.owner).toBeNull(); // the first row of a repeated id
  });

  it('attributes: the master value first, else the orders value', () => {
    expect(byId.get('A')!.values['区域']).toBe('华北');
    expect(byId.get('B')!.values['区域']).toBe('华东');
    expect(byId.get('C')!.values['区域']).toBeNull();
  });

  it('counts by owner, most customers first, no owner last', () => {
    expect(groupClasses(rows, { by: 'owner' })).toEqual([
      { key: '张伟', existing: 1, new: 0, prospect: 1, total: 2 },
      { key: 'Li', existing: 0, new: 1, prospect: 0, total: 1 },
      { key: '李娜', existing: 0, new: 0, prospect: 1, total: 1 },
      { key: '王芳', existing: 0, new: 1, prospect: 0, total: 1 },
      { key: null, existing: 1, new: 0, prospect: 1, total: 2 }
    ]);
  });

  it('keeps only the customers the filter keeps', () => {
    const kept = classifyCustomers({
      ...input,
      keep: (c) => c.customerId === 'A' || (c.isInMaster && c.customerId === 'C')
    });
    expect(countClasses(kept)).toEqual({ existing: 0, new: 1, prospect: 1 });
  });
});

describe('masterFilterTest', () => {
  const dims = [
    { name: 'rep', header: '销售代表' },
    { name: 'region', header: '区域' }
  ];
  it('reads the master column of the same header', () => {
    const test = masterFilterTest([{ column: 'region', values: ['华北', null] }], dims, ['区域']);
    expect(test({ dims: ['华北'] })).toBe(true);
    expect(test({ dims: [null] })).toBe(true);
    expect(test({ dims: ['华东'] })).toBe(false);
  });
  it('keeps no master row when the master lacks the filtered column', () => {
    const test = masterFilterTest([{ column: 'rep', values: ['张伟'] }], dims, ['区域']);
    expect(test({ dims: ['华北'] })).toBe(false);
  });
});

describe('conversionByMonth', () => {
  const c = (createdDate: string | null, firstPurchase: string | null, isInMaster = true) => ({
    createdDate,
    firstPurchase,
    isInMaster
  });
  const rows = conversionByMonth(
    [
      c('2025-01-10', '2025-01-10'), // day 0: converted
      c('2025-01-20', '2025-04-20'), // 11 + 28 + 31 + 20 = 90 days: converted (day 90 counts)
      c('2025-01-31', '2025-05-02'), // 0 + 28 + 31 + 30 + 2 = 91 days: not converted
      c('2025-01-05', null), // never bought
      c('2025-01-15', '2024-12-01'), // bought before created: apart
      c('2025-05-10', '2025-05-13'), // 3
      c('2025-05-20', '2025-05-30'), // 10
      c('2025-05-25', '2025-06-10'), // 16
      c('2025-07-01', null), // created after the as-of date
      c(null, '2025-02-01'), // no created date
      c('2025-01-01', '2025-01-02', false) // not in the master
    ],
    AS_OF
  );

  it('January: 4 created, 2 within 90 days, median (0 + 90) / 2 = 45, 1 bought before', () => {
    expect(rows[0]).toEqual({
      month: '2025-01',
      created: 4,
      converted: 2,
      rate: 0.5,
      medianDays: 45,
      boughtBefore: 1,
      isOpen: false
    });
  });

  it('May: all 3 converted, median 10, the window still open at the as-of date', () => {
    expect(rows[1]).toEqual({
      month: '2025-05',
      created: 3,
      converted: 3,
      rate: 1,
      medianDays: 10,
      boughtBefore: 0,
      isOpen: true
    });
    expect(rows).toHaveLength(2);
  });
});
