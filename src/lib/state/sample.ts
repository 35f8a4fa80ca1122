// Loads the built-in sample (static files of the app itself) straight into the workspace: the
// orders, then the team's targets sheet, without asking.
import type { ImportFlow } from './import-flow.svelte';

/** The sample's files, fetched from the app itself. */
async function fetchSample(name: string, fileName: string): Promise<File | null> {
  const res = await fetch(new URL(`sample/${name}`, document.baseURI));
  if (!res.ok) return null;
  return new File([await res.blob()], fileName, { type: 'text/csv' });
}

/** Fetches the sample's orders and targets, and imports both without the mapping step. */
export async function loadSample(flow: ImportFlow) {
  const [orders, targets] = await Promise.all([
    fetchSample('orders.csv', 'sample-orders.csv'),
    fetchSample('targets.csv', 'sample-targets.csv')
  ]);
  if (!orders || !targets) {
    flow.error = { code: 'sample_missing' };
    return;
  }
  await flow.openFile(orders);
  if (flow.stage === 'mapping' && flow.problems.length === 0)
    await flow.confirm(() => flow.importAlongside(targets));
}
