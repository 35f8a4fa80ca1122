import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The second time-zone run of `npm run test:e2e` (`LENS_E2E_DATES_ONLY=1`, America/New_York) runs
// only the files that turn written dates into days and show them again: every date spelling and
// Excel serial of the hostile-file corpus, the import cases (serials, the 1904 system) and the
// months, cohorts and trends of the time views. Everything else keeps dates as `YYYY-MM-DD` text
// from the worker's parse on (day arithmetic in UTC or SQL), so one zone checks it; this keeps CI
// within its 20 minutes.
const DATES_E2E = [
  'tests/e2e/corpus.test.ts',
  'tests/e2e/import-cases.test.ts',
  'tests/e2e/time.test.ts'
];

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: process.env.LENS_E2E_DATES_ONLY ? DATES_E2E : ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1
        }
      }
    ]
  }
});
