// The helper worker that reads the second half of a large orders file while the database worker
// reads the first (`split-file.ts`): one request, one answer, then it is let go.
import { transferablesOf } from '$lib/db/rpc';
import { readOrdersPart, type ReaderMessage, type ReaderRequest } from '../split-file';

const post = (message: ReaderMessage, transfer: Transferable[] = []) =>
  self.postMessage(message, { transfer });

self.onmessage = async (event: MessageEvent<ReaderRequest>) => {
  const { part, inspected, mapping } = event.data;
  let last = 0;
  try {
    const half = await readOrdersPart(part, inspected, mapping, (bytes) => {
      const now = performance.now();
      if (now - last < 150) return;
      last = now;
      post({ type: 'bytes', bytes });
    });
    // The book's typed arrays move instead of being copied.
    post({ type: 'done', half }, transferablesOf(half.pass.book));
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
