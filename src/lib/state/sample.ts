// Loads the built-in sample dataset (a static file of the app itself) straight into the workspace.
import type { Workspace } from './workspace.svelte';

/** Fetches the app's own sample CSV, inspects it and imports it without asking. */
export async function loadSample(ws: Workspace) {
  const url = new URL('sample/orders.csv', document.baseURI);
  const res = await fetch(url);
  if (!res.ok) {
    ws.error = { code: 'sample_missing' };
    return;
  }
  const blob = await res.blob();
  await ws.openFile(new File([blob], 'sample-orders.csv', { type: 'text/csv' }));
  if (ws.stage === 'mapping' && ws.problems.length === 0) await ws.confirm();
}
