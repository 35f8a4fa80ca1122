import { describe, expect, it } from 'vitest';
import {
  guessNewline,
  isBlankRecord,
  parseCsvStream,
  parseCsvText
} from '../../../src/lib/ingest/parse-csv';
import { decodeChunks, readBytes } from '../../../src/lib/ingest/read-file';

async function* chunks<T>(items: T[]) {
  for (const item of items) yield item;
}

async function streamAll(parts: string[], delimiter = ',') {
  const out: string[][] = [];
  const firsts: number[] = [];
  const newline = guessNewline(parts.join(''));
  const res = await parseCsvStream(chunks(parts), delimiter, newline, (rows, first) => {
    firsts.push(first);
    out.push(...rows);
  });
  return { rows: out, firsts, ...res };
}

const TEXT =
  'id,name,note\r\n1,"Smith, J","said ""hi""\nand left"\r\n2,__proto__,x\r\n\r\n3,客户,"多字节,字符"\r\n';

describe('parseCsvStream', () => {
  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await streamAll([TEXT]);
    expect(whole.rows).toEqual([
      ['id', 'name', 'note'],
      ['1', 'Smith, J', 'said "hi"\nand left'],
      ['2', '__proto__', 'x'],
      [''],
      ['3', '客户', '多字节,字符']
    ]);
    for (let cut = 1; cut < TEXT.length; cut++) {
      const split = await streamAll([TEXT.slice(0, cut), TEXT.slice(cut)]);
      expect(split.rows, `cut at ${cut}`).toEqual(whole.rows);
    }
  });

  it('a large chunk without quotes, parsed in pieces, gives the rows of a parse in one go', async () => {
    // Rows of varied widths and multi-byte text, \r\n-terminated: piece boundaries fall inside
    // rows, between \r and \n and between the halves of a surrogate pair.
    const lines = Array.from(
      { length: 12_000 },
      (_, i) => `${i},客户𠀋${i % 97},${'x'.repeat(i % 31)},${i % 5 === 0 ? '' : i * 1.5}`
    );
    const text = `${lines.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(3 * 128 * 1024);
    const res = await streamAll([text.slice(0, 200_001), text.slice(200_001)]);
    expect(res.rows).toEqual(lines.map((l) => l.split(',')));
    expect(res.records).toBe(lines.length);
    // Row numbers follow on from batch to batch.
    expect(res.firsts[0]).toBe(0);
    expect(res.firsts.length).toBeGreaterThan(2);
  });

  it('numbers records across batches', async () => {
    const res = await streamAll(['a\nb\n', 'c\nd\n']);
    expect(res.rows.map((r) => r[0])).toEqual(['a', 'b', 'c', 'd']);
    expect(res.firsts[0]).toBe(0);
    expect(res.records).toBe(4);
  });

  it('stops when the consumer says so', async () => {
    let seen = 0;
    const res = await parseCsvStream(chunks(['a\nb\n', 'c\n', 'd\n']), ',', '\n', (rows) => {
      seen += rows.length;
      return false;
    });
    expect(res.stopped).toBe(true);
    expect(seen).toBe(2);
  });

  it('reports an unterminated quote', async () => {
    const res = await streamAll(['a,b\n1,"open\n2,3\n']);
    expect(res.issues.map((i) => i.code)).toContain('MissingQuotes');
  });

  it('uses the given delimiter', async () => {
    expect((await streamAll(['a\tb;c\n'], '\t')).rows[0]).toEqual(['a', 'b;c']);
    expect(parseCsvText('a|b\n1|2\n', '|')).toEqual([['a', 'b'], ['1', '2'], ['']]);
  });

  it.each([
    ['a,b\r\n1,2', '\r\n'],
    ['a,b\n1,2', '\n'],
    ['a,b\r1,2', '\r'],
    ['"x\ny",b\r\n1,2', '\r\n'],
    ['single line', '\n']
  ] as const)('guesses the line ending of %j', (text, expected) => {
    expect(guessNewline(text)).toBe(expected);
  });

  it('recognises blank records', () => {
    expect(isBlankRecord(['', ' ', '\t'])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});

describe('readBytes + decodeChunks', () => {
  it('keeps multi-byte characters split across chunk boundaries', async () => {
    const text = '客户名称,金额\n上海明达🙂,12\n'.repeat(3);
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const parts = [bytes.slice(0, cut), bytes.slice(cut)];
      let out = '';
      for await (const s of decodeChunks(chunks(parts), new TextDecoder('utf-8'), 0)) out += s;
      expect(out).toBe(text);
    }
  });

  it('skips a BOM and gunzips natively', async () => {
    const bytes = new TextEncoder().encode('\uFEFFa,b\n1,2\n');
    const gz = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
    const blob = await new Response(gz).blob();
    let seen = 0;
    let out = '';
    for await (const s of decodeChunks(
      readBytes(blob, true, (n) => (seen = n)),
      new TextDecoder(),
      3
    ))
      out += s;
    expect(out).toBe('a,b\n1,2\n');
    expect(seen).toBe(blob.size);
  });

  it('reads a file in chunks of the size asked for, counting the bytes read', async () => {
    const text = '客户名称,金额\n上海明达🙂,12\n'.repeat(500);
    const file = new Blob([text]);
    for (const chunkBytes of [7, 1000, 4096, file.size, file.size * 2]) {
      const seen: number[] = [];
      const sizes: number[] = [];
      let out = '';
      const decoder = new TextDecoder();
      for await (const bytes of readBytes(file, false, (n) => seen.push(n), chunkBytes)) {
        sizes.push(bytes.byteLength);
        out += decoder.decode(bytes, { stream: true });
      }
      out += decoder.decode();
      expect(out, `chunks of ${chunkBytes}`).toBe(text);
      // Every chunk full but the last.
      expect(sizes.slice(0, -1).every((n) => n === chunkBytes)).toBe(true);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(file.size);
      expect(seen.at(-1)).toBe(file.size);
      expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    }
  });
});
