// The sql.js MEMFS growth patch finds its one expression in both builds the app and Node load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchGrowth } from '../../../scripts/sqljs-file-growth.js';

const require = createRequire(import.meta.url);

describe('sql.js file growth patch', () => {
  for (const file of ['sql-wasm-browser.js', 'sql-wasm.js']) {
    it(`doubles the file capacity in ${file}`, () => {
      const code = readFileSync(require.resolve(`sql.js/dist/${file}`), 'utf8');
      const patched = patchGrowth(code, file);
      expect(patched).not.toMatch(/1\.125/);
      expect(patched.length).toBe(code.length - '(m<1048576?2:1.125)'.length + 1);
    });
  }

  it('refuses code without the growth step', () => {
    expect(() => patchGrowth('var x = 1;', 'other.js')).toThrow(/found 0/);
  });
});
