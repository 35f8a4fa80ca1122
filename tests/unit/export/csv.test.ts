import { describe, expect, it } from 'vitest';
import {
  csvCell,
  exportNumber,
  roundRow,
  tidyNumber,
  toCsv,
  type NumberKind
} from '../../../src/lib/export/csv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    [12.5, '12.5'],
    [-3, '-3'],
    [null, ''],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [0.1 + 0.2, '0.3'],
    [375459273.30000013, '375459273.3'],
    [-0, '0']
  ] as const)('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes a BOM, CRLF lines and a header', () => {
    expect(
      toCsv(
        ['id', '名称'],
        [
          ['001', '客户A'],
          ['=1', null]
        ]
      )
    ).toBe("\uFEFFid,名称\r\n001,客户A\r\n'=1,\r\n");
  });
});

describe('exported numbers', () => {
  it.each<[number, NumberKind, number | null]>([
    [0.1 + 0.2, 'money', 0.3],
    [375459273.30000013, 'money', 375459273.3],
    [1.005, 'money', 1.01],
    [-2.675, 'money', -2.68],
    [1.2e-15, 'prob', 0],
    [0.123456, 'prob', 0.1235],
    [0.99995, 'rate', 1],
    [1.2345678, 'expected', 1.235],
    [4.5, 'int', 5],
    [-0.000001, 'money', 0],
    [Number.NaN, 'money', null],
    [Number.POSITIVE_INFINITY, 'int', null],
    [Number.NEGATIVE_INFINITY, 'number', null],
    [0.1 + 0.2, 'number', 0.3],
    [1.2e-15, 'number', 1.2e-15]
  ])('%d as %s → %j', (value, kind, expected) => {
    expect(exportNumber(value, kind)).toBe(expected);
  });

  it('never writes −0', () => {
    for (const kind of ['money', 'prob', 'rate', 'expected', 'int', 'number'] as const)
      expect(Object.is(exportNumber(-0.000001 * (kind === 'number' ? 0 : 1), kind), 0)).toBe(true);
    expect(Object.is(tidyNumber(-0), 0)).toBe(true);
  });

  it('rounds a row by its columns, leaving text and empty cells alone', () => {
    expect(
      roundRow(['C1', 375459273.30000013, 1.2e-15, null, 7.0000001], ['int', 'money', 'prob'])
    ).toEqual(['C1', 375459273.3, 0, null, 7.0000001]);
  });
});
