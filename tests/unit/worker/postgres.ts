// A throwaway PostgreSQL cluster for tests (initdb in a temp dir, 127.0.0.1 on a free port, removed
// afterwards), and copying sql.js tables into it.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import { createIndexes, importFile } from '../../../src/lib/worker/import';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import type { ColumnMapping } from '../../../src/lib/ingest/types';
import type { DatasetInfo } from '../../../src/lib/db';

/** LENS_SKIP_PG=1 skips the PostgreSQL tests (e.g. on a machine without PostgreSQL). */
export const SKIP_PG = process.env.LENS_SKIP_PG === '1';
export const PG_ROOT = '/usr/lib/postgresql';
export const pgBin = existsSync(PG_ROOT)
  ? readdirSync(PG_ROOT)
      .map((v) => path.join(PG_ROOT, v, 'bin'))
      .find((dir) => existsSync(path.join(dir, 'initdb')))
  : undefined;

export type Row = (string | number | null)[];

/** A throwaway cluster: initdb -A trust in a temp dir, listening on 127.0.0.1 only. */
export class Postgres {
  private dir = mkdtempSync(path.join(tmpdir(), 'lens-pg-'));
  private data = path.join(this.dir, 'data');
  port = 0;
  /** PostgreSQL refuses to run as root; then the server runs as the package's `postgres` user. */
  private asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];

  private run(cmd: string, args: string[], input?: string) {
    const [exe, ...rest] = [...this.asUser, cmd, ...args];
    const r = spawnSync(exe, rest, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error}`);
    return r.stdout;
  }

  async start(bin: string) {
    if (this.asUser.length) {
      const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
      const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
      chownSync(this.dir, Number(id), Number(gid));
      chmodSync(this.dir, 0o700);
    }
    this.port = await freePort();
    this.run(path.join(bin, 'initdb'), [
      '-D',
      this.data,
      '-A',
      'trust',
      '-U',
      'lens',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync'
    ]);
    this.run(path.join(bin, 'pg_ctl'), [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start'
    ]);
  }

  /** Runs an SQL script; returns the last statement's rows (text, `null` for NULL). */
  psql(script: string): (string | null)[][] {
    const r = spawnSync(
      'psql',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(this.port),
        '-U',
        'lens',
        '-d',
        'postgres',
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-A',
        '-t',
        '-F',
        '\t',
        '-P',
        'null=\\N',
        '-f',
        '-'
      ],
      { input: script, encoding: 'utf8', maxBuffer: 1 << 28 }
    );
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return r.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t').map((v) => (v === '\\N' ? null : v)));
  }

  stop(bin: string) {
    try {
      if (this.port)
        this.run(path.join(bin, 'pg_ctl'), ['-D', this.data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** COPY text format: backslash, tab and line breaks escaped, NULL as \N. */
const copyCell = (v: unknown) =>
  v === null || v === undefined
    ? '\\N'
    : String(v)
        .replace(/\\/g, '\\\\')
        .replace(/\t/g, '\\t')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r');

const PG_TYPE: Record<string, string> = {
  TEXT: 'TEXT',
  REAL: 'DOUBLE PRECISION',
  INTEGER: 'BIGINT',
  '': 'TEXT'
};

/** Copies a sql.js table into PostgreSQL with the same columns. */
export function copyTable(db: Database, pg: Postgres, table: string, target = table) {
  const cols = db.exec(`PRAGMA table_info("${table}")`)[0].values.map((c) => ({
    name: String(c[1]),
    type: PG_TYPE[String(c[2]).toUpperCase()] ?? 'TEXT'
  }));
  const rows = db.exec(`SELECT * FROM "${table}"`)[0]?.values ?? [];
  const data = rows.map((r) => r.map(copyCell).join('\t')).join('\n');
  pg.psql(`DROP TABLE IF EXISTS "${target}";
CREATE TABLE "${target}" (${cols.map((c) => `"${c.name}" ${c.type}`).join(', ')});
COPY "${target}" FROM STDIN;
${data}${rows.length ? '\n' : ''}\\.
SELECT COUNT(*) FROM "${target}";`);
}

/** Imports a real file as orders with the app's own importer and guessed mapping. */
export async function importOrders(db: Database, file: string): Promise<DatasetInfo> {
  const blob = new File([readFileSync(file)], path.basename(file));
  const inspected = await inspectFile(blob);
  const mapping: ColumnMapping = {
    kind: 'transactions',
    columns: inspected.guesses,
    date1904: false
  };
  const info = await importFile(
    db,
    blob,
    inspected,
    mapping,
    { mode: 'add', name: blob.name },
    () => {},
    () => false
  );
  createIndexes(db, info);
  return info;
}
