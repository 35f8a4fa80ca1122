// Streams a File's bytes (gunzipping .gz natively) and decodes them to text chunks, counting bytes.

/** Chunk size handed to the parser; large enough for throughput, small enough for progress. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Chunk size of the reads behind the report (the orders table's fill, the raw sheet's copy): the
 * worker answers the page's requests between chunks, and text with quotes goes to the parser a
 * whole chunk at once. With 4 MB chunks a request waited up to ≈ 0.6 s (Online Retail: ≈ 46,000
 * rows a chunk); at 1 MB a step is ≈ 0.1 s.
 */
export const BACKGROUND_CHUNK_BYTES = 1024 * 1024;

/** A source of raw bytes: a `File`/`Blob` in the browser, or any Blob in Node tests. */
export type ByteSource = Blob;

/**
 * Yields the (decompressed) bytes of `source` in chunks of about `chunkBytes`.
 * `onRawBytes` receives the count of *file* bytes consumed so far (compressed bytes for gzip),
 * which is what a progress bar over the file size needs.
 */
export async function* readBytes(
  source: ByteSource,
  gzip: boolean,
  onRawBytes?: (bytesRead: number) => void,
  chunkBytes = CHUNK_BYTES
): AsyncGenerator<Uint8Array> {
  // Coalesce the small pieces streams deliver into parser-sized chunks.
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const value of readPieces(source, gzip, onRawBytes)) {
    parts.push(value);
    size += value.byteLength;
    if (size < chunkBytes) continue;
    // A piece larger than a chunk (a Blob in Node streams as one) is cut: every step is small.
    const bytes = concat(parts, size);
    let at = 0;
    for (; bytes.length - at >= chunkBytes; at += chunkBytes)
      yield bytes.subarray(at, at + chunkBytes);
    parts = at < bytes.length ? [bytes.subarray(at)] : [];
    size = bytes.length - at;
  }
  if (size > 0) yield concat(parts, size);
}

/**
 * The (decompressed) bytes of `source` in the pieces its stream delivers, of any size; counted as
 * {@link readBytes} counts them.
 */
export async function* readPieces(
  source: ByteSource,
  gzip: boolean,
  onRawBytes?: (bytesRead: number) => void
): AsyncGenerator<Uint8Array> {
  let raw = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      raw += chunk.byteLength;
      onRawBytes?.(raw);
      controller.enqueue(chunk);
    }
  });
  let stream = source.stream().pipeThrough(counter);
  if (gzip) {
    stream = stream.pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
    );
  }
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads at most `limit` decompressed bytes from the start of `source`. */
export async function readHead(source: ByteSource, gzip: boolean, limit: number) {
  if (!gzip) {
    const bytes = new Uint8Array(await source.slice(0, limit).arrayBuffer());
    return { bytes, isWholeFile: source.size <= limit };
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  let isWholeFile = true;
  const reader = source
    .stream()
    .pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
    )
    .getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    if (size >= limit) {
      isWholeFile = false;
      await reader.cancel();
      break;
    }
  }
  const bytes = concat(parts, size);
  return { bytes: bytes.subarray(0, Math.min(limit, size)), isWholeFile };
}

/** Joins byte chunks into one array. */
export function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Removes U+0000 (stray NUL bytes of text exports); one indexOf per chunk when there is none. */
export function dropNuls(text: string): string {
  return text.indexOf('\0') < 0 ? text : text.replaceAll('\0', '');
}

/**
 * Decodes a byte stream to text chunks. `TextDecoder` in streaming mode carries an incomplete
 * multi-byte sequence over to the next chunk, so characters split at a chunk boundary survive
 * (papaparse's own File slicing does not guarantee that).
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  decoder: TextDecoder,
  skipBytes: number
): AsyncGenerator<string> {
  let skip = skipBytes;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (skip > 0) {
      const n = Math.min(skip, bytes.byteLength);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    const text = dropNuls(decoder.decode(bytes, { stream: true }));
    if (text) yield text;
  }
  const tail = dropNuls(decoder.decode());
  if (tail) yield tail;
}
