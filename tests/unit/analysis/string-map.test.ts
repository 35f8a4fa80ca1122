// The order book's text → number table: every text found by text and hash through many doublings,
// texts sharing a hash told apart by their text, absent ones answered as such.
import { describe, expect, it } from 'vitest';
import { hashId, StringMap } from '../../../src/lib/analysis/string-map';

describe('StringMap', () => {
  it('finds each of 100,000 texts after its doublings; others are absent', () => {
    const map = new StringMap();
    const key = (i: number) => `C${String(i).padStart(6, '0')}`;
    for (let i = 0; i < 100_000; i++) map.add(key(i), hashId(key(i)), i * 3);
    expect(map.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 7) expect(map.get(key(i), hashId(key(i)))).toBe(i * 3);
    expect(map.get('C100000', hashId('C100000'))).toBe(-1);
    expect(map.key(5)).toBe('C000005');
    expect(map.value(5)).toBe(15);
    expect(map.hash(5)).toBe(hashId('C000005'));
  });

  it('tells texts of one hash apart by their text', () => {
    const map = new StringMap();
    for (let i = 0; i < 40; i++) map.add(`k${i}`, 42, i);
    for (let i = 0; i < 40; i++) expect(map.get(`k${i}`, 42)).toBe(i);
    expect(map.get('k40', 42)).toBe(-1);
    expect(map.hasHash(42)).toBe(true);
    expect(map.hasHash(43)).toBe(false);
  });

  it('hashes equal texts equal, whatever string they were cut from', () => {
    const a = 'SO202301010001,2023-01-01'.slice(0, 14);
    expect(hashId(a)).toBe(hashId('SO202301010001'));
    expect(hashId('')).toBe(0x811c9dc5 | 0);
    expect(hashId('客户')).not.toBe(hashId('客戶'));
  });
});
