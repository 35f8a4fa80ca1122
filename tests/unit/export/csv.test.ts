import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/lib/export/csv';

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
    [Number.NaN, '']
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
