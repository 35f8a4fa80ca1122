// Node's sql.js build as the app's build patches it (scripts/sqljs-patches.js), for unit tests.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { patchSqlJs } from '../../../scripts/sqljs-patches.js';

const require = createRequire(import.meta.url);

/** The text of one of sql.js's builds. */
export const sqlJsSource = (file: string) =>
  readFileSync(require.resolve(`sql.js/dist/${file}`), 'utf8');

export type Viewable = Database & { fileView(): Uint8Array };

let loaded: Promise<SqlJsStatic> | null = null;

/** Node's sql.js build with both patches, loaded once from a temporary copy. */
export function patchedSqlJs(): Promise<SqlJsStatic> {
  loaded ??= (() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sqljs-patched-'));
    const file = path.join(dir, 'sql-wasm.cjs');
    writeFileSync(file, patchSqlJs(sqlJsSource('sql-wasm.js')));
    const init = require(file) as (o: object) => Promise<SqlJsStatic>;
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    return init({ locateFile: () => wasm });
  })();
  return loaded;
}
