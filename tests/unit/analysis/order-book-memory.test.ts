// The order book keeps copies of the ids and names it is fed, not views into the file text they were
// cut from: at a million rows the views kept 240 MB of text alive for as long as the dataset.
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, it } from 'vitest';
import { OrderBook } from '../../../src/lib/analysis/order-book';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

it('lets the text its ids and names were cut from go', () => {
  const before = heapMb();
  const book = new OrderBook();
  // 20 chunks of ≈11 MB of two-byte text, each giving one row (long order id and name).
  for (let k = 0; k < 20; k++) {
    const chunk = `SO20230101${String(k).padStart(6, '0')},宁波市澜安医药股份有限公司${k},`.repeat(
      200_000
    );
    const fields = chunk.slice(0, 80).split(',');
    // Substrings of the chunk, as a parser cuts them (a split copy would hide the problem).
    const at = (i: number) => {
      const start = fields.slice(0, i).reduce((n, f) => n + f.length + 1, 0);
      return chunk.substring(start, start + fields[i].length);
    };
    book.add(`C${k}`, at(0), '2024-01-05', 10, at(1), k + 2, true);
  }
  book.finish();
  expect(book.customerBase('2024-12-31')[0].customerName).toBe('宁波市澜安医药股份有限公司0');
  expect(heapMb() - before).toBeLessThan(40);
});
