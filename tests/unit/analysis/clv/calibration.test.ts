// Calibration summaries (DOMAIN §6): hand fixtures and the published CDNOW summary, customer by customer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCalibration,
  dayNumber,
  holdoutCounts,
  isReturnOrder,
  purchaseDaysByCustomer,
  type CalibrationRow
} from '../../../../src/lib/analysis/clv/calibration';
import { DATASET_FILES, describeWithData } from '../../../datasets';

const ELOG = DATASET_FILES.cdnowElog;
const SUMMARY = DATASET_FILES.cdnowSummary;

/** Round half up to 2 decimals, absorbing binary error (68.165 is stored as 68.16499…; published 68.17). */
const round2 = (v: number) => Math.round(v * 100 + 1e-6) / 100;

function loadElog(): CalibrationRow[] {
  const lines = readFileSync(ELOG, 'utf8').split(/\r?\n/).filter(Boolean);
  return lines.slice(1).map((line) => {
    const [, sampleid, date, , sales] = line.split(',');
    return {
      customerId: sampleid,
      date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      amount: Number(sales)
    };
  });
}

describe('buildCalibration (hand fixtures)', () => {
  const r = (customerId: string, date: string, amount: number) => ({ customerId, date, amount });

  it('merges same-day purchases and computes x, t_x, T, zbar in weeks', () => {
    const rows = [
      r('a', '2020-01-01', 10),
      r('a', '2020-01-08', 5),
      r('a', '2020-01-08', 7),
      r('a', '2020-01-15', 30),
      r('a', '2020-02-01', 99), // after calibration end
      r('b', '2020-01-29', 4)
    ];
    expect(buildCalibration(rows, '2020-01-29')).toEqual([
      { customerId: 'a', x: 2, tx: 2, T: 4, zbar: 21 },
      { customerId: 'b', x: 0, tx: 0, T: 0, zbar: 0 }
    ]);
    expect(buildCalibration(rows, '2020-01-29', 'days')[0]).toEqual({
      customerId: 'a',
      x: 2,
      tx: 14,
      T: 28,
      zbar: 21
    });
  });

  it('counts zero-amount days as purchases (as the CDNOW summary does)', () => {
    const rows = [r('z', '2020-01-01', 0), r('z', '2020-01-03', 0), r('z', '2020-01-05', 8)];
    expect(buildCalibration(rows, '2020-01-08', 'days')).toEqual([
      { customerId: 'z', x: 2, tx: 4, T: 7, zbar: 4 }
    ]);
  });

  it('uses UTC calendar days across DST and leap days', () => {
    expect(dayNumber('2020-03-01') - dayNumber('2020-02-28')).toBe(2);
    expect(dayNumber('2021-03-29') - dayNumber('2021-03-27')).toBe(2);
    expect(() => dayNumber('2021-02-29')).toThrow();
    expect(() => dayNumber('20210101')).toThrow();
  });

  it('holdoutCounts counts merged purchase days after the calibration end', () => {
    const rows = [
      r('a', '2020-01-01', 1),
      r('a', '2020-01-31', 1),
      r('a', '2020-02-01', 1),
      r('a', '2020-02-01', 2),
      r('a', '2020-02-10', 0),
      r('a', '2020-03-01', 1),
      r('b', '2020-01-01', 1)
    ];
    expect([...holdoutCounts(rows, '2020-01-31', '2020-02-29')]).toEqual([['a', 2]]);
  });
});

describeWithData(
  ['cdnowElog', 'cdnowSummary'],
  'buildCalibration on CDNOW (calibration end 1997-09-30)',
  () => {
    const rows = loadElog();
    const cal = buildCalibration(rows, '1997-09-30');

    it('matches the published summary for every customer', () => {
      const lines = readFileSync(SUMMARY, 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
      expect(lines.length).toBe(2357);
      expect(cal.length).toBe(2357);
      const byId = new Map(cal.map((c) => [c.customerId, c]));
      const mismatches: string[] = [];
      for (const line of lines) {
        const [id, x, tx, T, zbar] = line.split(',');
        const c = byId.get(id);
        const ok =
          c !== undefined &&
          c.x === Number(x) &&
          round2(c.tx) === Number(tx) &&
          round2(c.T) === Number(T) &&
          round2(c.zbar) === Number(zbar);
        if (!ok) mismatches.push(`${line} vs ${JSON.stringify(c)}`);
      }
      expect(mismatches).toEqual([]);
    });

    it('reproduces the published totals', () => {
      expect(cal.reduce((s, c) => s + c.x, 0)).toBe(2457);
      expect(cal.filter((c) => c.x === 0).length).toBe(1411);
      const rep = cal.filter((c) => c.x > 0);
      expect(rep.length).toBe(946);
      // 35.0786 is the mean of the published (2-decimal) zbar values; the unrounded mean is 35.07785.
      expect(rep.reduce((s, c) => s + round2(c.zbar), 0) / rep.length).toBeCloseTo(35.0786, 4);
      expect(rep.reduce((s, c) => s + c.zbar, 0) / rep.length).toBeCloseTo(35.07785, 5);
    });

    it('counts 1,882 holdout repeat purchase days (1997-10-01…1998-06-30)', () => {
      const h = holdoutCounts(rows, '1997-09-30', '1998-06-30');
      expect([...h.values()].reduce((s, n) => s + n, 0)).toBe(1882);
    });
  }
);

describe('returns (DOMAIN §6: an order with total < 0)', () => {
  const r = (customerId: string, date: string, amount: number, largestOrder?: number) => ({
    customerId,
    date,
    amount,
    largestOrder
  });

  it('a return-only day is no purchase; a $0 day is', () => {
    const rows = [
      r('a', '2024-01-01', 10),
      r('a', '2024-01-08', -10), // return only
      r('a', '2024-01-15', 0), // $0 purchase
      r('a', '2024-01-22', 30),
      r('a', '2024-01-22', -5), // same day, net 25
      r('b', '2024-01-03', -7) // never bought
    ];
    expect(buildCalibration(rows, '2024-01-29')).toEqual([
      { customerId: 'a', x: 2, tx: 3, T: 4, zbar: 12.5 }
    ]);
    expect(holdoutCounts(rows, '2024-01-01', '2024-01-31')).toEqual(new Map([['a', 2]]));
  });

  it('a day with a purchase counts even when its returns are larger, at its net value', () => {
    // Online Retail's customer 12504: 449.40 on 9 Nov; 21 Nov returns 335.40 and buys 32.65.
    const rows = [
      r('12504', '2011-11-09', 449.4),
      r('12504', '2011-11-18', -32.65),
      r('12504', '2011-11-21', -335.4),
      r('12504', '2011-11-21', 32.65)
    ];
    const [c] = buildCalibration(rows, '2011-12-09', 'days');
    expect(c.x).toBe(1);
    expect(c.tx).toBe(12);
    expect(c.T).toBe(30);
    expect(c.zbar).toBeCloseTo(-302.75, 9);
    // 15802: one day, a purchase between two returns of the same amount.
    const day = [
      r('15802', '2011-07-20', -451.42),
      r('15802', '2011-07-20', 451.42),
      r('15802', '2011-07-20', -451.42)
    ];
    expect(buildCalibration(day, '2011-12-09', 'days')).toEqual([
      { customerId: '15802', x: 0, tx: 0, T: 142, zbar: 0 }
    ]);
  });

  it('merged rows decide by their largest order, not by their net total', () => {
    const rows = [
      r('a', '2024-01-01', 10),
      r('a', '2024-01-08', -40, 5), // orders 5 and −45 merged: a purchase day worth −40
      r('a', '2024-01-15', -3, -1), // returns only
      r('a', '2024-01-22', -20, -1e-9) // float dust of a cancelled order: a $0 purchase
    ];
    expect(buildCalibration(rows, '2024-01-22')).toEqual([
      { customerId: 'a', x: 2, tx: 3, T: 3, zbar: -30 }
    ]);
    expect(holdoutCounts(rows, '2024-01-01', '2024-01-22')).toEqual(new Map([['a', 2]]));
  });

  it('isReturnOrder reads totals at a millionth of a unit', () => {
    expect(isReturnOrder(-0.01)).toBe(true);
    expect(isReturnOrder(-4e-7)).toBe(false);
    expect(isReturnOrder(0)).toBe(false);
    expect(isReturnOrder(3)).toBe(false);
  });

  it('purchaseDaysByCustomer keeps purchase days with their net value', () => {
    const rows = [r('a', '2024-01-01', 10), r('a', '2024-01-01', -15), r('a', '2024-01-02', -1)];
    expect(purchaseDaysByCustomer(rows)).toEqual(
      new Map([['a', new Map([[dayNumber('2024-01-01'), -5]])]])
    );
  });
});
