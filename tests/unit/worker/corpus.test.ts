// The hostile-file corpus through the real import path in Node (inspect → mapping → sql.js import).
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { IngestError, inspectFile } from '../../../src/lib/ingest/inspect';
import { validateMapping } from '../../../src/lib/ingest/detect-roles';
import type { ColumnMapping } from '../../../src/lib/ingest/types';
import { CORPUS, caseBlob, GOOD } from '../../corpus';

let db: Database;

async function run(name: string, blob: Blob, answer?: { header: string; answer: 'dmy' | 'mdy' }) {
  const file = new File([blob], name);
  const inspected = await inspectFile(file);
  const mapping: ColumnMapping = {
    kind: inspected.kind,
    columns: inspected.guesses.map((g) => ({
      ...g,
      ...(answer && g.header === answer.header ? { dateOrder: answer.answer } : {})
    })),
    date1904: inspected.date1904
  };
  // The mapping step would block the import: the test must know about it.
  expect(validateMapping(mapping)).toEqual([]);
  const info = await importFile(
    db,
    file,
    inspected,
    mapping,
    { mode: 'add', name },
    () => {},
    () => false
  );
  return { inspected, info };
}

beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run(CATALOG_SQL);
  const { info } = await run(GOOD.name, new Blob([GOOD.bytes as BlobPart]));
  expect(info.report).toMatchObject({ rowsAccepted: GOOD.rows, totalAmount: GOOD.totalAmount });
});

describe('corpus (Node, sql.js)', () => {
  for (const c of CORPUS) {
    it(`${c.id}: ${c.covers}`, async () => {
      const e = c.expect;
      let outcome: Awaited<ReturnType<typeof run>> | IngestError;
      try {
        outcome = await run(c.name, caseBlob(c), e.outcome === 'accepted' ? e.question : undefined);
      } catch (err) {
        if (!(err instanceof IngestError)) throw err;
        outcome = err;
      }
      if (e.outcome === 'error') {
        expect(outcome).toBeInstanceOf(IngestError);
        expect((outcome as IngestError).code).toBe(e.code);
      } else {
        expect(outcome).not.toBeInstanceOf(IngestError);
        const { inspected, info } = outcome as Awaited<ReturnType<typeof run>>;
        expect(info.report).toMatchObject(e.report);
        const rejected = Object.fromEntries(info.report.rejected.map((r) => [r.reason, r.rows]));
        expect(rejected).toEqual(e.rejected ?? {});
        const warnings = Object.fromEntries(
          (info.report.warnings ?? []).map((w) => [w.reason, w.rows])
        );
        expect(warnings).toEqual(e.warnings ?? {});
        if (e.sheet) expect(inspected.sheet).toBe(e.sheet);
        if (e.question) {
          const g = inspected.guesses.find((x) => x.header === e.question!.header);
          expect(g?.dateOrderAmbiguous).toBe(true);
        }
        for (const [header, role] of Object.entries(e.roles ?? {})) {
          expect(inspected.guesses.find((g) => g.header === header)?.role).toBe(role);
        }
      }
      // The good dataset is intact.
      const [good] = db.exec('SELECT COUNT(*), SUM(amount) FROM ds1_transactions')[0].values;
      expect(good).toEqual([GOOD.rows, GOOD.totalAmount]);
      // CPU-bound; the slowest case (utf8-chunk-boundaries) measured 0.9 s (6.7 s with both cores busy)
    }, 30_000);
  }
});
