// Playbooks 建议动作: an editable recommended action per lifecycle stage, segment and value quadrant,
// saved with the workspace as the user's own texts over defaults in both languages.
import callsEn from '$lib/i18n/messages/calls.en.json';
import callsZh from '$lib/i18n/messages/calls.zh-CN.json';
import type { LifecycleStage } from '../lifecycle';
import type { ValueQuadrant } from '../types';

/** What a playbook entry is for, in the order tried: the first with an action wins. */
export const PLAYBOOK_KINDS = ['stage', 'segment', 'quadrant'] as const;
export type PlaybookKind = (typeof PLAYBOOK_KINDS)[number];

/** Entries with a default action (DOMAIN §7c; the documents' strategies). */
export const DEFAULT_PLAYBOOK_KEYS = [
  'stage:new',
  'stage:lapsed',
  'quadrant:vip',
  'quadrant:growth',
  'quadrant:potential',
  'quadrant:low'
] as const;

/**
 * The user's texts by entry key (`stage:new`, `segment:champions`, `quadrant:vip`); an empty text
 * clears an entry's default. Entries absent here use the default in the UI language.
 */
export type Playbooks = Record<string, string>;

/** Longest action text kept (a sentence or two). */
export const MAX_ACTION_LENGTH = 300;

export type PlaybookLocale = 'en' | 'zh-CN';

const DEFAULTS: Record<PlaybookLocale, Record<string, string>> = { en: callsEn, 'zh-CN': callsZh };

/** The default action of an entry in a language, or '' when it has none. */
export function defaultAction(key: string, locale: PlaybookLocale): string {
  return DEFAULTS[locale][`calls.playbook.default.${key}`] ?? '';
}

/** An entry's action in force: the user's text, else the default. */
export function playbookAction(playbooks: Playbooks, key: string, locale: PlaybookLocale): string {
  return Object.hasOwn(playbooks, key) ? playbooks[key] : defaultAction(key, locale);
}

/** What decides a customer's action. */
export interface PlaybookCustomer {
  stage: LifecycleStage | null;
  segment: string | null;
  quadrant: ValueQuadrant | null;
}

/** A customer's recommended action and the entry it came from. */
export interface RecommendedAction {
  text: string;
  key: string;
}

/**
 * The recommended action of a customer: the lifecycle stage's entry first (new and lapsed customers
 * need what their moment calls for, whatever their value), then the segment's, then the value
 * quadrant's; the first with a non-empty text wins. Null when none has one.
 */
export function recommendedAction(
  customer: PlaybookCustomer,
  playbooks: Playbooks,
  locale: PlaybookLocale
): RecommendedAction | null {
  const keys = [
    customer.stage && `stage:${customer.stage}`,
    customer.segment && `segment:${customer.segment}`,
    customer.quadrant && `quadrant:${customer.quadrant}`
  ];
  for (const key of keys) {
    if (!key) continue;
    const text = playbookAction(playbooks, key, locale).trim();
    if (text) return { text, key };
  }
  return null;
}

const KEY = /^(stage|segment|quadrant):[\w-]{1,64}$/;

/** Saved playbooks read back: well-formed entries kept (texts trimmed and capped), the rest dropped. */
export function parsePlaybooks(raw: unknown): Playbooks {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Playbooks = {};
  for (const [key, text] of Object.entries(raw as Record<string, unknown>)) {
    if (!KEY.test(key) || typeof text !== 'string') continue;
    out[key] = text.trim().slice(0, MAX_ACTION_LENGTH);
  }
  return out;
}

/** The playbooks with one entry set; setting it back to its default text drops the override. */
export function setPlaybookAction(
  playbooks: Playbooks,
  key: string,
  text: string,
  locale: PlaybookLocale
): Playbooks {
  const out = { ...playbooks };
  const clean = text.trim().slice(0, MAX_ACTION_LENGTH);
  if (clean === defaultAction(key, locale)) delete out[key];
  else out[key] = clean;
  return out;
}
