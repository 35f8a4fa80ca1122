// Streaming CSV/TSV parsing of already-decoded text chunks with papaparse, rows as arrays.
import Papa from 'papaparse';
import { yieldTurn } from './yield-turn';

/** Parser problems worth telling the user about (papaparse error codes). */
export interface CsvIssue {
  code: string;
  /** 0-based record index where it happened. */
  record: number;
}

/**
 * A minimal Node-style readable that papaparse's ReadableStreamStreamer accepts. We push decoded
 * strings into it ourselves, so decoding (and its chunk-boundary handling) stays ours and each
 * push is parsed synchronously before we read more bytes — memory stays at one chunk.
 */
class PushSource {
  readable = true;
  private listeners = new Map<string, (arg?: unknown) => void>();
  read() {}
  pause() {}
  resume() {}
  on(event: string, fn: (arg?: unknown) => void) {
    this.listeners.set(event, fn);
  }
  removeListener(event: string) {
    this.listeners.delete(event);
  }
  emit(event: string, arg?: unknown) {
    this.listeners.get(event)?.(arg);
  }
}

/** How long parsing goes on before the worker answers what waits (a view's request, a cancel). */
const YIELD_MS = 40;

/** Characters handed to the parser at a time from text without quotes. */
const PIECE_CHARS = 128 * 1024;

/**
 * Parses text chunks as delimited records. `onRows` receives each batch of complete records
 * (arrays of field strings, never objects: a `__proto__` header must not eat its column) along
 * with the 0-based index of the batch's first record and the indexes of records that open a quote
 * never closed (they swallow the rest of the file). Returning `false` from `onRows` stops.
 */
export async function parseCsvStream(
  texts: AsyncIterable<string>,
  delimiter: string,
  newline: Newline,
  onRows: (rows: string[][], firstRecord: number, unterminated: Set<number>) => boolean | void
): Promise<{ records: number; issues: CsvIssue[]; stopped: boolean }> {
  const source = new PushSource();
  let records = 0;
  let stopped = false;
  const issues: CsvIssue[] = [];
  let failure: unknown = null;
  Papa.parse<string[], NodeJS.ReadableStream>(source as unknown as NodeJS.ReadableStream, {
    delimiter,
    newline,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    chunk(results, parser) {
      const rows = results.data;
      const unterminated = new Set<number>();
      for (const e of results.errors) {
        const record = records + (e.row ?? 0);
        if (e.code === 'MissingQuotes') unterminated.add(record);
        if (issues.length < 100) issues.push({ code: e.code, record });
      }
      try {
        if (onRows(rows, records, unterminated) === false) {
          stopped = true;
          parser.abort();
        }
      } catch (err) {
        failure = err;
        parser.abort();
      }
      records += rows.length;
    },
    complete() {
      // Everything was delivered through `chunk`.
    }
  });
  let lastYield = performance.now();
  for await (const text of texts) {
    // Text without quotes goes in pieces: a piece's rows are done with before the next ones are
    // made, so they die young (a 4 MB chunk's rows outlived the collector's young generation).
    // Every YIELD_MS the worker answers what waits (a view's request while a table is filled).
    const step = text.includes('"') ? text.length : PIECE_CHARS;
    for (let at = 0; at < text.length && !stopped && !failure; at += step) {
      source.emit('data', step === text.length ? text : text.slice(at, at + step));
      if (performance.now() - lastYield > YIELD_MS) {
        await yieldTurn();
        lastYield = performance.now();
      }
    }
    if (stopped || failure) break;
  }
  if (!stopped && !failure) source.emit('end');
  if (failure) throw failure;
  return { records, issues, stopped };
}

export type Newline = '\r\n' | '\n' | '\r';

/**
 * The line ending of a text: the first one outside double quotes. Papaparse would guess it from
 * the first chunk only, which goes wrong when that chunk happens to end before the first line.
 */
export function guessNewline(text: string): Newline {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    else if (!quoted && c === 10) return '\n';
  }
  return '\n';
}

/** Parses a small text completely (previews, clipboard): at most `maxRows` records. */
export function parseCsvText(text: string, delimiter: string, maxRows?: number): string[][] {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    newline: guessNewline(text),
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    preview: maxRows ?? 0
  });
  return result.data;
}

/** True when every field of a record is blank (blank lines, `,,,` rows). */
export function isBlankRecord(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i].trim() !== '') return false;
  return true;
}
