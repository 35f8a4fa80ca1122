// "What changed since the last visit": snapshots taken, read back and compared, by hand.
import { describe, expect, it } from 'vitest';
import {
  diffSnapshot,
  parseSnapshot,
  takeSnapshot
} from '../../../../src/lib/analysis/overview/snapshot';

describe('the visit snapshot', () => {
  it('keeps each known list sorted and unique, and leaves unknown lists out', () => {
    expect(
      takeSnapshot({ champions: ['C3', 'C1', 'C3'], spendDrop: [], cannotLose: null }, '2025-05-01')
    ).toEqual({ takenOn: '2025-05-01', lists: { champions: ['C1', 'C3'], spendDrop: [] } });
  });

  it('names the customers new on each list and counts those who left', () => {
    const then = {
      takenOn: '2025-05-01',
      lists: { champions: ['C1', 'C2', 'C3'], spendDrop: ['C9'], cannotLose: ['C5'] }
    };
    const diff = diffSnapshot(then, {
      champions: ['C4', 'C2', 'C1', 'C7'],
      spendDrop: ['C9'],
      cannotLose: null
    });
    expect(diff).toEqual({
      since: '2025-05-01',
      lists: {
        // C4 and C7 joined (in today's order); C3 left.
        champions: { added: ['C4', 'C7'], left: 1 },
        spendDrop: { added: [], left: 0 },
        // Not known now (no fitted model): not compared.
        cannotLose: null
      }
    });
  });

  it('has nothing to compare on a first visit, nor for a list unknown then', () => {
    expect(diffSnapshot(null, { champions: ['C1'] })).toBeNull();
    const diff = diffSnapshot({ takenOn: '2025-05-01', lists: {} }, { champions: ['C1'] });
    expect(diff?.lists.champions).toBeNull();
  });

  it('reads back only well-formed snapshots', () => {
    const good = { takenOn: '2025-05-01', lists: { champions: ['C1'], other: 3 } };
    expect(parseSnapshot(good)).toEqual({ takenOn: '2025-05-01', lists: { champions: ['C1'] } });
    expect(parseSnapshot(null)).toBeNull();
    expect(parseSnapshot('x')).toBeNull();
    expect(parseSnapshot({ takenOn: '2025-02-30', lists: {} })).toBeNull();
    expect(parseSnapshot({ takenOn: '2025-05-01', lists: { champions: [1, 2] } })).toBeNull();
    expect(parseSnapshot({ takenOn: '2025-05-01', lists: [] })).toBeNull();
  });
});
