import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Pure modules run in the worker and in Node tests: no Svelte, no DOM-bound app code. */
const pureRestrictions = {
  patterns: [
    { group: ['svelte', 'svelte/*', '$app/*'], message: 'ingest/ and analysis/ must stay pure.' },
    { group: ['**/state/*', '**/components/*', '**/charts/*', '*.svelte'], message: 'pure module' }
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
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'svelte/no-navigation-without-resolve': 'off'
    }
  }
);
