// A large orders CSV read in two halves at once, one per core: the database worker reads the first
// half, a helper worker (`reader/worker.ts`) the second, each as the first pass of an import does
// (`OrdersPass`); the halves join into what one pass gives. The cut is at a record's start that
// no quote can hide: only where the first half holds no quote character at all.
import { streamRows, type Inspected } from '$lib/ingest/inspect';
import { createNormalizer } from '$lib/ingest/normalize';
import type { ColumnMapping } from '$lib/ingest/types';
import { OrdersPass, type OrdersPassParts, type RejectedRow } from './orders-pass';

/**
 * Files smaller than this are read in one piece (a second worker's start, ≈0.1 s, is not worth
 * it). The built-in sample's orders (7.5 MB) are cut: every test that loads them reads two halves.
 */
export const SPLIT_MIN_BYTES = 4 * 2 ** 20;

/** The first half's share of the bytes. */
const FIRST_SHARE = 0.53;

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
  const pass = new OrdersPass(createNormalizer(mapping), inspected.headers.length, (n, r, row) =>
    rejected.push([n, r, JSON.stringify(row)])
  );
  await streamRows(part, partInspection(inspected), (batch) => pass.read(batch), onBytes);
  return { pass: pass.parts(), rejected };
}

/**
 * Where `file` can be cut in two halves of about equal size, at the start of a record: after the
 * first newline at or past the middle (a little past it), when nothing before it is quoted (a quote could hold a
 * newline, and where the first half's records end is then only known by reading them). Null when
 * the file is read whole: small, a spreadsheet, compressed, UTF-16, or quoted in its first half.
 */
export async function findSplit(
  file: Blob,
  inspected: Inspected,
  minBytes = SPLIT_MIN_BYTES
): Promise<number | null> {
  if (
    file.size < minBytes ||
    inspected.format !== 'csv' ||
    inspected.table ||
    !CUTTABLE.has(inspected.encoding)
  )
    return null;
  // A little past the middle: the helper starts later (its worker loads) and the halves join here.
  const middle = Math.floor(file.size * FIRST_SHARE);
  const reader = file.slice(0, middle).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.indexOf(0x22) >= 0) return null;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  // The newline after the middle (a quote between the middle and it ends the search too).
  const newline = [...inspected.newline].map((c) => c.charCodeAt(0));
  const window = new Uint8Array(await file.slice(middle, middle + 2 ** 20).arrayBuffer());
  for (let i = 0; i + newline.length <= window.length; i++) {
    if (window[i] === 0x22) return null;
    if (newline.every((b, k) => window[i + k] === b)) {
      const at = middle + i + newline.length;
      return at < file.size ? at : null;
    }
  }
  return null;
}

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

/** Reads the second half in a helper worker of its own, let go once it answered or was stopped. */
export function splitByWorker(
  file: Blob,
  inspected: Inspected,
  mapping: ColumnMapping,
  at: number
): SplitRead {
  let worker: Worker | null = null;
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  return {
    at,
    readSecondHalf: (onBytes) =>
      new Promise<SecondHalf>((resolve, reject) => {
        worker = new Worker(new URL('./reader/worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = ({ data }: MessageEvent<ReaderMessage>) => {
          if (data.type === 'bytes') return onBytes(data.bytes);
          stop();
          if (data.type === 'done') resolve(data.half);
          else reject(new Error(data.message));
        };
        worker.onerror = (event) => {
          event.preventDefault();
          stop();
          reject(new Error(event.message || 'the reader worker stopped'));
        };
        const request: ReaderRequest = { part: file.slice(at), inspected, mapping };
        worker.postMessage(request);
      }),
    stop
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
