import { describe, expect, it } from 'vitest'
import { contains, equals, isSafePattern, notContains, regex, startsWith } from './text-match'
import { configError, out, run, subject } from './test-utils/subject'

const chat = [
  { role: 'system', content: 'Be brief.' },
  { role: 'assistant', content: 'Paris is the capital of France.' },
]

describe('contains', () => {
  it('finds the value, ignoring case by default', () => {
    expect(run(contains, out('Paris is lovely'), { value: 'paris' })).toMatchObject({
      value: true,
      dataType: 'boolean',
      comment: 'found "paris" at 0',
    })
    expect(run(contains, out('Paris is lovely'), { value: 'paris', caseSensitive: true }).value).toBe(false)
  })
  it('reads chat messages, the input when told, and empty payloads', () => {
    expect(run(contains, out(chat), { value: 'capital' }).value).toBe(true)
    expect(run(contains, subject({ input: 'question about Rome', output: 'x' }), { value: 'rome', field: 'input' }).value).toBe(true)
    expect(run(contains, out(null), { value: 'a' })).toMatchObject({ value: false, comment: '"a" not found' })
    expect(run(contains, out(''), { value: 'a' }).value).toBe(false)
  })
  it('compares Unicode text in one normal form and folds non-ASCII case', () => {
    expect(run(contains, out('Cafe\u0301 crème'), { value: 'CAFÉ' }).value).toBe(true)
    expect(run(contains, out('ΑΘΗΝΑ'), { value: 'αθηνα' }).value).toBe(true)
    expect(run(contains, out('日本語のテキスト'), { value: 'テキスト' }).value).toBe(true)
  })
  it('refuses an empty or missing value', () => {
    expect(configError(contains, { value: '' })).toContain('value must not be empty')
    expect(configError(contains, {})).toContain('value must be a string')
    expect(configError(contains, { value: 'a', field: 'metadata' })).toContain('field must be "output" or "input"')
  })
})

describe('not-contains', () => {
  it('is true (passes) when the value is absent, false when found', () => {
    expect(run(notContains, out('All good here'), { value: 'error' })).toMatchObject({ value: true, comment: '"error" is absent' })
    expect(run(notContains, out('An ERROR occurred'), { value: 'error' })).toMatchObject({ value: false, comment: 'found "error" at 3' })
    expect(run(notContains, out(null), { value: 'x' }).value).toBe(true)
  })
})

describe('starts-with', () => {
  it('ignores leading whitespace and case by default', () => {
    expect(run(startsWith, out('  Sure, here it is'), { value: 'sure' }).value).toBe(true)
    expect(run(startsWith, out('  Sure'), { value: 'Sure', trim: false }).value).toBe(false)
    expect(run(startsWith, out('No.'), { value: 'Sure' })).toMatchObject({ value: false, comment: 'starts with "No."' })
    expect(run(startsWith, out(chat), { value: 'be brief' }).value).toBe(true)
  })
})

describe('equals', () => {
  it('is case-sensitive and trimmed by default', () => {
    expect(run(equals, out(' yes\n'), { value: 'yes' }).value).toBe(true)
    expect(run(equals, out('Yes'), { value: 'yes' })).toMatchObject({ value: false, comment: 'differs: 3 characters against 3 expected' })
    expect(run(equals, out('Yes'), { value: 'yes', caseSensitive: false }).value).toBe(true)
    expect(run(equals, out(' yes'), { value: 'yes', trim: false }).value).toBe(false)
  })
  it('may expect the empty text', () => {
    expect(run(equals, out('  '), { value: '' }).value).toBe(true)
    expect(run(equals, out(null), { value: '' }).value).toBe(true)
  })
})

describe('regex', () => {
  it('matches anywhere, with flags', () => {
    expect(run(regex, out('Order #12345 shipped'), { pattern: '#\\d{5}\\b' })).toMatchObject({
      value: true,
      comment: 'matched "#12345" at 6',
    })
    expect(run(regex, out('HELLO'), { pattern: '^hello$' }).value).toBe(false)
    expect(run(regex, out('HELLO'), { pattern: '^hello$', flags: 'i' }).value).toBe(true)
    expect(run(regex, out('naïve café'), { pattern: '\\p{L}+é', flags: 'u' }).value).toBe(true)
    expect(run(regex, out(null), { pattern: '^$' }).value).toBe(true)
  })
  it('examines only the first maxChars characters', () => {
    const text = `${'a'.repeat(50)}needle`
    expect(run(regex, out(text), { pattern: 'needle', maxChars: 20 })).toMatchObject({
      value: false,
      comment: 'no match in the first 20 of 56 characters',
    })
    expect(run(regex, out(text), { pattern: 'needle' }).value).toBe(true)
  })
  it('refuses invalid patterns, stateful flags and catastrophic backtracking', () => {
    expect(configError(regex, { pattern: '(' })).toMatch(/^pattern: pattern is not a valid regular expression: /)
    expect(configError(regex, { pattern: 'a', flags: 'g' })).toContain('flags may only hold i, m, s and u')
    expect(configError(regex, { pattern: 'a', flags: 'ii' })).toContain('flags must not repeat a flag')
    expect(configError(regex, { pattern: '(a+)+$' })).toContain('pattern may backtrack catastrophically')
    expect(configError(regex, { pattern: '(\\w+\\s?)+$' })).toContain('backtrack catastrophically')
    expect(configError(regex, { pattern: '' })).toContain('pattern must not be empty')
  })
  it('accepts ordinary patterns, lookbehinds and named groups', () => {
    for (const p of ['foo.*bar', '^[\\w.+-]+@[\\w-]+\\.[a-z]{2,}$', '(?<=\\$)\\d+', '(?<!no )thanks', '(?<n>a)\\k<n>', '(foo|bar)+'])
      expect(isSafePattern(p), p).toBe(true)
    expect(isSafePattern('(?<=(a+)+)b')).toBe(false)
  })
})
