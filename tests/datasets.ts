// Where the public datasets live for tests, and what a test does when they are missing.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `../shared/datasets`, next to the project. */
export const DATASETS = path.resolve('..', 'shared', 'datasets');

/**
 * True when every file (relative to {@link DATASETS}) exists. Missing files fail the run in CI
 * (`CI` set) and skip locally with a message naming them.
 */
export function hasDatasets(what: string, ...files: string[]): boolean {
  const missing = files.filter((f) => !existsSync(path.join(DATASETS, f)));
  if (missing.length === 0) return true;
  const message = `${what} needs ${missing.map((f) => path.join(DATASETS, f)).join(', ')}`;
  if (process.env.CI) throw new Error(`${message}: the datasets must be present in CI.`);
  console.warn(`SKIPPED: ${message}, which is absent.`);
  return false;
}
