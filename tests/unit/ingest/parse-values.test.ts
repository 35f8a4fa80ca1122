import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayToIso,
  daysFromCivil,
  detectDateOrder,
  detectDecimalMark,
  excelSerialToDay,
  isMissingText,
  isPlausibleSerial,
  isValidCivil,
  parseDate,
  parseNumber
} from '$lib/ingest/parse-values';
import type { DateOrder, DecimalMark } from '$lib/ingest/types';

/** Epoch day → ISO, or null for NaN (readable table expectations). */
const iso = (day: number) => (Number.isNaN(day) ? null : dayToIso(day));

describe('epoch days', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017],
    [2024, 2, 29, 19782],
    [1900, 1, 1, -25567],
    [1, 1, 1, -719162],
    [9999, 12, 31, 2932896]
  ])('%i-%i-%i is day %i', (y, m, d, day) => {
    expect(daysFromCivil(y, m, d)).toBe(day);
    expect(civilFromDays(day)).toEqual({ y, m, d });
  });

  it('agrees with Date.UTC and round-trips over 1800–2200', () => {
    for (let day = daysFromCivil(1800, 1, 1); day <= daysFromCivil(2200, 12, 31); day += 13) {
      const { y, m, d } = civilFromDays(day);
      expect(Date.UTC(y, m - 1, d) / 86_400_000).toBe(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
    }
  });

  it.each([
    [0, '1970-01-01'],
    [19727, '2024-01-05'],
    [-719162, '0001-01-01']
  ])('dayToIso(%i) = %s', (day, text) => expect(dayToIso(day)).toBe(text));

  it('dayToIso gives every day of 1895–2105 as the calendar does, asked once or again', () => {
    // Its texts of 1900–2100 are kept once made: both edges of that range are crossed.
    for (let day = daysFromCivil(1895, 1, 1); day <= daysFromCivil(2105, 12, 31); day++) {
      const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dayToIso(day)).toBe(text);
      expect(dayToIso(day)).toBe(text);
    }
  });

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2100, 2, 29, false],
    [2024, 4, 30, true],
    [2024, 4, 31, false],
    [2024, 12, 31, true],
    [2024, 13, 1, false],
    [2024, 0, 1, false],
    [2024, 1, 0, false],
    [0, 1, 1, false],
    [10000, 1, 1, false],
    [2024, 1.5, 1, false]
  ])('isValidCivil(%i, %s, %i) = %s', (y, m, d, ok) => expect(isValidCivil(y, m, d)).toBe(ok));
});

describe('parseDate', () => {
  const cases: [string, DateOrder | undefined, string | null][] = [
    // ISO, with time, fraction and offsets: the calendar date as written
    ['2024-01-05', undefined, '2024-01-05'],
    ['2024-01-05T10:20:30', undefined, '2024-01-05'],
    ['2024-01-05 10:20', undefined, '2024-01-05'],
    ['2024-01-05 10:20:30.123', undefined, '2024-01-05'],
    ['2024-01-05T10:20:30Z', undefined, '2024-01-05'],
    ['2024-01-05T10:20:30.123Z', undefined, '2024-01-05'],
    ['2024-01-05T00:30:00+08:00', undefined, '2024-01-05'],
    ['2024-01-05T23:30:00-05:00', undefined, '2024-01-05'],
    ['2024-01-05 23:59 +0800', undefined, '2024-01-05'],
    ['  2024-01-05  ', undefined, '2024-01-05'],
    ['\u00a02024-01-05\u3000', undefined, '2024-01-05'],
    // other year-first spellings
    ['2024/1/5', undefined, '2024-01-05'],
    ['2024/01/05 14:30:00', undefined, '2024-01-05'],
    ['2024/1/5 下午 2:30', undefined, '2024-01-05'],
    ['2024.1.5', undefined, '2024-01-05'],
    ['2024-1-5', undefined, '2024-01-05'],
    ['2024-1-05 8:00', undefined, '2024-01-05'],
    ['20240105', undefined, '2024-01-05'],
    ['19691231', undefined, '1969-12-31'],
    ['1969-12-31', undefined, '1969-12-31'],
    ['2024年1月5日', undefined, '2024-01-05'],
    ['2024 年 01 月 05 日', undefined, '2024-01-05'],
    ['2024年1月5日 14:30', undefined, '2024-01-05'],
    ['2024年1月5日14时30分', undefined, '2024-01-05'],
    ['2024年1月5号', undefined, '2024-01-05'],
    // year last: needs the order
    ['05/01/2024', 'dmy', '2024-01-05'],
    ['05/01/2024', 'mdy', '2024-05-01'],
    ['05/01/2024', undefined, null],
    ['5/1/2024', 'dmy', '2024-01-05'],
    ['1/5/2024', 'mdy', '2024-01-05'],
    ['05-01-2024', 'dmy', '2024-01-05'],
    ['05.01.2024', 'dmy', '2024-01-05'],
    ['05.01.2024 10:20', 'dmy', '2024-01-05'],
    ['1/5/2024 2:30 PM', 'mdy', '2024-01-05'],
    ['13/01/2024', 'mdy', null],
    ['31/04/2024', 'dmy', null],
    ['29/02/2023', 'dmy', null],
    ['29/02/2024', 'dmy', '2024-02-29'],
    ['05/01-2024', 'dmy', null],
    // month names need no order
    ['5-Jan-2024', undefined, '2024-01-05'],
    ['05-JAN-2024', undefined, '2024-01-05'],
    ['5 Jan 2024', undefined, '2024-01-05'],
    ['05 January 2024', undefined, '2024-01-05'],
    ['1st March 2024', undefined, '2024-03-01'],
    ['Jan 5, 2024', undefined, '2024-01-05'],
    ['January 5 2024 10:00', undefined, '2024-01-05'],
    ['Sept 5, 2024', undefined, '2024-09-05'],
    ['Dec. 31, 2024', undefined, '2024-12-31'],
    ['31 Feb 2024', undefined, null],
    ['5 Janx 2024', undefined, null],
    ['5 Foo 2024', undefined, null],
    // impossible or refused
    ['2023-02-29', undefined, null],
    ['2024-02-29', undefined, '2024-02-29'],
    ['1900-02-29', undefined, null],
    ['2000-02-29', undefined, '2000-02-29'],
    ['2024-13-01', undefined, null],
    ['2024-00-10', undefined, null],
    ['2024-04-31', undefined, null],
    ['20230229', undefined, null],
    ['20241301', undefined, null],
    ['12345678', undefined, null],
    ['24-01-05', 'dmy', null],
    ['1/5/24', 'mdy', null],
    ['05/01/24', 'dmy', null],
    ['2024-01-05x', undefined, null],
    ['2024-01-05 25', undefined, null],
    ['2024/01-05', undefined, null],
    ['', undefined, null],
    ['   ', undefined, null],
    ['N/A', undefined, null],
    ['45296', undefined, null],
    ['2024', undefined, null],
    ['1.5', undefined, null]
  ];
  it.each(cases)('%j (%s) → %s', (text, order, expected) => {
    expect(iso(parseDate(text, order))).toBe(expected);
  });

  it('never shifts the day with the offset or the process time zone', () => {
    const offsets = ['Z', '+14:00', '-12:00', '+08:00', '-05:00', '+0530'];
    for (const time of ['00:00:00', '12:00:00', '23:59:59']) {
      for (const offset of offsets) {
        expect(iso(parseDate(`2024-03-10T${time}${offset}`, undefined))).toBe('2024-03-10');
      }
    }
    // US DST starts 2024-03-10; Shanghai has none: the answer is the same anywhere
    expect(parseDate('2024-03-10', undefined) - parseDate('2024-03-09', undefined)).toBe(1);
    expect(parseDate('2024-03-11', undefined) - parseDate('2024-03-10', undefined)).toBe(1);
  });
});

describe('Excel serial days', () => {
  const cases: [string, boolean, string | null][] = [
    ['1', false, '1900-01-01'],
    ['59', false, '1900-02-28'],
    ['60', false, null], // Lotus 1-2-3's fake 1900-02-29
    ['61', false, '1900-03-01'],
    ['45296', false, '2024-01-05'],
    ['45296.75', false, '2024-01-05'],
    ['0', false, null],
    ['0', true, '1904-01-01'],
    ['43834', true, '2024-01-05'],
    ['43834.999', true, '2024-01-05'],
    ['2958465', false, '9999-12-31'],
    ['2958466', false, null]
  ];
  it.each(cases)('%s (1904: %s) → %s', (text, date1904, expected) => {
    expect(iso(parseDate(text, undefined, { excelSerial: true, date1904 }))).toBe(expected);
  });

  it('reads text dates in a serial column and serials only when asked', () => {
    expect(iso(parseDate('2024-01-05', undefined, { excelSerial: true }))).toBe('2024-01-05');
    expect(iso(parseDate('45296', undefined))).toBeNull();
    expect(iso(excelSerialToDay(-1))).toBeNull();
  });

  // 1950-01-01 … 2099-12-31: 18264 … 73050 in the 1900 system, 1462 fewer in the 1904 system.
  it.each([
    [18263, false, false],
    [18264, false, true],
    [45296.75, false, true],
    [73050, false, true],
    [73050.9, false, true],
    [73051, false, false],
    [12, false, false],
    [-45296, false, false],
    [Number.NaN, false, false],
    [16801, true, false],
    [16802, true, true],
    [18264, true, true],
    [71588, true, true],
    [71589, true, false]
  ])('%d is a plausible serial (1904: %s): %s', (serial, date1904, expected) => {
    expect(isPlausibleSerial(serial, date1904)).toBe(expected);
  });
});

describe('detectDateOrder', () => {
  it.each([
    [['13/01/2024', '01/02/2024'], 'dmy', false, false, 2],
    [['01/13/2024', '1/2/2024 10:00'], 'mdy', false, false, 2],
    [['25.12.2023', '01.02.2024'], 'dmy', false, false, 2],
    [['01/02/2024', '03/04/2024'], undefined, true, false, 2],
    [['13/01/2024', '01/13/2024'], undefined, false, true, 2],
    [['2024-01-13', '20240105'], undefined, false, false, 0],
    [[], undefined, false, false, 0],
    [['31/31/2024', '01/02/2024'], undefined, true, false, 2]
  ] as [string[], DateOrder | undefined, boolean, boolean, number][])(
    '%j → %s',
    (samples, order, ambiguous, conflict, yearLastCount) => {
      expect(detectDateOrder(samples)).toEqual({ order, ambiguous, conflict, yearLastCount });
    }
  );
});

describe('parseNumber', () => {
  const cases: [string, DecimalMark, number | null][] = [
    ['0', '.', 0],
    ['123', '.', 123],
    ['-123.45', '.', -123.45],
    ['1,234.56', '.', 1234.56],
    ['1,234,567', '.', 1234567],
    ['-1,234.5', '.', -1234.5],
    ['1.234,56', ',', 1234.56],
    ['1.234.567', ',', 1234567],
    ['12,5', ',', 12.5],
    ['-12,5', ',', -12.5],
    ['1.234', ',', 1234],
    ['1,234', ',', 1.234],
    ['1 234 567,89', ',', 1234567.89],
    ['1\u00a0234,5', ',', 1234.5],
    ['1\u202f234.5', '.', 1234.5],
    ["1'234.50", '.', 1234.5],
    ['  42  ', '.', 42],
    ['+7', '.', 7],
    ['.5', '.', 0.5],
    ['(123.45)', '.', -123.45],
    ['(1,234)', '.', -1234],
    ['（123.45）', '.', -123.45],
    ['−5', '.', -5],
    ['－５', '.', -5],
    ['１２３．４５', '.', 123.45],
    ['１，２３４', '.', 1234],
    ['123-', '.', -123],
    ['1e3', '.', 1000],
    ['1.5E-3', '.', 0.0015],
    ['¥1,234', '.', 1234],
    ['￥1,234.50', '.', 1234.5],
    ['¥ 1,234', '.', 1234],
    ['$1,234.56', '.', 1234.56],
    ['-$5', '.', -5],
    ['$-5', '.', -5],
    ['€1.234,56', ',', 1234.56],
    ['1.234,56 €', ',', 1234.56],
    ['£12', '.', 12],
    ['123元', '.', 123],
    ['12 元', '.', 12],
    ['RMB 1,234.00', '.', 1234],
    ['CNY1234', '.', 1234],
    ['USD1234', '.', 1234],
    ['1234 usd', '.', 1234],
    ['EUR 12,5', ',', 12.5],
    ['GBP 3', '.', 3],
    ['', '.', null],
    ['   ', '.', null],
    ['-', '.', null],
    ['$', '.', null],
    ['abc', '.', null],
    ['12abc', '.', null],
    ['1.2.3', '.', null],
    ['1,2,3', ',', null],
    ['1,23,4', '.', null],
    ['1,23,456', '.', null],
    ['1,2345', '.', null],
    ['12,5', '.', null],
    ['12.5', ',', null],
    ['1,234 567', '.', null],
    ['12%', '.', null],
    ['-(5)', '.', null],
    ['(-5)', '.', null],
    ['--5', '.', null],
    ['-5-', '.', null],
    ['0x10', '.', null],
    ['Infinity', '.', null],
    ['NaN', '.', null],
    ['1e', '.', null],
    ['XYZ 5', '.', null]
  ];
  it.each(cases)('%j (decimal %s) → %s', (text, mark, expected) => {
    const n = parseNumber(text, mark);
    if (expected === null) expect(n).toBeNaN();
    else expect(n).toBeCloseTo(expected, 10);
  });
});

describe('detectDecimalMark', () => {
  it.each([
    [['1.234,56', '12'], ',', true],
    [['12,5', '3,25'], ',', true],
    [['1.234.567'], ',', true],
    [['1,234.56', '7'], '.', true],
    [['12.5'], '.', true],
    [['1,234,567'], '.', true],
    [['1,234'], '.', false],
    [['1.234'], '.', false],
    [['12', '7'], '.', false],
    [[], '.', false],
    [['12,5', '12.5'], '.', false],
    [['12,5', '1,5', '12.5'], ',', false]
  ] as [string[], DecimalMark, boolean][])('%j → %s (confident %s)', (samples, mark, confident) => {
    expect(detectDecimalMark(samples)).toEqual({ mark, confident });
  });
});

describe('isMissingText', () => {
  it.each([
    ['', true],
    ['  ', true],
    ['NA', true],
    ['n/a', true],
    ['#N/A', true],
    ['NULL', true],
    ['-', true],
    ['0', false],
    ['none at all', false],
    ['Nancy', false]
  ])('%j → %s', (text, missing) => expect(isMissingText(text)).toBe(missing));
});
