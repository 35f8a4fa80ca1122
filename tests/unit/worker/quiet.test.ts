// Background work (index builds, the raw sheet, a database save) waits for a quiet moment: no
// request of the page in flight, and none answered within the quiet time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestQuiet } from '../../../src/lib/worker/quiet';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `p` has settled after the timers ran `ms` further. */
async function settledAfter(p: Promise<unknown>, ms: number): Promise<boolean> {
  let isSettled = false;
  void p.then(() => (isSettled = true));
  await vi.advanceTimersByTimeAsync(ms);
  return isSettled;
}

describe('RequestQuiet', () => {
  it('is quiet at once when nothing was asked', async () => {
    expect(await settledAfter(new RequestQuiet().whenQuiet(1000), 0)).toBe(true);
  });

  it('waits while a request is in flight, then for the quiet time after its answer', async () => {
    const quiet = new RequestQuiet();
    const done = quiet.begin();
    const waiting = quiet.whenQuiet(1000);
    expect(await settledAfter(waiting, 5000)).toBe(false);
    done();
    done(); // answered once, counted once
    expect(await settledAfter(waiting, 900)).toBe(false);
    // Another request meanwhile starts the quiet time again.
    quiet.begin()();
    expect(await settledAfter(waiting, 900)).toBe(false);
    expect(await settledAfter(waiting, 200)).toBe(true);
  });
});

describe('hurry', () => {
  it('ends the wait as soon as the work is wanted, even with a request in flight', async () => {
    const quiet = new RequestQuiet();
    quiet.begin();
    let isWanted = false;
    const waiting = quiet.whenQuiet(1000, () => isWanted);
    expect(await settledAfter(waiting, 3000)).toBe(false);
    isWanted = true;
    expect(await settledAfter(waiting, 60)).toBe(true);
  });
});
