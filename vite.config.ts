import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The second time-zone run of `npm run test:e2e` (`LENS_E2E_DATES_ONLY=1`, America/New_York) runs
// only the files that turn written dates into days: every date spelling and Excel serial of the
// hostile-file corpus and the import cases (serials, the 1904 system). From the parse on, dates are
// `YYYY-MM-DD` text (day arithmetic in UTC or SQL, months and periods formatted from the text), so
// one zone checks the views; this keeps CI within its 20 minutes.
const DATES_E2E = ['tests/e2e/corpus.test.ts', 'tests/e2e/import-cases.test.ts'];

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
