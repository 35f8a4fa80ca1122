// Fuzzing the import pipeline in Node: random bytes and mutated corpus files through inspect + import
// on real sql.js. Only the app's translated errors may come out, and every input finishes quickly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '$lib/worker/import';
import { CATALOG_SQL } from '$lib/worker/schema';
import { validateMapping } from '$lib/ingest/detect-roles';
import { IngestError, inspectFile } from '$lib/ingest/inspect';
import { parseDate, parseNumber } from '$lib/ingest/parse-values';
import { CORPUS, GOOD } from '../../corpus';

const SEED = 5;
/** Per input; the slowest seen is far below (a few ms to ~100 ms). */
const MAX_MS_PER_INPUT = 2000;
const messages = JSON.parse(
  readFileSync(new URL('../../../src/lib/i18n/messages/app.en.json', import.meta.url), 'utf8')
) as Record<string, string>;

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run(CATALOG_SQL);
});

/** Runs one input through the pipeline; returns what happened, throws on anything unexpected. */
async function feed(bytes: Uint8Array, name: string): Promise<string> {
  const started = performance.now();
  const file = new File([bytes as BlobPart], name);
  let outcome: string;
  try {
    const inspected = await inspectFile(file);
    const mapping = {
      kind: inspected.kind,
      columns: inspected.guesses.map((g) => ({ ...g, dateOrder: g.dateOrder ?? ('dmy' as const) })),
      date1904: inspected.date1904
    };
    if (validateMapping(mapping).length > 0) outcome = 'question';
    else {
      const info = await importFile(
        db,
        file,
        inspected,
        mapping,
        { mode: 'replace', name },
        () => {},
        () => false
      );
      expect(info.report.rowsAccepted + info.report.rowsRejected).toBe(info.report.rowsRead);
      outcome = 'imported';
    }
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    // Every code the pipeline throws has a message for people.
    expect(messages[`error.${err.code}`], `error.${err.code}`).toBeTypeOf('string');
    outcome = err.code;
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
  return outcome;
}

const small = [GOOD, ...CORPUS.filter((c) => !c.repeat && c.bytes.length < 64 * 1024)];

/** A corpus file with a few bytes flipped, inserted, deleted or a slice duplicated. */
const mutated = fc
  .record({
    source: fc.nat({ max: small.length - 1 }),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('flip', 'insert', 'delete', 'duplicate', 'truncate'),
        at: fc.nat(),
        byte: fc.constantFrom(
          0,
          0x0a,
          0x0d,
          0x22,
          0x2c,
          0x3b,
          0x09,
          0x80,
          0xc3,
          0xe4,
          0xef,
          0xff,
          0x50,
          0x4b
        ),
        length: fc.integer({ min: 1, max: 64 })
      }),
      { minLength: 1, maxLength: 6 }
    )
  })
  .map(({ source, edits }) => {
    let bytes = Array.from(small[source].bytes);
    for (const e of edits) {
      const at = bytes.length ? e.at % bytes.length : 0;
      if (e.kind === 'flip') bytes[at] = e.byte;
      else if (e.kind === 'insert') bytes.splice(at, 0, e.byte);
      else if (e.kind === 'delete') bytes.splice(at, e.length);
      else if (e.kind === 'duplicate') bytes.splice(at, 0, ...bytes.slice(at, at + e.length));
      else bytes = bytes.slice(0, at);
    }
    return { name: small[source].name, bytes: new Uint8Array(bytes) };
  });

describe('import pipeline fuzz (fixed seed)', () => {
  it('random bytes: only translated errors, never a hang', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          // Mostly-text noise: what a CSV parser and the detectors really have to survive.
          fc
            .array(fc.constantFrom(...'a1,;\t"\n\r .-/:年¥€\u00a0\u3000'.split('')), {
              maxLength: 2000
            })
            .map((cs) => new TextEncoder().encode('Customer ID,Order Date,Amount\n' + cs.join('')))
        ),
        fc.constantFrom('data.csv', 'data.xlsx', 'data.txt', 'data.csv.gz'),
        async (bytes, name) => {
          const outcome = await feed(bytes, name);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        }
      ),
      { seed: SEED, numRuns: 300 }
    );
    // The fuzzer reached both the error paths and the import itself.
    expect(seen.get('imported') ?? 0).toBeGreaterThan(0);
    expect(seen.get('binary_file') ?? 0).toBeGreaterThan(0);
  }, 60_000);

  it('mutated corpus files: only translated errors, never a hang', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(mutated, async ({ name, bytes }) => {
        const outcome = await feed(bytes, name);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: 300 }
    );
    expect(seen.get('imported') ?? 0).toBeGreaterThan(30);
  }, 60_000);

  it('value parsers stay linear on long hostile cells', () => {
    const cells = [
      '1'.repeat(200_000) + 'x',
      '1,'.repeat(100_000),
      '2024-01-01' + ' '.repeat(100_000) + 'x',
      '('.repeat(50_000) + '1' + ')'.repeat(50_000),
      '1 '.repeat(100_000) + '年',
      'Jan'.repeat(50_000),
      '12:'.repeat(60_000)
    ];
    for (const cell of cells) {
      const started = performance.now();
      parseNumber(cell, '.');
      parseNumber(cell, ',');
      parseDate(cell, 'dmy');
      expect(performance.now() - started, cell.slice(0, 12)).toBeLessThan(200);
    }
  });
});
