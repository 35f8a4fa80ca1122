// The most frequent words of survey comments: Chinese segmented by `Intl.Segmenter` (word
// granularity), English lowercased, stop words of both languages, punctuation and numbers dropped.

/** Words too common to say anything (both languages). */
const STOP_WORDS = new Set(
  (
    '的 了 是 在 我 你 他 她 它 们 我们 你们 他们 这 那 这个 那个 就 都 也 还 和 与 及 或 有 没有 没 不 很 ' +
    '非常 比较 太 挺 更 最 又 再 吧 吗 呢 啊 呀 哦 嗯 着 过 被 把 给 对 从 到 为 以 而 但 但是 如果 因为 所以 ' +
    '一个 一些 一下 一直 一般 什么 怎么 可以 能 会 要 想 让 得 地 之 其 等 上 下 中 里 个 次 已经 还是 就是 ' +
    'the a an and or but if of to in on at for with by from as is are was were be been being it its ' +
    'this that these those i me my we our you your he she they them their very so too not no can could ' +
    'would should will just than then there here what which who when where how all any some more most ' +
    'do does did have has had am also only about into over after before again'
  ).split(/\s+/)
);

/** Has a letter of some script (numbers and punctuation alone are no word). */
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;

let segmenter: Intl.Segmenter | null = null;

/**
 * The distinct words of one comment, in order of first appearance: word-like segments,
 * lowercased, without stop words, numbers, single Latin letters or anything with a digit.
 */
export function commentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const seen = new Set<string>();
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const w = s.segment.toLowerCase();
    if (!HAS_LETTER.test(w) || HAS_DIGIT.test(w)) continue;
    if (/^[a-z]$/.test(w) || STOP_WORDS.has(w)) continue;
    seen.add(w);
  }
  return [...seen];
}

/** A word and the number of comments it appears in. */
export interface WordCount {
  word: string;
  comments: number;
}

/**
 * The `top` words appearing in the most comments (a word counts once per comment), ties by the
 * word; `words` is each comment's `commentWords`.
 */
export function topWords(words: readonly (readonly string[])[], top = 30): WordCount[] {
  const counts = new Map<string, number>();
  for (const list of words) for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .map(([word, comments]) => ({ word, comments }))
    .sort((a, b) => b.comments - a.comments || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, top);
}
