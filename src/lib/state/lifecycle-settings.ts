// The lifecycle thresholds the user chose, remembered in this browser.
import { DEFAULT_LIFECYCLE_THRESHOLDS, invalidThresholds } from '$lib/analysis';
import type { LifecycleThresholds } from '$lib/analysis';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';

const STORAGE_KEY = STORAGE_KEYS.lifecycle.key;

/** The saved thresholds when they are valid, else the DOMAIN defaults. */
export function loadThresholds(): LifecycleThresholds {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) {
      const t = { ...DEFAULT_LIFECYCLE_THRESHOLDS, ...(JSON.parse(saved) as object) };
      if (invalidThresholds(t).length === 0) return t;
    }
  } catch {
    // Unreadable or no storage: start from the defaults.
  }
  return { ...DEFAULT_LIFECYCLE_THRESHOLDS };
}

/** Saves valid thresholds (invalid ones are never stored). */
export function saveThresholds(t: LifecycleThresholds) {
  if (invalidThresholds(t).length) return;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(t));
  } catch {
    // Not saving settings is harmless.
  }
}
