import { describe, expect, it } from 'vitest'
import { countWords, estimateTokens, length, measure } from './length'
import { configError, out, run, subject } from './test-utils/subject'

describe('measure', () => {
  it('counts characters as code points', () => {
    expect(measure('héllo', 'chars')).toBe(5)
    expect(measure('👍🏽!', 'chars')).toBe(3)
    expect(measure('', 'chars')).toBe(0)
  })
  it('counts words by Unicode segmentation, punctuation aside', () => {
    expect(countWords('Hello, world! It’s fine.')).toBe(4)
    expect(countWords('   ')).toBe(0)
    expect(countWords('東京は日本の首都です')).toBeGreaterThanOrEqual(4)
  })
  it('estimates tokens near a BPE tokenizer', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBe(10)
    expect(estimateTokens('2026')).toBe(2)
    expect(estimateTokens('東京')).toBe(2)
    const prose = 'Sightline stores traces, scores and feedback, and shows them in panels you embed in your own tools. '.repeat(10)
    // cl100k gives 20 tokens for one line
    expect(estimateTokens(prose) / 10).toBeGreaterThan(16)
    expect(estimateTokens(prose) / 10).toBeLessThan(24)
  })
})

describe('length', () => {
  it('is true within min and max, inclusive, with the length in the comment', () => {
    expect(run(length, out('hello'), { min: 5, max: 5 })).toMatchObject({
      value: true,
      dataType: 'boolean',
      comment: '5 characters (min 5, max 5)',
    })
    expect(run(length, out('hello world'), { unit: 'words', max: 1 })).toMatchObject({ value: false, comment: '2 words (max 1)' })
    expect(run(length, out('a b c'), { unit: 'tokens', min: 2 }).comment).toBe('3 tokens (estimated) (min 2)')
  })
  it('measures empty and missing text as 0, chat messages by content, the input when told', () => {
    expect(run(length, out(null), { min: 1 }).value).toBe(false)
    expect(run(length, out(null), { max: 0 }).value).toBe(true)
    expect(run(length, out([{ role: 'assistant', content: 'one two three' }]), { unit: 'words', min: 3, max: 3 }).value).toBe(true)
    expect(run(length, subject({ input: 'abc', output: '' }), { field: 'input', min: 3 }).value).toBe(true)
  })
  it('handles huge text', () => {
    expect(run(length, out('word '.repeat(100_000)), { unit: 'words', max: 100_000 }).value).toBe(true)
  })
  it('refuses configs without a bound, with crossed bounds or bad values', () => {
    expect(configError(length, {})).toContain('set min, max or both')
    expect(configError(length, { min: 5, max: 2 })).toContain('max: min must not be greater than max')
    expect(configError(length, { max: -1 })).toContain('max must not be negative')
    expect(configError(length, { max: 1.5 })).toContain('max must be a whole number')
    expect(configError(length, { max: 3, unit: 'lines' })).toContain('unit must be "chars", "words" or "tokens"')
  })
})

describe('countWords on long unspaced text', () => {
  it('stays fast', () => {
    const t = performance.now()
    expect(countWords('東京は日本の首都です。'.repeat(20_000))).toBeGreaterThan(80_000)
    expect(performance.now() - t).toBeLessThan(3000)
  })
})
