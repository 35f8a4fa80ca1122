// The bench's input files: generated order histories of N rows (a customer per 10 rows) and
// Online Retail (gunzipped to a temp file), each with the columns DuckDB reads for the roles the
// app's mapping step picks.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  openSync,
  readSync,
  statSync
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { SAMPLE_HEADER } from '../generate-sample.js';

export const ONLINE_RETAIL = path.resolve('../shared/datasets/online_retail/online_retail.csv.gz');

/** @type {import('./duckdb-sql.js').ColumnSpec} */
const GENERATED_SPEC = {
  orderId: SAMPLE_HEADER[0],
  date: SAMPLE_HEADER[1],
  customer: SAMPLE_HEADER[2],
  amount: SAMPLE_HEADER[10]
};

/** @type {import('./duckdb-sql.js').ColumnSpec} */
const ONLINE_RETAIL_SPEC = {
  orderId: 'InvoiceNo',
  date: 'InvoiceDate',
  customer: 'CustomerID',
  quantity: 'Quantity',
  unitPrice: 'UnitPrice'
};

/** The column spec of a CSV from its header line (the two kinds of file the bench knows). */
export function specOf(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(4096);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer
    .subarray(0, n)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0];
  if (head === SAMPLE_HEADER.join(',')) return GENERATED_SPEC;
  if (head === 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country')
    return ONLINE_RETAIL_SPEC;
  throw new Error(`${file}: no DuckDB column mapping for the header ${head}`);
}

/**
 * A bench input. `kind`: `size` (generated, N rows), `online-retail`, or a CSV path.
 * @returns {Promise<{ name: string, file: string, rows: number | null, spec: import('./duckdb-sql.js').ColumnSpec, bytes: number } | null>}
 */
export async function prepare(kind, dir) {
  let name;
  let file;
  let rows = null;
  if (typeof kind === 'number') {
    rows = kind;
    name = kind >= 1e6 ? `${kind / 1e6}M` : `${kind / 1e3}k`;
    file = path.join(dir, `orders-${kind}.csv`);
    execFileSync(
      'node',
      [
        'scripts/generate-sample.js',
        '--rows',
        String(kind),
        '--customers',
        String(Math.round(kind / 10)),
        '--out',
        file
      ],
      { stdio: 'inherit' }
    );
  } else if (kind === 'online-retail') {
    if (!existsSync(ONLINE_RETAIL)) {
      console.warn(`Online Retail skipped: ${ONLINE_RETAIL} is missing.`);
      return null;
    }
    name = 'Online Retail';
    file = path.join(dir, 'online_retail.csv');
    await pipeline(createReadStream(ONLINE_RETAIL), createGunzip(), createWriteStream(file));
  } else {
    name = path.basename(kind);
    file = path.resolve(kind);
  }
  return { name, file, rows, spec: specOf(file), bytes: statSync(file).size };
}
