// The workspace's datasets on the page: which one the views analyse, the related ones they join,
// and what a replacing import keeps.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo, DbClient } from '$lib/db';
import { Datasets } from '$lib/state/datasets.svelte';

const fakeDb = { onEvent: () => () => {} } as unknown as DbClient;

/** A dataset as the catalog lists it: only what the page state reads. */
const ds = (id: number, kind: DatasetInfo['kind'], isAnalysable = kind === 'transactions') =>
  ({ id, kind, isAnalysable, name: `${kind}-${id}`, importedAt: `t${id}` }) as DatasetInfo;

describe('Datasets', () => {
  it('finds the latest dataset of each related kind, and follows imports and replacements', () => {
    const d = new Datasets(fakeDb);
    expect(d.related('customers')).toBeNull();
    d.added(ds(1, 'transactions'), 'replace');
    d.added(ds(2, 'customers', false), 'add');
    d.added(ds(3, 'feedback'), 'add');
    d.added(ds(4, 'feedback'), 'add');
    expect(d.related('customers')?.id).toBe(2);
    expect(d.related('feedback')?.id).toBe(4);
    expect(d.related('complaints')).toBeNull();
    // A master without purchase columns is never analysed: the orders stay active.
    expect(d.active?.id).toBe(1);
    expect(d.analysable.map((x) => x.id)).toEqual([1]);
    // Shown on the Data page when just imported.
    expect(d.shown?.id).toBe(4);

    // Replacing survey responses replaces only the earlier responses; orders and master stay.
    d.added(ds(5, 'feedback'), 'replace');
    expect(d.list.map((x) => x.id)).toEqual([1, 2, 5]);
    // New orders replace the orders only, and become the active dataset.
    d.added(ds(6, 'transactions'), 'replace');
    expect(d.list.map((x) => x.id)).toEqual([2, 5, 6]);
    expect(d.active?.id).toBe(6);
    expect(d.shown?.id).toBe(6);
    // A per-customer summary is analysable: it becomes active and replaces only customer tables.
    d.added(ds(7, 'customers', true), 'replace');
    expect(d.list.map((x) => x.id)).toEqual([5, 6, 7]);
    expect(d.active?.id).toBe(7);
    expect(d.related('customers')?.id).toBe(7);
  });

  it('opens a related dataset on the Data page without making it the active one', () => {
    const d = new Datasets(fakeDb);
    d.list = [ds(1, 'transactions'), ds(2, 'customers', false), ds(3, 'complaints')];
    d.restoreActive(null);
    expect(d.active?.id).toBe(1);
    d.show(2);
    expect(d.shown?.id).toBe(2);
    expect(d.active?.id).toBe(1);
    d.restoreActive(2); // a saved choice that is not analysable falls back to the latest analysable
    expect(d.active?.id).toBe(1);
  });
});
