import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { sqljsPatches } from './scripts/sqljs-patches.js';

// `npm run test:e2e` runs the e2e files in three sets (`LENS_E2E_SET`; unset: every file, one at a
// time, as when running a single file by hand):
// - `parallel`: every file but the timed ones, two browsers at a time (most of a test's time is
//   waiting on the app's worker; two halve the wall time on CI's two cores);
// - `timed`: the files that bound main-thread long tasks or round trips (CLV, the SQL console), alone
//   on the machine;
// - `dates` (America/New_York): the hostile-file corpus (it bounds long tasks too, so alone), which
//   turns every date spelling and Excel serial (General-format serials, the 1904 system) into days,
//   in a zone behind UTC; every other e2e file reads dates in Asia/Shanghai, ahead of UTC. From the
//   parse on, dates are `YYYY-MM-DD` text. One run of the corpus keeps CI within its 20 minutes.
const TIMED_E2E = [
  'tests/e2e/corpus.test.ts',
  'tests/e2e/clv.test.ts',
  'tests/e2e/sql-console.test.ts'
];
const DATES_E2E = ['tests/e2e/corpus.test.ts'];
const E2E_SETS = {
  parallel: { include: ['tests/e2e/**/*.test.ts'], exclude: TIMED_E2E, workers: 2 },
  timed: { include: TIMED_E2E, exclude: DATES_E2E, workers: 1 },
  dates: { include: DATES_E2E, exclude: [], workers: 1 },
  all: { include: ['tests/e2e/**/*.test.ts'], exclude: [], workers: 1 }
};
/**
 * The longest e2e files (1.5–2.5 min each on CI), longest first. Vitest would start them last on a
 * clean clone (without timings it runs the largest files first, and the views tours are the smallest):
 * one browser then idles while the other finishes a tour. Started first, the short files fill the end.
 */
const LONG_E2E = [
  'views-tour-zh',
  'two-tabs',
  'privacy-and-flow',
  'filter',
  'time',
  'views-tour-en',
  'migration',
  'words-and-numbers'
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONG_E2E.findIndex((name) => f.moduleId.endsWith(`/${name}.test.ts`));
      return i < 0 ? LONG_E2E.length : i;
    };
    const base = await super.sort(files);
    return base
      .map((f, order) => ({ f, order }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.order - b.order)
      .map(({ f }) => f);
  }
}

const e2eSet = E2E_SETS[(process.env.LENS_E2E_SET ?? 'all') as keyof typeof E2E_SETS];
if (!e2eSet) throw new Error(`LENS_E2E_SET must be one of ${Object.keys(E2E_SETS).join(', ')}`);

export default defineConfig({
  plugins: [sveltekit()],
  // sql.js runs only in the worker; its file growth and a copy-free view of its file are patched
  // in the build and in dev's pre-bundled copy (scripts/sqljs-patches.js).
  worker: { format: 'es', plugins: () => [sqljsPatches()] },
  optimizeDeps: { rolldownOptions: { plugins: [sqljsPatches()] } },
  test: {
    // Orders the files of both projects (only the long e2e files move).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // The files share each worker's module graph instead of importing it afresh per file:
          // 44 % less CPU for the whole suite (192 → 108 s measured). Tests keep no global state
          // (the one module mock, the sql.js wasm URL in session-filter, is the same everywhere).
          isolate: false
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2eSet.include,
          exclude: e2eSet.exclude,
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          setupFiles: ['tests/e2e/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: e2eSet.workers > 1,
          maxWorkers: e2eSet.workers
        }
      }
    ]
  }
});
