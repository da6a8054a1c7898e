import { describe, expect, it } from 'vitest'
import { bleu, comparableText, exactMatch, lcsLength, levenshtein, rougeL, sentenceBleu, tokenize } from './similarity'
import { configError, out, run } from './test-utils/subject'

const vs = (output: unknown, expected: unknown) => out(output as never, { expected: expected as never })

describe('comparableText and tokenize', () => {
  it('reads text, chat messages and JSON whatever its key order', () => {
    expect(comparableText([{ role: 'assistant', content: 'hi' }])).toBe('hi')
    expect(comparableText({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}')
    expect(comparableText({ content: 'x' })).toBe('x')
    expect(comparableText(null)).toBe('')
  })
  it('splits words, punctuation and CJK characters', () => {
    expect(tokenize('Hello, World!', false)).toEqual(['hello', ',', 'world', '!'])
    expect(tokenize('東京タワー', true)).toEqual(['東', '京', 'タ', 'ワ', 'ー'])
    expect(tokenize('  ', true)).toEqual([])
  })
})

describe('exact-match', () => {
  it('is case-sensitive and trimmed by default', () => {
    expect(run(exactMatch, vs('Paris ', 'Paris'))).toMatchObject({ value: true, dataType: 'boolean' })
    expect(run(exactMatch, vs('paris', 'Paris')).value).toBe(false)
    expect(run(exactMatch, vs('paris', 'Paris'), { caseSensitive: false }).value).toBe(true)
    expect(run(exactMatch, vs('Paris ', 'Paris'), { trim: false }).value).toBe(false)
  })
  it('compares JSON whatever its key order, and chat messages by content', () => {
    expect(run(exactMatch, vs({ a: 1, b: 2 }, { b: 2, a: 1 })).value).toBe(true)
    expect(run(exactMatch, vs([{ role: 'assistant', content: 'Yes' }], 'Yes')).value).toBe(true)
    expect(run(exactMatch, vs('Cafe\u0301', 'Café')).value).toBe(true)
  })
  it('declares that it needs an expected output', () => {
    expect(exactMatch.needsExpected).toBe(true)
  })
})

describe('levenshtein', () => {
  it('is 1 − distance / longer length', () => {
    expect(run(levenshtein, vs('kitten', 'sitting'))).toMatchObject({
      value: 0.5714,
      dataType: 'numeric',
      comment: '3 edits over 7 characters',
    })
    expect(run(levenshtein, vs('same', 'same')).value).toBe(1)
    expect(run(levenshtein, vs('abc', 'xyz')).value).toBe(0)
    expect(run(levenshtein, vs('', '')).value).toBe(1)
    expect(run(levenshtein, vs(null, 'abcd')).value).toBe(0)
  })
  it('counts an emoji as one character, and may ignore case', () => {
    expect(run(levenshtein, vs('ok 👍', 'ok 👎')).value).toBe(0.75)
    expect(run(levenshtein, vs('ABC', 'abc'), { caseSensitive: false }).value).toBe(1)
  })
  it('compares the start of huge texts', () => {
    const r = run(levenshtein, vs('a'.repeat(30_000), 'a'.repeat(25_000)))
    expect(r.value).toBe(1)
    expect(r.comment).toContain('(the first 20000 compared)')
  })
})

describe('bleu', () => {
  it('is 1 for identical text and 0 against nothing', () => {
    expect(sentenceBleu(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBe(1)
    expect(sentenceBleu([], ['a'])).toBe(0)
    expect(sentenceBleu([], [])).toBe(1)
  })
  it('smooths zero counts exponentially, as sacrebleu does for sentences', () => {
    // p1 3/4, p2 2/3, p3 1/2, p4 0/1 → 1/2
    expect(sentenceBleu(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'e'])).toBeCloseTo((0.75 * (2 / 3) * 0.5 * 0.5) ** 0.25, 10)
  })
  it('applies the brevity penalty and clips repeated n-grams', () => {
    expect(sentenceBleu(['a', 'b'], ['a', 'b', 'c', 'd'])).toBeCloseTo(Math.exp(1 - 2), 10)
    expect(sentenceBleu(['the', 'the', 'the'], ['the', 'cat'])).toBeLessThan(0.5)
  })
  it('scores the output against the expected output', () => {
    expect(run(bleu, vs('The cat sat on the mat.', 'the cat sat on the mat.'))).toMatchObject({ value: 1, dataType: 'numeric' })
    const partial = run(bleu, vs('The cat is on the mat.', 'The cat sat on the mat.')).value as number
    expect(partial).toBeGreaterThan(0.3)
    expect(partial).toBeLessThan(1)
    expect(run(bleu, vs('a b', 'a b'), { maxN: 1 }).value).toBe(1)
    expect(configError(bleu, { maxN: 5 })).toContain('maxN must be 1 to 4')
  })
})

describe('rouge-l', () => {
  it('is the LCS F-measure', () => {
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toBe(3)
    const r = run(rougeL, vs('the cat sat on mat', 'the cat is on the mat'))
    expect(r).toMatchObject({ value: 0.7273, dataType: 'numeric', comment: 'precision 0.8, recall 0.6667 (4 common tokens)' })
  })
  it('handles empty sides, unicode and case', () => {
    expect(run(rougeL, vs('', '')).value).toBe(1)
    expect(run(rougeL, vs('', 'x')).value).toBe(0)
    expect(run(rougeL, vs('東京は大きい', '東京は小さい')).value).toBeCloseTo(0.6667, 4)
    expect(run(rougeL, vs('HELLO world', 'hello world')).value).toBe(1)
    expect(run(rougeL, vs('HELLO world', 'hello world'), { caseSensitive: true }).value).toBe(0.5)
  })
  it('stays bounded on huge texts', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 97}`).join(' ')
    const t = performance.now()
    expect(run(rougeL, vs(words, words)).value).toBe(1)
    expect(performance.now() - t).toBeLessThan(3000)
  })
})
