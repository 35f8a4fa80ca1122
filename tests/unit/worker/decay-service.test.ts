// The worker's decay analysis on real sql.js: an imported CSV → curves by channel, the filter's view.
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { DecayService } from '../../../src/lib/worker/decay-service';
import { createFilterViewSql, filterViewName } from '../../../src/lib/analysis/data-filter';
import type { DatasetInfo } from '../../../src/lib/db/protocol';
import { DECAY_AS_OF, DECAY_ROWS } from '../analysis/decay-fixture';

const CSV =
  'Customer ID,Order ID,Order Date,Amount,Channel\n' +
  DECAY_ROWS.map((r) => r.map((v) => v ?? '').join(',')).join('\n') +
  '\n';

let db: Database;
let d: DatasetInfo;
beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'decay'));
});

const args = (topN = 5) => ({
  datasetId: 1,
  asOf: DECAY_AS_OF,
  filter: null,
  grouping: { kind: 'dimension' as const, column: d.dimensions[0].name, rule: 'majority' as const },
  topN
});

describe('DecayService', () => {
  it('groups by a dimension (the same answers as the fixture worked by hand)', () => {
    const r = new DecayService(db).groups(d, args());
    expect(r.total.retention).toEqual([1, 0.25, 0, 0.5]);
    expect(r.groups.map((g) => [g.value, g.customers])).toEqual([
      ['Shop', 3],
      ['Online', 1]
    ]);
    expect(r.total.medianDaysToSecond).toBe(36);
  });

  it('reads the filter’s view: only the Shop rows', () => {
    const column = d.dimensions[0].name;
    const filter = { dims: [{ column, values: ['Shop'] }], from: null, to: null };
    db.run(createFilterViewSql(d.table, filter, 'order_date'));
    const r = new DecayService(db).groups({ ...d, table: filterViewName(d.table, filter) }, args());
    // Shop rows: A 01-05 (50), 04-20 (20); B 01-20 (200), return 03-03; F's f1 nets 0 → A and B.
    // k0 both; k1 (Feb) none — A's Feb order was Online; k3 (Apr) A → [1, 0, 0, 0.5]; B's
    // second purchase was Online, so only A has one: 01-05 → 04-20 = 106 days.
    expect(r.total.customers).toBe(2);
    expect(r.total.retention).toEqual([1, 0, 0, 0.5]);
    expect(r.total.medianDaysToSecond).toBe(106);
  });

  it('groups by the starting value tier', () => {
    const r = new DecayService(db).groups(d, { ...args(), grouping: { kind: 'startTier' } });
    expect(r.groups.map((g) => [g.value, g.customers])).toEqual([
      ['A', 3],
      ['C', 1]
    ]);
  });
});
