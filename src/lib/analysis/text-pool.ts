// Many short texts (an order book's order ids) kept as their UTF-16 code units one after another
// in one typed array instead of a string each: adding one allocates nothing, the collector has no
// strings to move, and the whole pool posts to another worker as two arrays. `FirstOfText` finds
// the first number of a text: by bisection among the texts that came in rising or falling order
// (an ERP's order numbers mostly do), by hash among the others.
import { grown, hashId } from './string-map';

const NONE = -1;

/** A pool's contents, as plain arrays (see {@link TextPool.parts}). */
export interface TextPoolParts {
  /** The texts' code units, one text after another. */
  chars: Uint16Array<ArrayBuffer>;
  /** Where each text ends in `chars` (it starts where the one before it ends). */
  ends: Int32Array<ArrayBuffer>;
}

/** Texts numbered 0, 1, … in the order added. */
export class TextPool {
  #chars: Uint16Array<ArrayBuffer>;
  #ends: Int32Array<ArrayBuffer>;
  #count: number;

  constructor(parts?: TextPoolParts) {
    this.#chars = parts?.chars ?? new Uint16Array(4096);
    this.#ends = parts?.ends ?? new Int32Array(256);
    this.#count = parts?.ends.length ?? 0;
  }

  /** Texts held. */
  get size(): number {
    return this.#count;
  }

  #start(i: number): number {
    return i === 0 ? 0 : this.#ends[i - 1];
  }

  /** Room for `texts` texts in all (and their code units, at `unitsEach` a text). */
  reserve(texts: number, unitsEach = 16) {
    if (texts > this.#ends.length) this.#ends = grown(this.#ends, texts);
    if (texts * unitsEach > this.#chars.length) this.#chars = grown(this.#chars, texts * unitsEach);
  }

  /** Adds `text` (its code units copied); its number is returned. */
  push(text: string): number {
    const i = this.#count++;
    const from = this.#start(i);
    const to = from + text.length;
    if (to > this.#chars.length) this.#chars = grown(this.#chars, to);
    const chars = this.#chars;
    for (let k = 0; k < text.length; k++) chars[from + k] = text.charCodeAt(k);
    if (i === this.#ends.length) this.#ends = grown(this.#ends, i + 1);
    this.#ends[i] = to;
    return i;
  }

  /** Text `i` against text `j` of `other` in code unit order: negative, 0 or positive. */
  compareWith(i: number, other: TextPool, j: number): number {
    const from = this.#start(i);
    const length = this.#ends[i] - from;
    const from2 = other.#start(j);
    const length2 = other.#ends[j] - from2;
    for (let k = 0; k < length && k < length2; k++) {
      const d = this.#chars[from + k] - other.#chars[from2 + k];
      if (d !== 0) return d;
    }
    return length - length2;
  }

  /** True when text `i` is `text`. */
  equals(i: number, text: string): boolean {
    const from = this.#start(i);
    if (this.#ends[i] - from !== text.length) return false;
    const chars = this.#chars;
    for (let k = 0; k < text.length; k++) if (chars[from + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Text `i` against `text` in code unit order (JavaScript's `<`): negative, 0 or positive. */
  compare(i: number, text: string): number {
    const from = this.#start(i);
    const length = this.#ends[i] - from;
    const chars = this.#chars;
    for (let k = 0; k < length && k < text.length; k++) {
      const d = chars[from + k] - text.charCodeAt(k);
      if (d !== 0) return d;
    }
    return length - text.length;
  }

  /** Text `i` as a string. */
  text(i: number): string {
    const from = this.#start(i);
    const to = this.#ends[i];
    // Short texts (ids) in one call; long ones in pieces (a call takes only so many arguments).
    let s = '';
    for (let k = from; k < to; k += 4096)
      s += String.fromCharCode(...this.#chars.subarray(k, Math.min(to, k + 4096)));
    return s;
  }

  /** The pool as two arrays of exactly its length (copies: the pool may go on growing). */
  parts(): TextPoolParts {
    return {
      chars: this.#chars.slice(0, this.#start(this.#count)),
      ends: this.#ends.slice(0, this.#count)
    };
  }
}

/**
 * Text → number of a text in a {@link TextPool}: an open-addressing table over the texts'
 * `hashId` hashes, two numbers per slot (number + 1, hash) so that a probe reads one place in
 * memory and the pool only where a hash matches. Not every text of the pool need be in it.
 */
class PoolIndex {
  #slots = new Int32Array(32);
  #shift = 28;
  #size = 0;

  constructor(private readonly pool: TextPool) {}

  /** Texts added. */
  get size(): number {
    return this.#size;
  }

  #slot(h: number): number {
    return (Math.imul(h, 0x9e3779b1) >>> this.#shift) << 1;
  }

  /** The number of the pool's text `text` (of hash `h`) if it was added here, else -1. */
  get(text: string, h: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = this.#slot(h); ; i = (i + 2) & mask) {
      const e = slots[i] - 1;
      if (e === NONE) return NONE;
      if (slots[i + 1] === h && this.pool.equals(e, text)) return e;
    }
  }

  /** Adds the pool's text `e` (of hash `h`; no text equal to it added yet). */
  add(e: number, h: number) {
    // At most half the slots are taken.
    if (++this.#size * 4 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    this.#place(e, h);
  }

  #place(e: number, h: number) {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let i = this.#slot(h);
    while (slots[i] !== 0) i = (i + 2) & mask;
    slots[i] = e + 1;
    slots[i + 1] = h;
  }

  #rehash(length: number) {
    const old = this.#slots;
    this.#slots = new Int32Array(length);
    this.#shift = 32 - Math.log2(length / 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.#place(old[i] - 1, old[i + 1]);
  }
}

/** Numbers of a pool's texts in the order of their texts (`direction` 1: rising, -1: falling). */
class Run {
  #items = new Int32Array(1024);
  #length = 0;

  constructor(
    private readonly pool: TextPool,
    private readonly direction: 1 | -1
  ) {}

  /** Room for `n` texts. */
  reserve(n: number) {
    if (n > this.#items.length) this.#items = grown(this.#items, n);
  }

  /** Adds text `e`, beyond every text in the run in its direction. */
  push(e: number) {
    if (this.#length === this.#items.length) this.#items = grown(this.#items, this.#length + 1);
    this.#items[this.#length++] = e;
  }

  /** The number of `text` in the run, or -1 (a binary search). */
  find(text: string): number {
    let lo = 0;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.pool.compare(this.#items[mid], text) * this.direction;
      if (d === 0) return this.#items[mid];
      if (d < 0) lo = mid + 1;
      else hi = mid;
    }
    return NONE;
  }
}

/**
 * The first number of each text of a pool (numbers count from 0 in the order texts are added; a
 * text may be added again, and some are never looked up: `add`'s `indexed`). A text greater than
 * every indexed one joins the rising run, one smaller than every indexed one the falling run (an
 * export newest first); both are searched by bisection and joined without a lookup. The others go
 * to a {@link PoolIndex}. An import's order ids mostly rise or fall (order numbers, with the odd
 * return or correction among them), so most new ids are told new by one or two comparisons.
 */
export class FirstOfText {
  readonly pool = new TextPool();
  #rising = new Run(this.pool, 1);
  #falling = new Run(this.pool, -1);
  #others = new PoolIndex(this.pool);
  /** The greatest and smallest indexed texts (-1: none is indexed yet). */
  #top = NONE;
  #bottom = NONE;

  /** Room for `n` texts in all (most join the rising run: ids mostly rise). */
  reserve(n: number) {
    this.pool.reserve(n);
    this.#rising.reserve(n);
  }

  /** The first number of `text`, or -1 when no indexed text is `text`. */
  first(text: string): number {
    if (this.#top === NONE) return NONE;
    const top = this.pool.compare(this.#top, text);
    if (top <= 0) return top === 0 ? this.#top : NONE;
    const bottom = this.pool.compare(this.#bottom, text);
    if (bottom >= 0) return bottom === 0 ? this.#bottom : NONE;
    const found = this.#rising.find(text);
    if (found !== NONE) return found;
    const fell = this.#falling.find(text);
    if (fell !== NONE) return fell;
    return this.#others.size === 0 ? NONE : this.#others.get(text, hashId(text));
  }

  /** True when text `j` of `pool` lies above or below every indexed text (none can be it). */
  isBeyond(pool: TextPool, j: number): boolean {
    return (
      this.#top === NONE ||
      this.pool.compareWith(this.#top, pool, j) < 0 ||
      this.pool.compareWith(this.#bottom, pool, j) > 0
    );
  }

  /**
   * Adds `text` as the next number, which it returns; `indexed`: `first` may find it (the caller
   * has found no indexed text equal to it).
   */
  add(text: string, indexed: boolean): number {
    const e = this.pool.push(text);
    if (!indexed) return e;
    if (this.#top === NONE) {
      this.#rising.push(e);
      this.#top = this.#bottom = e;
    } else if (this.pool.compare(this.#top, text) < 0) {
      this.#rising.push(e);
      this.#top = e;
    } else if (this.pool.compare(this.#bottom, text) > 0) {
      this.#falling.push(e);
      this.#bottom = e;
    } else this.#others.add(e, hashId(text));
    return e;
  }
}
