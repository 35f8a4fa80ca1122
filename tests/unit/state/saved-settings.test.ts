// Saved workspace settings read back safely, and the SQLite file signature check.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import {
  isSqliteHeader,
  parseSavedSettings,
  type SavedSettings
} from '../../../src/lib/state/saved-settings';

const fallback: SavedSettings = {
  rfm: {
    asOf: null,
    scoring: { bins: 5, method: 'ranked' },
    rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
    quadrantSplit: 'median'
  },
  clv: { months: 12, discountPct: 1 },
  lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
  activeId: null
};

describe('parseSavedSettings', () => {
  it('reads back what was saved', () => {
    const saved: SavedSettings = {
      rfm: {
        ...fallback.rfm,
        asOf: '2024-03-01',
        asOfFor: '3@2024-03-02T08:00:00.000Z',
        scoring: { bins: 4, method: 'ntile' },
        quadrantSplit: 'mean'
      },
      clv: { months: 24, discountPct: 0.5 },
      lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS, lapseDays: 365 },
      activeId: 3
    };
    saved.rfm.rules = saved.rfm.rules.slice(0, 3);
    expect(parseSavedSettings(JSON.stringify(saved), fallback)).toEqual(saved);
  });

  it('leaves an as-of date saved without its dataset to be adopted when the workspace opens', () => {
    const saved = { ...fallback, rfm: { ...fallback.rfm, asOf: '2024-03-01' } };
    const withFor = { ...fallback, rfm: { ...fallback.rfm, asOfFor: '1@t1' } };
    const out = parseSavedSettings(JSON.stringify(saved), withFor);
    expect(out.rfm.asOf).toBe('2024-03-01');
    expect('asOfFor' in out.rfm).toBe(false);
  });

  it.each([
    ['null', null],
    ['not JSON', '{oops'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['empty object', '{}'],
    ['an unknown scoring method', '{"rfm":{"scoring":{"bins":5,"method":"magic"}}}']
  ])('keeps the fallback for %s', (_label, json) => {
    expect(parseSavedSettings(json, fallback)).toEqual(fallback);
  });

  it('gives rules saved with an old default Chinese name the new name, keeping the user’s own', () => {
    const rules = structuredClone([...DEFAULT_SEGMENT_RULES]);
    rules[0].name['zh-CN'] = '冠军客户'; // the old default name of Champions
    rules[1].name['zh-CN'] = '我的潜在客户'; // renamed by the user
    const json = JSON.stringify({ rfm: { ...fallback.rfm, rules } });
    const read = parseSavedSettings(json, fallback).rfm.rules;
    expect(read[0].name).toEqual({ en: 'Champions', 'zh-CN': '核心客户' });
    expect(read[1].name['zh-CN']).toBe('我的潜在客户');
    expect(read.slice(2)).toEqual(DEFAULT_SEGMENT_RULES.slice(2));
  });

  it('drops invalid parts and keeps the valid ones', () => {
    const json = JSON.stringify({
      rfm: {
        scoring: { bins: 99, method: 'ranked' },
        asOf: '1 March',
        quadrantSplit: 'mode',
        rules: 'x'
      },
      clv: { months: -1, discountPct: 2 },
      lifecycle: { lapseDays: -5 },
      activeId: 'seven'
    });
    expect(parseSavedSettings(json, fallback)).toEqual({
      ...fallback,
      clv: { months: 12, discountPct: 2 }
    });
  });

  it('reads back the filter, keeping well-formed conditions and refusing a bad range', () => {
    const filter = {
      dims: [
        { column: 'Country', values: ['France', null] },
        { column: 'Bad', values: [1] },
        { column: 7, values: ['x'] }
      ],
      from: '2011-01-01',
      to: null
    };
    expect(parseSavedSettings(JSON.stringify({ filter }), fallback).filter).toEqual({
      dims: [{ column: 'Country', values: ['France', null] }],
      from: '2011-01-01',
      to: null
    });
    const badDate = { filter: { dims: [], from: '1 Jan 2011', to: null } };
    expect(parseSavedSettings(JSON.stringify(badDate), fallback).filter).toBeUndefined();
    expect(parseSavedSettings('{"filter":"France"}', fallback).filter).toBeUndefined();
  });

  it('reads back the SLA days and the profit basis of M, refusing other values', () => {
    const saved = { rfm: { ...fallback.rfm, monetaryBasis: 'profit' }, complaints: { slaDays: 3 } };
    const read = parseSavedSettings(JSON.stringify(saved), fallback);
    expect(read.rfm.monetaryBasis).toBe('profit');
    expect(read.complaints).toEqual({ slaDays: 3 });
    const bad = { rfm: { ...fallback.rfm, monetaryBasis: 'margin' }, complaints: { slaDays: 2.5 } };
    const kept = parseSavedSettings(JSON.stringify(bad), fallback);
    expect(kept.rfm.monetaryBasis).toBeUndefined();
    expect(kept.complaints).toBeUndefined();
    expect(
      parseSavedSettings('{"complaints":{"slaDays":-1}}', fallback).complaints
    ).toBeUndefined();
  });

  it('reads back the report choice and the visit snapshot, dropping bad ones', () => {
    const saved = {
      report: { omit: ['tiers', 'bogus'] },
      snapshot: { takenOn: '2025-05-01', lists: { champions: ['C1'] } }
    };
    const read = parseSavedSettings(JSON.stringify(saved), fallback);
    expect(read.report).toEqual({ omit: ['tiers'] });
    expect(read.snapshot).toEqual({ takenOn: '2025-05-01', lists: { champions: ['C1'] } });
    const bad = parseSavedSettings('{"report":"all","snapshot":{"takenOn":"soon"}}', fallback);
    expect(bad.report).toEqual({ omit: [] });
    expect(bad.snapshot).toBeUndefined();
    // Saved before either existed: no snapshot, every section in (the page's default).
    const old = parseSavedSettings('{}', fallback);
    expect(old.report).toBeUndefined();
    expect(old.snapshot).toBeUndefined();
  });

  it('does not share objects with the fallback', () => {
    const out = parseSavedSettings(null, fallback);
    expect(out).toEqual(fallback);
    const copy = parseSavedSettings('{}', fallback);
    copy.rfm.rules.pop();
    expect(fallback.rfm.rules).toHaveLength(DEFAULT_SEGMENT_RULES.length);
  });
});

describe('isSqliteHeader', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['SQLite format 3\0 rest', true],
    ['SQLite format 3', false],
    ['SQLite format 2\0', false],
    ['customer_id,amount\n', false],
    ['', false]
  ])('%j → %s', (text, expected) => {
    expect(isSqliteHeader(enc(text))).toBe(expected);
  });
});
