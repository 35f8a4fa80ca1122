// The helper worker that reads the second half of a large orders file while the database worker
// reads the first (`split-file.ts`): one request, one answer, then it is let go.
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
    const { book } = half.pass;
    post({ type: 'done', half }, [
      ...[
        book.cust,
        book.day,
        book.amount,
        book.err,
        book.sale,
        book.orderHasId,
        book.orderIdEnd,
        book.orderHash
      ].map((a) => a.buffer),
      ...[book.pOrder, book.pDay, book.pAmount, book.eCust, book.eDay, book.eRow, book.eName].map(
        (a) => a.buffer
      )
    ]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
