// The import flow while a workspace opens: a file confirmed before the saved workspace is on the
// page waits for it, and then joins the restored datasets instead of replacing them unseen.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo, DbClient, Inspection } from '$lib/db';
import { Datasets } from '$lib/state/datasets.svelte';
import { ImportFlow } from '$lib/state/import-flow.svelte';
import { inspectFile } from '$lib/ingest/inspect';

const ORDERS = 'Customer ID,Order Date,Sales\nC1,2024-01-05,10\nC2,2024-01-06,20\n';

const orders = (id: number) =>
  ({ id, kind: 'transactions', isAnalysable: true, importedAt: `t${id}` }) as DatasetInfo;

/** A worker that inspects for real and records the imports it is asked for. */
function fakeWorker() {
  const imports: { mode: string }[] = [];
  const db = {
    onEvent: () => () => {},
    async call(type: string, args: Record<string, unknown>) {
      if (type === 'inspect') {
        const file = args.file as File;
        const x = await inspectFile(file);
        return {
          ...x,
          fileName: file.name,
          fileBytes: file.size,
          preview: [],
          sampledRows: x.sample.length,
          headerKey: 'orders',
          currency: null
        } as unknown as Inspection;
      }
      if (type === 'import') {
        const target = args.target as { mode: string };
        imports.push({ mode: target.mode });
        return orders(9);
      }
      throw new Error(`unexpected request ${type}`);
    }
  } as unknown as DbClient;
  return { db, imports };
}

describe('an import confirmed while the workspace opens', () => {
  it('waits for the restored datasets and joins them (the default), never replacing them unseen', async () => {
    const { db, imports } = fakeWorker();
    const datasets = new Datasets(db);
    const flow = new ImportFlow(db, datasets);
    let opened!: () => void;
    flow.holdUntilOpened(new Promise<void>((resolve) => (opened = resolve)));

    await flow.openFile(new File([ORDERS], 'orders.csv'));
    expect(flow.stage).toBe('mapping');
    // Nothing is on the page yet: the mapping step offers no choice, the file would fill it.
    expect(flow.target).toBe('replace');
    const confirmed = flow.confirm();
    await new Promise((r) => setTimeout(r, 20));
    expect(imports).toEqual([]);

    // The saved workspace arrives with its orders.
    datasets.list = [orders(1)];
    flow.settle();
    opened();
    await confirmed;
    expect(imports).toEqual([{ mode: 'add' }]);
    expect(datasets.list.map((d) => d.id)).toEqual([1, 9]);
  });

  it('keeps the choice the user made', async () => {
    const { db, imports } = fakeWorker();
    const datasets = new Datasets(db);
    datasets.list = [orders(1)];
    const flow = new ImportFlow(db, datasets);
    await flow.openFile(new File([ORDERS], 'orders.csv'));
    expect(flow.target).toBe('add');
    flow.target = 'replace';
    flow.settle();
    await flow.confirm();
    expect(imports).toEqual([{ mode: 'replace' }]);
    expect(datasets.list.map((d) => d.id)).toEqual([9]);
    // An orders import lands on the Overview, naming what was imported; a new file clears it.
    expect(flow.isLanding).toBe(true);
    expect(flow.landed?.id).toBe(9);
    await flow.openFile(new File([ORDERS], 'orders.csv'));
    expect(flow.isLanding).toBe(false);
    expect(flow.landed).toBeNull();
  });
});
