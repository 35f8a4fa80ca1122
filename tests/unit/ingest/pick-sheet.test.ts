// Which sheet of a workbook is opened: the one whose header holds the required roles, not a notes sheet.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '$lib/ingest/inspect';
import { listSheets } from '$lib/ingest/parse-xlsx';
import {
  compareSheets,
  findRequiredRoles,
  pickSheet,
  type SheetScore
} from '$lib/ingest/pick-sheet';
import type { Role } from '$lib/ingest/types';

const day = (y: number, m: number, d: number) => ({
  t: 'n',
  v: (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000,
  z: 'yyyy-mm-dd'
});

const NOTES = [['说明'], ['本工作簿由 ERP 导出'], ['第二个工作表是订单明细'], ['金额单位：元']];
const ORDERS = [
  ['客户编号', '客户名称', '订单日期', '订单金额'],
  ['C1', '甲', day(2024, 1, 5), 100],
  ['C2', '乙', day(2024, 2, 6), 200]
];

function book(sheets: [string, unknown[][], boolean?][]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  }
  wb.Workbook = {
    ...wb.Workbook,
    Sheets: sheets.map(([, , hidden]) => ({ Hidden: hidden ? 1 : 0 }))
  };
  return wb;
}

/** The workbook written and read back, as the app gets it. */
function reread(wb: XLSX.WorkBook): XLSX.WorkBook {
  const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return XLSX.read(new Uint8Array(bytes), { type: 'array', cellNF: true, dense: true });
}

function pick(sheets: [string, unknown[][], boolean?][]) {
  const wb = reread(book(sheets));
  const listed = listSheets(wb);
  if (!listed.ok) throw new Error(listed.reason);
  return pickSheet(wb, listed.sheets)!;
}

describe('findRequiredRoles', () => {
  it.each([
    [['customer_id', 'date', 'amount'], ['customer_id', 'date', 'amount'], 0],
    [
      ['customer_id', 'date', 'quantity', 'unit_price'],
      ['customer_id', 'date', 'quantity', 'unit_price'],
      0
    ],
    [['customer_id', 'date', 'quantity'], ['customer_id', 'date', 'quantity'], 1],
    [['date', 'dimension'], ['date'], 2],
    [['dimension', 'ignore'], [], 3],
    [
      ['customer_id', 'recency_days', 'frequency', 'monetary'],
      ['customer_id', 'recency_days', 'frequency', 'monetary'],
      0
    ]
  ] as [Role[], Role[], number][])('%j → %j, %i missing', (roles, found, missing) => {
    expect(findRequiredRoles(roles.map((role) => ({ role })))).toEqual({ found, missing });
  });
});

describe('compareSheets', () => {
  const score = (patch: Partial<SheetScore>): SheetScore => ({
    name: 'x',
    found: [],
    missing: 0,
    hasData: true,
    isHidden: false,
    confident: 0,
    rows: 10,
    ...patch
  });
  it.each([
    ['data rows before everything', score({ missing: 2 }), score({ hasData: false })],
    ['fewer missing roles before visibility', score({ isHidden: true }), score({ missing: 1 })],
    ['visible before confident', score({}), score({ isHidden: true, confident: 5 })],
    ['confident before rows', score({ confident: 3 }), score({ confident: 2, rows: 1e6 })],
    ['more rows last', score({ rows: 11 }), score({ rows: 10 })]
  ])('%s', (_, better, worse) => {
    expect(compareSheets(better, worse)).toBeLessThan(0);
    expect(compareSheets(worse, better)).toBeGreaterThan(0);
  });
});

describe('pickSheet', () => {
  it('opens the orders sheet after a notes sheet of several lines', () => {
    const { sheet, scores } = pick([
      ['说明', NOTES],
      ['订单', ORDERS]
    ]);
    expect(sheet).toBe('订单');
    expect(scores.map((s) => [s.name, s.found, s.missing])).toEqual([
      ['说明', [], 3],
      ['订单', ['customer_id', 'date', 'amount'], 0]
    ]);
  });

  it('prefers the complete table to one that lacks the amount, even with more rows', () => {
    const partial = [
      ['Customer ID', 'Order Date'],
      ...Array.from({ length: 50 }, (_, i) => [`P${i}`, day(2024, 1, 1)])
    ];
    expect(
      pick([
        ['Visits', partial],
        ['Orders', ORDERS]
      ]).sheet
    ).toBe('Orders');
  });

  it('prefers a sheet with data rows to a header-only template', () => {
    expect(
      pick([
        ['模板', [ORDERS[0]]],
        ['订单', ORDERS]
      ]).sheet
    ).toBe('订单');
  });

  it('prefers a visible table to a hidden copy, and the hidden one to nothing', () => {
    expect(
      pick([
        ['Hidden', ORDERS, true],
        ['Orders', ORDERS]
      ]).sheet
    ).toBe('Orders');
    expect(
      pick([
        ['Notes', NOTES],
        ['Data', ORDERS, true]
      ]).sheet
    ).toBe('Data');
  });

  it('keeps workbook order between equals and skips empty sheets', () => {
    expect(
      pick([
        ['Empty', []],
        ['A', ORDERS],
        ['B', ORDERS]
      ]).sheet
    ).toBe('A');
  });
});

describe('inspectFile on a workbook', () => {
  const file = (wb: XLSX.WorkBook) =>
    new File([XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer], 'book.xlsx');

  it('opens the data sheet and says why; the user can still open the notes', async () => {
    const wb = book([
      ['Notes', NOTES],
      ['Orders', ORDERS]
    ]);
    const inspected = await inspectFile(file(wb));
    expect(inspected.sheet).toBe('Orders');
    expect(inspected.sheets.map((s) => s.name)).toEqual(['Notes', 'Orders']);
    expect(inspected.sheetChoice).toEqual({
      found: ['customer_id', 'date', 'amount'],
      missing: 0,
      others: [{ name: 'Notes', found: [], missing: 3 }]
    });
    const notes = await inspectFile(file(wb), { sheet: 'Notes' });
    expect(notes.sheet).toBe('Notes');
    expect(notes.sheetChoice).toBeUndefined();
  });

  it('gives no reason for a workbook of one sheet', async () => {
    const inspected = await inspectFile(file(book([['Orders', ORDERS]])));
    expect(inspected.sheet).toBe('Orders');
    expect(inspected.sheetChoice).toBeUndefined();
  });
});
