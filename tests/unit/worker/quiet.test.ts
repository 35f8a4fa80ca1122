// A database save waits for a quiet moment: no request of the page in flight, and none answered
// within the quiet time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestQuiet, trackRequests } from '../../../src/lib/worker/quiet';

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
    expect(await settledAfter(new RequestQuiet(1000).whenQuiet(), 0)).toBe(true);
  });

  it('waits while a request is in flight, then for the quiet time after its answer', async () => {
    const quiet = new RequestQuiet(1000);
    const done = quiet.begin();
    const waiting = quiet.whenQuiet();
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

describe('trackRequests', () => {
  it('counts each request from its arrival to its answer, but the ignored ones', async () => {
    const quiet = new RequestQuiet(100);
    let answer = (_: number) => {};
    const handlers = trackRequests(
      {
        slow: () => new Promise<number>((resolve) => (answer = resolve)),
        flush: () => new Promise<null>(() => {}),
        sync: (args: { n: number }) => args.n * 2
      },
      quiet,
      ['flush']
    );
    expect(await handlers.sync({ n: 21 })).toBe(42);
    const slow = handlers.slow();
    void handlers.flush();
    const waiting = quiet.whenQuiet();
    expect(await settledAfter(waiting, 1000)).toBe(false);
    answer(7);
    expect(await slow).toBe(7);
    expect(await settledAfter(waiting, 150)).toBe(true);
  });
});
