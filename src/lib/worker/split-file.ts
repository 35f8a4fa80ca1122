// A large orders CSV read in two halves at once, one per core: the database worker reads the first
// half, a helper worker (`reader/worker.ts`) the second, each as the first pass of an import does
// (`OrdersPass`); the halves join into what one pass gives. The cut is after a newline; the first
// half's own parse proves it ended a record (no quote left open), else the file is read whole.
import { streamColumns } from '$lib/ingest/byte-rows';
import type { Inspected } from '$lib/ingest/inspect';
import { createNormalizer } from '$lib/ingest/normalize';
import type { ColumnMapping } from '$lib/ingest/types';
import {
  OrdersPass,
  passColumns,
  rowsIn,
  type OrdersPassParts,
  type RejectedRow
} from './orders-pass';

/**
 * Files smaller than this are read in one piece (a second worker's start, ≈0.1 s, is not worth
 * it). The built-in sample's orders (7.5 MB) are cut: every test that loads them reads two halves.
 */
export const SPLIT_MIN_BYTES = 4 * 2 ** 20;

/**
 * The first half's share of the bytes: a little more than half, as the database worker starts on
 * it a moment before the helper has its request (a helper started ahead, see `warmHelper`).
 */
export const FIRST_SHARE = 0.51;

/** Encodings in which the newline's bytes never occur inside another character. */
const CUTTABLE = new Set(['utf-8', 'gb18030', 'big5', 'shift_jis', 'windows-1252']);

/** The second half's first pass: its rows numbered from 1 at its own first record. */
export interface SecondHalf {
  pass: OrdersPassParts;
  rejected: RejectedRow[];
}

/** A file cut at byte `at`, its second half being read elsewhere. */
export interface SplitRead {
  at: number;
  /** Starts reading the second half; `onBytes` hears how far it got. */
  readSecondHalf(onBytes: (bytes: number) => void): Promise<SecondHalf>;
  /** Stops the reading (the import failed or was cancelled). */
  stop(): void;
}

/** The inspection of a part that begins at a record's start: no byte-order mark, no header. */
export function partInspection(inspected: Inspected): Inspected {
  return { ...inspected, bomBytes: 0, headerRecord: -1, skippedRows: 0 };
}

/** The first pass over the orders rows of `part` (the second half of a file). */
export async function readOrdersPart(
  part: Blob,
  inspected: Inspected,
  mapping: ColumnMapping,
  onBytes: (bytes: number) => void
): Promise<SecondHalf> {
  const rejected: RejectedRow[] = [];
  const pass = new OrdersPass(
    createNormalizer(mapping),
    inspected.headers.length,
    (n, r, row) => rejected.push([n, r, JSON.stringify(row)]),
    rowsIn(part.size, inspected)
  );
  const columns = passColumns(mapping);
  await streamColumns(part, partInspection(inspected), columns, (b) => pass.read(b), onBytes);
  return { pass: pass.parts(), rejected };
}

/** True when an orders import of `file` reads it in two halves (see {@link findSplit}). */
export function isSplittable(file: Blob, inspected: Inspected, minBytes = SPLIT_MIN_BYTES) {
  return (
    file.size >= minBytes &&
    inspected.format === 'csv' &&
    !inspected.table &&
    CUTTABLE.has(inspected.encoding)
  );
}

/**
 * Where `file` can be cut in two halves of about equal size: after the first newline a little
 * past the middle. Whether that newline ends a record (it may sit in a quoted field) is only known
 * by reading the first half: the import checks it there and reads the file whole when it did not
 * ({@link CutInQuotes}). Null when the file is read whole anyway: small, a spreadsheet, compressed
 * or UTF-16.
 */
export async function findSplit(
  file: Blob,
  inspected: Inspected,
  minBytes = SPLIT_MIN_BYTES
): Promise<number | null> {
  if (!isSplittable(file, inspected, minBytes)) return null;
  const middle = Math.floor(file.size * FIRST_SHARE);
  const newline = [...inspected.newline].map((c) => c.charCodeAt(0));
  const window = new Uint8Array(await file.slice(middle, middle + 2 ** 20).arrayBuffer());
  for (let i = 0; i + newline.length <= window.length; i++) {
    if (newline.every((b, k) => window[i + k] === b)) {
      const at = middle + i + newline.length;
      return at < file.size ? at : null;
    }
  }
  return null;
}

/**
 * The first half ended inside quotes: the cut was in a quoted field (or a quote opened there is
 * never closed), so the second half did not begin at a record. The import reads the file whole.
 */
export class CutInQuotes extends Error {}

/** What the database worker sends the reader: the second half and how to read it. */
export interface ReaderRequest {
  part: Blob;
  inspected: Inspected;
  mapping: ColumnMapping;
}

/** What it hears back: progress, then the half's first pass or why it failed. */
export type ReaderMessage =
  | { type: 'bytes'; bytes: number }
  | { type: 'done'; half: SecondHalf }
  | { type: 'error'; message: string };

function startHelper(): Worker {
  return new Worker(new URL('./reader/worker.ts', import.meta.url), { type: 'module' });
}

/** A helper started ahead of the import that will want it (its start is ≈0.25 s). */
let spare: Worker | null = null;

/**
 * Starts a helper for the next split import now, while the user looks at the mapping step (the
 * inspection of a file that will be read in halves); one at most. Once taken, or failed to start,
 * it is gone; the import then starts one of its own.
 */
export function warmHelper() {
  if (spare || typeof Worker !== 'function') return;
  const helper = startHelper();
  helper.onerror = (event) => {
    event.preventDefault();
    helper.terminate();
    if (spare === helper) spare = null;
  };
  spare = helper;
}

function takeHelper(): Worker {
  const helper = spare ?? startHelper();
  spare = null;
  return helper;
}

/**
 * Reads the second half in a helper worker of its own, let go once it answered or was stopped. A
 * helper that cannot start or fails (an old offline copy without its file, no memory for a second
 * heap) leaves the half to this thread.
 */
export function splitByWorker(
  file: Blob,
  inspected: Inspected,
  mapping: ColumnMapping,
  at: number
): SplitRead {
  let worker: Worker | null = null;
  let isStopped = false;
  const release = () => {
    worker?.terminate();
    worker = null;
  };
  const inHelper = (onBytes: (bytes: number) => void) =>
    new Promise<SecondHalf>((resolve, reject) => {
      worker = takeHelper();
      worker.onmessage = ({ data }: MessageEvent<ReaderMessage>) => {
        if (data.type === 'bytes') return onBytes(data.bytes);
        release();
        if (data.type === 'done') resolve(data.half);
        else reject(new Error(data.message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        release();
        reject(new Error(event.message || 'the reader worker stopped'));
      };
      const request: ReaderRequest = { part: file.slice(at), inspected, mapping };
      worker.postMessage(request);
    });
  return {
    at,
    readSecondHalf: (onBytes) =>
      inHelper(onBytes).catch((err: unknown) => {
        if (isStopped) throw err;
        console.warn('reader worker failed; the second half is read here', err);
        return readOrdersPart(file.slice(at), inspected, mapping, onBytes);
      }),
    stop: () => {
      isStopped = true;
      release();
    }
  };
}

/** Reads the second half on this thread (tests, and where no worker can start). */
export function splitHere(
  file: Blob,
  inspected: Inspected,
  mapping: ColumnMapping,
  at: number
): SplitRead {
  return {
    at,
    readSecondHalf: (onBytes) => readOrdersPart(file.slice(at), inspected, mapping, onBytes),
    stop: () => {}
  };
}
