// Loads the built-in sample dataset (a static file of the app itself) straight into the workspace.
import type { ImportFlow } from './import-flow.svelte';

/** Fetches the app's own sample CSV, inspects it and imports it without asking. */
export async function loadSample(flow: ImportFlow) {
  const url = new URL('sample/orders.csv', document.baseURI);
  const res = await fetch(url);
  if (!res.ok) {
    flow.error = { code: 'sample_missing' };
    return;
  }
  const blob = await res.blob();
  await flow.openFile(new File([blob], 'sample-orders.csv', { type: 'text/csv' }));
  if (flow.stage === 'mapping' && flow.problems.length === 0) await flow.confirm();
}
