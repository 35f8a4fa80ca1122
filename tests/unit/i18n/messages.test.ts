import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpolate, MESSAGES, pickLocale, translate } from '../../../src/lib/i18n/i18n.svelte';
import { ALL_ROLES, IMPORT_WARNINGS } from '../../../src/lib/ingest/types';
import { ERROR_CODES } from '../../../src/lib/db/errors';

const en = MESSAGES.en;
const zh = MESSAGES['zh-CN'];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every `t('literal')` key used in components and routes. */
function usedKeys(): string[] {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(svelte|ts)$/.test(entry.name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) keys.add(m[1]);
      }
    }
  };
  walk('src');
  return [...keys];
}

describe('messages', () => {
  it('has message files in pairs and the same keys in both languages', () => {
    const files = readdirSync('src/lib/i18n/messages');
    const areas = (l: string) =>
      files
        .filter((f) => f.endsWith(`.${l}.json`))
        .map((f) => f.split('.')[0])
        .sort();
    expect(areas('zh-CN')).toEqual(areas('en'));
    expect(files.every((f) => /^[\w-]+\.(en|zh-CN)\.json$/.test(f))).toBe(true);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has the same placeholders in both languages, and no empty texts', () => {
    for (const [key, text] of Object.entries(en)) {
      const other = (zh as Record<string, string>)[key];
      expect(placeholders(other), key).toEqual(placeholders(text));
      if (key !== 'mapping.encodingReason.xlsx') {
        expect(text.trim(), key).not.toBe('');
        expect(other.trim(), key).not.toBe('');
      }
    }
  });

  it('defines every key the code uses literally', () => {
    const missing = usedKeys().filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });

  it('explains every error a worker can report, in both languages', () => {
    const missing = ERROR_CODES.filter(
      (code) => !(`error.${code}` in en) || !(`error.${code}` in zh)
    );
    expect(missing).toEqual([]);
    // No message for a code nothing reports any more.
    const codes = new Set<string>(ERROR_CODES);
    const stray = Object.keys(en)
      .filter((k) => k.startsWith('error.') && k !== 'error.inFile')
      .filter((k) => !codes.has(k.slice('error.'.length)));
    expect(stray).toEqual([]);
  });

  it('names every role and reject reason', () => {
    for (const role of ALL_ROLES) expect(en).toHaveProperty([`role.${role}`]);
    for (const warning of IMPORT_WARNINGS) expect(en).toHaveProperty([`warning.${warning}`]);
  });
});

describe('locale choice', () => {
  it.each([
    ['?lang=en', 'zh-CN', ['zh-CN'], 'en'],
    ['?lang=zh-CN', 'en', ['en-US'], 'zh-CN'],
    ['', 'en', ['zh-CN'], 'en'],
    ['', null, ['en-GB', 'zh'], 'en'],
    ['', null, ['zh-TW'], 'zh-CN'],
    ['', null, ['fr-FR'], 'zh-CN'],
    ['?lang=xx', null, ['en'], 'en']
  ] as const)('%s / saved %s / browser %j → %s', (search, saved, browser, expected) => {
    expect(pickLocale(search, saved, browser)).toBe(expected);
  });

  it('interpolates and translates', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(translate('zh-CN', 'progress.rows', { rows: '1,000' })).toBe('1,000 行');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
