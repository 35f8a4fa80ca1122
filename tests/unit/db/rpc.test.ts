// The page ↔ worker boundary: the handler table is typed by the Api map (a wrong result does not
// compile — svelte-check runs over this file), the generic client, and what moves instead of copying.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { WorkerClient } from '../../../src/lib/db/client';
import { WorkerError } from '../../../src/lib/db/errors';
import { transferablesOf, type Handlers } from '../../../src/lib/db/rpc';
import type { Api, DatasetInfo, Progress } from '../../../src/lib/db/protocol';

interface TinyApi {
  add: { args: { a: number; b: number }; result: number };
  name: { args: Record<string, never>; result: string };
}

describe('the handler table is checked against the Api map', () => {
  it('rejects a handler with the wrong result type, and a missing handler', () => {
    const good: Handlers<TinyApi> = { add: ({ a, b }) => a + b, name: async () => 'tiny' };
    expect(good.add({ a: 1, b: 2 }, { progress: () => {} })).toBe(3);

    const wrongResult: Handlers<TinyApi> = {
      // @ts-expect-error — `add` must answer a number, not a string
      add: ({ a, b }) => `${a + b}`,
      name: () => 'tiny'
    };
    // @ts-expect-error — `name` is missing
    const missing: Handlers<TinyApi> = { add: ({ a, b }) => a + b };
    const wrongDatasets: Pick<Handlers<Api, Progress>, 'datasets'> = {
      // @ts-expect-error — `datasets` answers DatasetInfo[], not a count
      datasets: async () => 3
    };
    expect([wrongResult, missing, wrongDatasets]).toHaveLength(3);
  });

  it('types every call by its request (no casts in the client)', () => {
    const client = null as unknown as WorkerClient<Api>;
    const datasets = () => client.call('datasets', {});
    expectTypeOf(datasets).returns.toEqualTypeOf<Promise<DatasetInfo[]>>();
    // @ts-expect-error — an analysis request names its whole key, not just a dataset
    const partial = () => client.call('rfm.summary', { datasetId: 1 });
    expect(typeof partial).toBe('function');
  });
});

/** A stand-in worker answering with the given handlers, as `serve()` would. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  isTerminated = false;
  sent: unknown[] = [];
  constructor(private answer: (msg: { id: number; type: string; args: unknown }) => unknown) {}
  postMessage(msg: { id: number; type: string; args: unknown }) {
    this.sent.push(msg);
    const reply = this.answer(msg);
    if (reply !== undefined)
      queueMicrotask(() => this.onmessage?.({ data: reply } as MessageEvent));
  }
  emit(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.isTerminated = true;
  }
}

describe('WorkerClient', () => {
  const start = (answer: ConstructorParameters<typeof FakeWorker>[0]) => {
    const workers: FakeWorker[] = [];
    const client = new WorkerClient<TinyApi, { done: number }, { event: string }>({
      start: () => {
        const w = new FakeWorker(answer);
        workers.push(w);
        return w as unknown as Worker;
      },
      crashCode: 'worker_crashed',
      isFatal: (e) => e.code === 'out_of_memory'
    });
    return { client, workers };
  };

  it('resolves each call with its own answer, passing progress on', async () => {
    const { client } = start(({ id, type, args }) =>
      type === 'add'
        ? { id, type: 'result', result: (args as { a: number }).a + (args as { b: number }).b }
        : { id, type: 'result', result: 'tiny' }
    );
    await expect(client.call('add', { a: 2, b: 3 })).resolves.toBe(5);
    await expect(client.call('name', {})).resolves.toBe('tiny');
  });

  it('rejects with the worker’s error; a fatal one is handled like a crash', async () => {
    const { client, workers } = start(({ id, type }) => ({
      id,
      type: 'error',
      error: { code: type === 'add' ? 'no_dataset' : 'out_of_memory' }
    }));
    const crashes: string[] = [];
    client.onCrash((e) => crashes.push(e.code));
    await expect(client.call('add', { a: 1, b: 1 })).rejects.toEqual(
      new WorkerError({ code: 'no_dataset' })
    );
    expect(crashes).toEqual([]);
    await expect(client.call('name', {})).rejects.toBeInstanceOf(WorkerError);
    expect(crashes).toEqual(['out_of_memory']);
    expect(workers).toHaveLength(1);
  });

  it('tells every subscriber about events and crashes; unsubscribing stops it', async () => {
    const { client, workers } = start(() => undefined);
    const a: string[] = [];
    const b: string[] = [];
    const stopA = client.onEvent((e) => a.push(e.event));
    client.onEvent((e) => b.push(e.event));
    workers[0].emit({ id: 0, type: 'event', payload: { event: 'one' } });
    stopA();
    workers[0].emit({ id: 0, type: 'event', payload: { event: 'two' } });
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);

    const pending = client.call('name', {});
    const crashes: string[] = [];
    client.onCrash((e) => crashes.push(e.code));
    workers[0].crash('boom');
    await expect(pending).rejects.toEqual(
      new WorkerError({ code: 'worker_crashed', params: { message: 'boom' } })
    );
    expect(crashes).toEqual(['worker_crashed']);
    client.restart();
    expect(workers[0].isTerminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('moves the buffers it is told to move and copies the rest', () => {
    const { client, workers } = start(() => undefined);
    void client.call('add', { a: 1, b: 2 });
    expect(workers[0].sent).toEqual([{ id: 1, type: 'add', args: { a: 1, b: 2 } }]);
  });
});

describe('transferablesOf', () => {
  it('lists whole-buffer typed arrays up to two levels down, each buffer once', () => {
    const f = new Float64Array(4);
    const u = new Uint8Array(8);
    const part = new Uint8Array(new ArrayBuffer(16), 4, 4);
    const found = transferablesOf({
      f,
      nested: { u, again: u },
      part,
      text: 'x',
      deep: { a: { b: new Uint8Array(2) } }
    });
    expect(found).toEqual([f.buffer, u.buffer]);
    expect(transferablesOf(u)).toEqual([u.buffer]);
    expect(transferablesOf(null)).toEqual([]);
  });
});
