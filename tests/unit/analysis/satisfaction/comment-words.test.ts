// Frequent comment words: Chinese segmented by Intl.Segmenter, English lowercased, stop words,
// punctuation and numbers dropped; a word counts once per comment.
import { describe, expect, it } from 'vitest';
import { commentWords, topWords } from '../../../../src/lib/analysis/satisfaction';

describe('comment words', () => {
  it('segments Chinese and drops stop words, punctuation and numbers', () => {
    const words = commentWords('送货很快，服务态度好！质量不错 123');
    expect(words).toContain('送货');
    expect(words).toContain('服务');
    expect(words).toContain('质量');
    expect(words).not.toContain('，');
    expect(words).not.toContain('123');
  });

  it('lowercases English and drops its stop words and single letters', () => {
    expect(commentWords('Great service, and the SERVICE was fast! A 5-star.')).toEqual([
      'great',
      'service',
      'fast',
      'star'
    ]);
  });

  it('drops the Chinese stop words', () => {
    const words = commentWords('我们的订单非常慢');
    expect(words).not.toContain('我们');
    expect(words).not.toContain('的');
    expect(words).not.toContain('非常');
    expect(words).toContain('订单');
  });

  it('counts comments, not repeats, most first', () => {
    const top = topWords([['服务', '很快'], ['服务', '质量'], ['质量']], 2);
    expect(top).toEqual([
      { word: '服务', comments: 2 },
      { word: '质量', comments: 2 }
    ]);
  });
});
