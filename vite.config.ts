import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// e2e files whose outcome cannot depend on the time zone (network, offline, keyboard, axe, the SQL
// console, two tabs, how errors show, words and currency — the numbers they read are checked per
// zone by the files that read dates): `LENS_E2E_DATES_ONLY=1` (the second time-zone run of
// `npm run test:e2e`) leaves them out, so CI runs them once and stays within its time budget.
// Everything that reads dates runs twice.
const ZONE_FREE_E2E = [
  'tests/e2e/accessibility.test.ts',
  'tests/e2e/drop-and-paste.test.ts',
  'tests/e2e/filter.test.ts',
  'tests/e2e/offline.test.ts',
  'tests/e2e/persistence.test.ts',
  'tests/e2e/privacy-and-flow.test.ts',
  'tests/e2e/sql-console.test.ts',
  'tests/e2e/two-tabs.test.ts',
  'tests/e2e/view-errors.test.ts',
  'tests/e2e/views-tour.test.ts',
  'tests/e2e/wide-file.test.ts',
  'tests/e2e/words-and-numbers.test.ts'
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
          include: ['tests/e2e/**/*.test.ts'],
          exclude: process.env.LENS_E2E_DATES_ONLY ? ZONE_FREE_E2E : [],
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
