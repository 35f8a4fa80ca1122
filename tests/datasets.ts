// The public datasets tests read (../shared/datasets), and the rule for when one is missing: fail under CI, skip locally.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The datasets folder: `$LENS_DATASETS` if set, else `../shared/datasets` beside the project. */
export const DATASETS = path.resolve(
  process.env.LENS_DATASETS || fileURLToPath(new URL('../../shared/datasets', import.meta.url))
);

/** Every file a test reads from the datasets folder. */
export const DATASET_FILES = {
  cdnowElog: path.join(DATASETS, 'cdnow', 'cdnowElog.csv'),
  /** CDNOW's published calibration summary (ID, x, t_x, T, zbar) for the calibration end 1997-09-30. */
  cdnowSummary: path.join(DATASETS, 'cdnow', 'cdnow_customers_summary_with_transactions.csv'),
  onlineRetail: path.join(DATASETS, 'online_retail', 'online_retail.csv.gz'),
  superstore: path.join(DATASETS, 'superstore', 'Sample - Superstore.csv')
} as const;

export type DatasetFile = keyof typeof DATASET_FILES;

/** CI sets `CI` (GitHub, GitLab and .ci/run use `true`); an empty, `0` or `false` value means no. */
export const isCi = (env: NodeJS.ProcessEnv = process.env) =>
  !!env.CI && env.CI !== '0' && env.CI.toLowerCase() !== 'false';

/** Why a test cannot run, naming each missing file and the folder; null when all are there. */
export function missingDatasets(files: readonly DatasetFile[]): string | null {
  const missing = files.filter((f) => !existsSync(DATASET_FILES[f]));
  if (missing.length === 0) return null;
  const names = missing.map((f) => path.relative(DATASETS, DATASET_FILES[f])).join(', ');
  return (
    `missing ${names} in the datasets folder ${DATASETS} ` +
    '(put the public datasets there, or point LENS_DATASETS at them)'
  );
}

const warned = new Set<string>();

/** Local runs: one warning per missing-files message, so a skipped suite is never silent. */
function warnSkipped(reason: string) {
  if (warned.has(reason)) return;
  warned.add(reason);
  console.warn(`SKIPPED (not CI): ${reason}`);
}

/**
 * `describe` for tests that read datasets. With every file present it is a plain `describe`.
 * When one is missing: under CI the suite holds one failing test naming the missing files (the
 * suite's own body never runs, so it never trips over a missing file); locally it holds one skipped
 * test whose name gives the reason, and the console gets one warning.
 */
export function describeWithData(files: readonly DatasetFile[], name: string, body: () => void) {
  const reason = missingDatasets(files);
  if (!reason) return describe(name, body);
  if (isCi()) {
    return describe(name, () => {
      it('has its datasets', () => {
        throw new Error(`CI needs the public datasets: ${reason}`);
      });
    });
  }
  warnSkipped(reason);
  return describe(name, () => {
    it.skip(`SKIPPED: ${reason}`, () => {});
  });
}

/** `it` for one test that reads datasets; the same rule as `describeWithData`. */
export function itWithData(
  files: readonly DatasetFile[],
  name: string,
  body: () => unknown,
  timeout?: number
) {
  const reason = missingDatasets(files);
  if (!reason) return it(name, body, timeout);
  if (isCi()) {
    return it(name, () => {
      throw new Error(`CI needs the public datasets: ${reason}`);
    });
  }
  warnSkipped(reason);
  return it.skip(`${name} — SKIPPED: ${reason}`, body);
}
