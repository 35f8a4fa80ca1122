// The call list's part of the saved workspace settings: playbooks and handled marks survive a save
// and a reload (JSON round trip), bad or old JSON falls back to none, and a mark stops counting
// once a new reason appears.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { isHandled } from '../../../src/lib/analysis/rules/handled';
import { parseSavedSettings, type SavedSettings } from '../../../src/lib/state/saved-settings';

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

describe('saved playbooks and handled marks', () => {
  it('read back what was saved', () => {
    const saved: SavedSettings = {
      ...fallback,
      playbooks: { 'quadrant:vip': 'Visit every quarter', 'stage:new': '' },
      handled: { C000123: ['overdue_rhythm', 'spend_drop'] }
    };
    const back = parseSavedSettings(JSON.stringify(saved), fallback);
    expect(back.playbooks).toEqual(saved.playbooks);
    expect(back.handled).toEqual(saved.handled);
    // After the reload the row is still handled, until a new reason appears.
    expect(isHandled(back.handled!, 'C000123', ['spend_drop'])).toBe(true);
    expect(isHandled(back.handled!, 'C000123', ['spend_drop', 'detractor'])).toBe(false);
  });
  it('old workspaces have none; bad parts are dropped', () => {
    expect(parseSavedSettings(JSON.stringify(fallback), fallback).handled).toBeUndefined();
    const bad = parseSavedSettings(
      JSON.stringify({ ...fallback, playbooks: 'x', handled: { a: 'spend_drop', b: ['nope'] } }),
      fallback
    );
    expect(bad.playbooks).toEqual({});
    expect(bad.handled).toEqual({});
  });
});
