// The language layer: picks the locale (?lang=, saved choice, browser) and translates keys.
import { getContext, setContext } from 'svelte';
import appEn from './messages/app.en.json';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';

/**
 * Messages live in one JSON file per area and language (`<area>.<locale>.json`), so each part of
 * the app owns its texts; they are merged here. A unit test checks both languages have every key.
 */
const files = import.meta.glob<Record<string, string>>('./messages/*.json', {
  eager: true,
  import: 'default'
});

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof appEn;
export type Params = Record<string, string | number>;

function mergeMessages(locale: Locale): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [path, messages] of Object.entries(files)) {
    if (path.endsWith(`.${locale}.json`)) Object.assign(merged, messages);
  }
  return merged;
}

const MESSAGES: Record<Locale, Record<string, string>> = {
  en: mergeMessages('en'),
  'zh-CN': mergeMessages('zh-CN')
};
const STORAGE_KEY = STORAGE_KEYS.lang.key;

/** Maps any language tag to a supported locale, or undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

/** The language a URL's `?lang=` names, if it names a supported one. */
export function localeInUrl(search: string): Locale | undefined {
  return matchLocale(/[?&]lang=([^&#]*)/.exec(search)?.[1]);
}

/** `?lang=` first, then the saved choice, then the browser's languages, then Chinese. */
export function pickLocale(
  search: string,
  saved: string | null,
  browser: readonly string[]
): Locale {
  const fromUrl = localeInUrl(search);
  if (fromUrl) return fromUrl;
  const fromSaved = matchLocale(saved);
  if (fromSaved) return fromSaved;
  for (const tag of browser) {
    const l = matchLocale(tag);
    if (l) return l;
  }
  return 'zh-CN';
}

/** Fills `{name}` placeholders. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m
  );
}

/** Translates a key in a locale; unknown keys come back as the key itself (and tests forbid them). */
export function translate(locale: Locale, key: string, params?: Params): string {
  const text = MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key;
  return interpolate(text, params);
}

/** Reactive language state for the app. */
export class I18n {
  locale = $state<Locale>('zh-CN');

  constructor(initial: Locale) {
    this.locale = initial;
  }

  /** Translates `key` in the current locale. */
  t = (key: MessageKey | (string & {}), params?: Params): string =>
    translate(this.locale, key, params);

  /** True when `key` exists (for optional per-code messages). */
  has = (key: string): boolean => key in MESSAGES.en;

  setLocale(locale: Locale) {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
    document.documentElement.lang = locale;
  }

  /** Creates the state from the page's URL, storage and browser settings. */
  static fromBrowser(): I18n {
    let saved: string | null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      saved = null; // storage disabled
    }
    const i18n = new I18n(pickLocale(location.search, saved, navigator.languages ?? []));
    document.documentElement.lang = i18n.locale;
    return i18n;
  }
}

const KEY = Symbol('i18n');
export function setI18n(i18n: I18n): I18n {
  return setContext(KEY, i18n);
}
export function getI18n(): I18n {
  const i18n = getContext<I18n | undefined>(KEY);
  if (!i18n) throw new Error('getI18n() called outside the app layout');
  return i18n;
}

export { MESSAGES };
