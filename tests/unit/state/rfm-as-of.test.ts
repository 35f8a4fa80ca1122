// The as-of date a user chooses belongs to the dataset it was chosen on (DOMAIN §2's default is in
// force on any other): importing or picking another dataset must not carry a date of other years.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo, DbClient } from '$lib/db';
import { Datasets } from '$lib/state/datasets.svelte';
import type { FilterState } from '$lib/state/filter.svelte';
import { RfmState } from '$lib/state/rfm.svelte';

const fakeDb = { onEvent: () => () => {} } as unknown as DbClient;

const ds = (id: number, importedAt = `t${id}`) =>
  ({
    id,
    kind: 'transactions',
    isAnalysable: true,
    name: `orders-${id}`,
    importedAt
  }) as DatasetInfo;

function setup(defaultAsOf: string | null = '2017-12-31') {
  const datasets = new Datasets(fakeDb);
  const filter = { defaultAsOf, current: null } as unknown as FilterState;
  return { datasets, rfm: new RfmState(fakeDb, datasets, filter) };
}

describe('the chosen as-of date', () => {
  it('applies to the dataset it was chosen on, and to no other', () => {
    const { datasets, rfm } = setup();
    datasets.added(ds(1), 'replace');
    expect(rfm.asOf).toBe('2017-12-31');
    rfm.setAsOf('2011-06-01');
    expect([rfm.chosenAsOf(), rfm.asOf]).toEqual(['2011-06-01', '2011-06-01']);

    // Another dataset joins and becomes active: its own default is in force.
    datasets.added(ds(2), 'add');
    expect([rfm.chosenAsOf(), rfm.asOf]).toEqual([null, '2017-12-31']);
    // Back on the first one, its date is back.
    datasets.show(1);
    expect(rfm.asOf).toBe('2011-06-01');
    expect(rfm.chosenAsOf(datasets.list.find((d) => d.id === 2)!)).toBeNull();
  });

  it('does not survive the dataset being replaced, even under the same id', () => {
    const { datasets, rfm } = setup();
    datasets.added(ds(1), 'replace');
    rfm.setAsOf('2011-06-01');
    datasets.added(ds(1, 't9'), 'replace');
    expect([rfm.chosenAsOf(), rfm.asOf]).toEqual([null, '2017-12-31']);
  });

  it('goes back to the default when reset, and needs a dataset to be chosen', () => {
    const { datasets, rfm } = setup(null);
    rfm.setAsOf('2011-06-01');
    expect([rfm.settings.asOf, rfm.asOf]).toEqual([null, null]);
    datasets.added(ds(1), 'replace');
    rfm.setAsOf('2011-06-01');
    rfm.setAsOf(null);
    expect([rfm.settings.asOf, rfm.settings.asOfFor, rfm.asOf]).toEqual([null, null, null]);
  });

  it('saved without its dataset (an older version), stays with the dataset the workspace opens on', () => {
    const { datasets, rfm } = setup();
    datasets.added(ds(1), 'replace');
    rfm.settings = { ...rfm.settings, asOf: '2016-01-01' };
    expect(rfm.asOf).toBe('2017-12-31');
    rfm.adoptAsOf(datasets.active);
    expect(rfm.asOf).toBe('2016-01-01');
    // Adopted once: a dataset imported next opens on its own default.
    datasets.added(ds(2), 'replace');
    rfm.adoptAsOf(datasets.active);
    expect(rfm.asOf).toBe('2017-12-31');
  });
});
