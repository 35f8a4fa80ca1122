// Background work (index builds, the raw sheet, a database save) waits for a quiet moment: no
// request of the page in flight, and none answered within the quiet time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestQuiet } from '../../../src/lib/worker/quiet';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
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

describe('whenQuiet while a save holds the requests', () => {
  it('waits for the save too: background work does not slow its steps', async () => {
    const quiet = new RequestQuiet();
    let finish = () => {};
    const save = quiet.holding(() => new Promise<void>((r) => (finish = r)));
    const waiting = quiet.whenQuiet(1000);
    expect(await settledAfter(waiting, 5000)).toBe(false);
    finish();
    await save;
    // No request was answered meanwhile: quiet as soon as the save is done.
    expect(await settledAfter(waiting, 60)).toBe(true);
  });
});

describe('whenQuiet with a deadline', () => {
  it('ends at the deadline even with a request in flight, at once when it has passed', async () => {
    const quiet = new RequestQuiet();
    quiet.begin();
    const waiting = quiet.whenQuiet(1000, undefined, 3_000);
    expect(await settledAfter(waiting, 2_900)).toBe(false);
    expect(await settledAfter(waiting, 100)).toBe(true);
    expect(await settledAfter(quiet.whenQuiet(1000, undefined, 0), 0)).toBe(true);
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

describe('holding', () => {
  it('holds new requests back until the task is done, and only while it runs', async () => {
    const quiet = new RequestQuiet();
    expect(await settledAfter(quiet.admitted(), 0)).toBe(true);
    let finish = () => {};
    const task = quiet.holding(() => new Promise<string>((r) => (finish = () => r('saved'))));
    const waiting = quiet.admitted();
    expect(await settledAfter(waiting, 10_000)).toBe(false);
    finish();
    expect(await task).toBe('saved');
    expect(await settledAfter(waiting, 0)).toBe(true);
    expect(await settledAfter(quiet.admitted(), 0)).toBe(true);
  });

  it('lets requests go after the longest hold even if the task never ends', async () => {
    const quiet = new RequestQuiet();
    void quiet.holding(() => new Promise(() => {}), 30_000);
    const waiting = quiet.admitted();
    expect(await settledAfter(waiting, 29_000)).toBe(false);
    expect(await settledAfter(waiting, 1_010)).toBe(true);
    expect(await settledAfter(quiet.admitted(), 0)).toBe(true);
  });

  it('lets the held requests start one per turn, in the order they came', async () => {
    const quiet = new RequestQuiet();
    let finish = () => {};
    void quiet.holding(() => new Promise<void>((r) => (finish = r)));
    const started: string[] = [];
    // Each request runs to its end in its turn (as a message's handler would) before the next.
    const request = (name: string) =>
      quiet.admitted().then(() => {
        started.push(`${name} starts`);
        started.push(`${name} answers`);
      });
    const all = Promise.all(['rows', 'rfm.summary', 'churn.lists'].map(request));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toEqual([]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['rows starts', 'rows answers']);
    await vi.advanceTimersByTimeAsync(10);
    await all;
    expect(started).toEqual([
      'rows starts',
      'rows answers',
      'rfm.summary starts',
      'rfm.summary answers',
      'churn.lists starts',
      'churn.lists answers'
    ]);
  });

  it('work whose wait is over goes before the requests still queued', async () => {
    const quiet = new RequestQuiet();
    const order: string[] = [];
    const now = performance.now.bind(performance);
    let busy = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now() + busy);
    const requests = [
      // churn.lists holds the thread for 5 s: the clock moves on while no timer can run.
      quiet.admitted().then(() => {
        order.push('churn.lists');
        busy = 5_000;
      }),
      quiet.admitted().then(() => void order.push('calls.list'))
    ];
    const save = quiet.after(4_000);
    void save.done.then(() => order.push('save'));
    // Turns only: the save's own timer (4 s) does not fire in this time.
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(requests);
    expect(order).toEqual(['churn.lists', 'save', 'calls.list']);
  });

  it('a wait cancelled never fires', async () => {
    const quiet = new RequestQuiet();
    const wait = quiet.after(1_000);
    wait.cancel();
    expect(await settledAfter(wait.done, 5_000)).toBe(false);
  });

  it('lets requests go while the held task waits for an import, and holds again after', async () => {
    const quiet = new RequestQuiet();
    let importDone = () => {};
    let finish = () => {};
    const task = quiet.holding(async () => {
      await quiet.unheld(() => new Promise<void>((r) => (importDone = r)));
      await new Promise<void>((r) => (finish = r));
    });
    // Meanwhile a request starts (a save waiting for an import would hold it a minute).
    expect(await settledAfter(quiet.admitted(), 10)).toBe(true);
    importDone();
    await vi.advanceTimersByTimeAsync(0);
    // The task goes on writing: requests wait again until it is done.
    const later = quiet.admitted();
    expect(await settledAfter(later, 10_000)).toBe(false);
    finish();
    await task;
    expect(await settledAfter(later, 10)).toBe(true);
  });

  it('does not hold again once the longest hold is over', async () => {
    const quiet = new RequestQuiet();
    let importDone = () => {};
    void quiet.holding(async () => {
      await quiet.unheld(() => new Promise<void>((r) => (importDone = r)));
      await new Promise(() => {});
    }, 30_000);
    await vi.advanceTimersByTimeAsync(31_000);
    importDone();
    await vi.advanceTimersByTimeAsync(0);
    expect(await settledAfter(quiet.admitted(), 10)).toBe(true);
  });

  it('a failed task opens the way too', async () => {
    const quiet = new RequestQuiet();
    const task = quiet.holding(() => Promise.reject(new Error('disk full')));
    await expect(task).rejects.toThrow('disk full');
    expect(await settledAfter(quiet.admitted(), 0)).toBe(true);
  });
});
