// The one list of what the app keeps in localStorage; the privacy panel shows it key by key.

/** A localStorage key (or key prefix) the app writes, with the i18n key saying what it holds. */
export interface StorageKeyEntry {
  key: string;
  /** True when the app writes many keys starting with `key` (one per header layout, …). */
  isPrefix: boolean;
  /** i18n key of the description. */
  label: string;
}

export const STORAGE_KEYS = {
  lang: { key: 'customer-lens.lang', isPrefix: false, label: 'privacy.key.lang' },
  mapping: { key: 'customer-lens.mapping.', isPrefix: true, label: 'privacy.key.mapping' },
  rfmSettings: { key: 'customer-lens.rfm-settings', isPrefix: false, label: 'privacy.key.rfm' },
  clvSettings: { key: 'customer-lens:clv-settings', isPrefix: false, label: 'privacy.key.clv' },
  lifecycle: {
    key: 'customer-lens.lifecycle-thresholds',
    isPrefix: false,
    label: 'privacy.key.lifecycle'
  },
  breakdown: {
    key: 'customer-lens.breakdown-dimension',
    isPrefix: false,
    label: 'privacy.key.breakdown'
  },
  sqlConsole: {
    key: 'customer-lens.sql-console',
    isPrefix: false,
    label: 'privacy.key.sqlConsole'
  }
} as const satisfies Record<string, StorageKeyEntry>;

/** Every key an app of ours may have written starts with this (so unknown ones are still shown). */
export const APP_KEY_PREFIX = 'customer-lens';

/** One row of the panel: a registered entry (or an unregistered key of ours) and what is stored. */
export interface StoredItem {
  key: string;
  label: string | null;
  /** Keys present in storage under this entry (several for a prefix). */
  keys: string[];
  /** Characters stored (keys and values), as localStorage counts its quota. */
  chars: number;
}

/**
 * Matches what is in localStorage against the registry. Registered entries are always listed
 * (with no keys when nothing is stored); keys of ours the registry does not know are listed too.
 */
export function describeStorage(stored: ReadonlyMap<string, string>): StoredItem[] {
  const entries: StorageKeyEntry[] = Object.values(STORAGE_KEYS);
  const items: StoredItem[] = entries.map((e) => ({
    key: e.key,
    label: e.label,
    keys: [],
    chars: 0
  }));
  for (const [key, value] of [...stored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const i = entries.findIndex((e) => (e.isPrefix ? key.startsWith(e.key) : key === e.key));
    if (i < 0 && !key.startsWith(APP_KEY_PREFIX)) continue;
    const item = i >= 0 ? items[i] : { key, label: null, keys: [], chars: 0 };
    if (i < 0) items.push(item);
    item.keys.push(key);
    item.chars += key.length + value.length;
  }
  return items;
}
