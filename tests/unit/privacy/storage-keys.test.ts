import { describe, expect, it } from 'vitest';
import { describeStorage, STORAGE_KEYS } from '$lib/privacy/storage-keys';

describe('describeStorage', () => {
  it('lists every registered key, with nothing stored on a fresh browser', () => {
    const items = describeStorage(new Map());
    expect(items.map((i) => i.key)).toEqual(Object.values(STORAGE_KEYS).map((e) => e.key));
    expect(items.every((i) => i.keys.length === 0 && i.chars === 0)).toBe(true);
  });

  it('groups prefixed keys, counts characters, shows unknown keys of ours and ignores others', () => {
    const items = describeStorage(
      new Map([
        ['customer-lens.lang', 'en'],
        ['customer-lens.mapping.b:3', '{}'],
        ['customer-lens.mapping.a:2', '[1]'],
        ['customer-lens.old-thing', 'x'],
        ['someone-else', 'secret']
      ])
    );
    const byKey = new Map(items.map((i) => [i.key, i]));
    expect(byKey.get('customer-lens.lang')).toMatchObject({
      keys: ['customer-lens.lang'],
      chars: 20
    });
    expect(byKey.get('customer-lens.mapping.')).toMatchObject({
      keys: ['customer-lens.mapping.a:2', 'customer-lens.mapping.b:3'],
      chars: 25 + 3 + 25 + 2
    });
    expect(byKey.get('customer-lens.old-thing')).toMatchObject({ label: null, chars: 24 });
    expect(byKey.has('someone-else')).toBe(false);
  });

  it('registers distinct keys, none of which is a prefix of another', () => {
    const keys = Object.values(STORAGE_KEYS).map((e) => e.key);
    for (const a of keys) for (const b of keys) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });
});
