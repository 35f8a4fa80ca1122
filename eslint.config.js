import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports a layer may not make (the layout in ../shared/STYLE.md: data flows one way). */
const svelteAndApp = {
  group: ['svelte', 'svelte/*', '$app/*', '*.svelte'],
  message: 'this layer runs outside Svelte'
};
const pageLayers = {
  group: [
    '$lib/state/*',
    '$lib/components/*',
    '$lib/charts/*',
    '**/state/*',
    '**/components/*',
    '**/charts/*'
  ],
  message: 'page-side code is out of reach here'
};
const dbAndWorker = {
  group: ['$lib/db', '$lib/db/*', '$lib/worker/*', '**/db/*', '**/worker/*'],
  message: 'ingest/ and analysis/ import nothing above them'
};
/** ingest/ and analysis/: pure, run in the worker and in Node tests unchanged. */
const pureRestrictions = { patterns: [svelteAndApp, pageLayers, dbAndWorker] };
/** worker/: worker-only code, talks to the page through $lib/db's protocol types only. */
const workerRestrictions = {
  patterns: [svelteAndApp, pageLayers],
  paths: ['$lib/db', '$lib/db/client', '$lib/db/console-client', '$lib/db/index'].map((name) => ({
    name,
    message: 'the worker uses the protocol types, never the page client'
  }))
};
/** Page side (db client, state, components, routes): the worker's code loads only as a Worker URL. */
const workerOnly = { group: ['$lib/worker/*', '**/worker/*'], message: 'worker-only code' };
const pageRestrictions = { patterns: [workerOnly] };
/** Views render state: they never reach a worker themselves (state/ asks, views read). */
const viewRestrictions = {
  patterns: [
    workerOnly,
    {
      group: ['$lib/db/client', '$lib/db/console-client', '$lib/state/db-context'],
      message: 'views read state classes; only state/ talks to the workers'
    }
  ],
  paths: [
    {
      name: '$lib/db',
      importNames: ['createDbClient', 'ConsoleClient'],
      message: 'views read state classes; only state/ talks to the workers'
    }
  ]
};

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/sample/', 'bench-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    files: ['src/lib/ingest/**', 'src/lib/analysis/**'],
    rules: { 'no-restricted-imports': ['error', pureRestrictions] }
  },
  {
    files: ['src/lib/worker/**'],
    rules: { 'no-restricted-imports': ['error', workerRestrictions] }
  },
  {
    files: ['src/lib/db/**', 'src/lib/state/**'],
    rules: { 'no-restricted-imports': ['error', pageRestrictions] }
  },
  {
    files: ['src/lib/components/**', 'src/lib/charts/**', 'src/routes/**'],
    rules: { 'no-restricted-imports': ['error', viewRestrictions] }
  },
  {
    // A test reference is written from DOMAIN.md; borrowing the app's code would test it against itself.
    files: ['tests/reference/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['$lib/*', '**/src/**'], message: 'a reference shares no app code' }]
        }
      ]
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'svelte/no-navigation-without-resolve': 'off'
    }
  }
);
