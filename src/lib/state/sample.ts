// Loads the built-in sample (static files of the app itself) straight into the workspace: the
// orders, then the team's targets sheet, the customer master, the survey responses and the
// complaints and the receivables (DOMAIN §7), without asking.
import type { ImportFlow } from './import-flow.svelte';

/** The sample's files beside the orders, imported after them in this order. */
const RELATED_FILES = [
  ['targets.csv', 'sample-targets.csv'],
  ['customers.csv', 'sample-customers.csv'],
  ['feedback.csv', 'sample-feedback.csv'],
  ['complaints.csv', 'sample-complaints.csv'],
  ['receivables.csv', 'sample-receivables.csv']
] as const;

/** The sample's files, fetched from the app itself. */
async function fetchSample(name: string, fileName: string): Promise<File | null> {
  const res = await fetch(new URL(`sample/${name}`, document.baseURI));
  if (!res.ok) return null;
  return new File([await res.blob()], fileName, { type: 'text/csv' });
}

/** Fetches the sample's orders and related files, and imports them all without the mapping step. */
export async function loadSample(flow: ImportFlow) {
  const [orders, ...related] = await Promise.all([
    fetchSample('orders.csv', 'sample-orders.csv'),
    ...RELATED_FILES.map(([name, fileName]) => fetchSample(name, fileName))
  ]);
  if (!orders || related.some((f) => !f)) {
    flow.error = { code: 'sample_missing' };
    return;
  }
  await flow.openFile(orders);
  if (flow.stage === 'mapping' && flow.problems.length === 0)
    await flow.confirm(async () => {
      for (const file of related) await flow.importAlongside(file!);
    });
}
