import { describe, expect, it } from 'vitest'
import { wordDiff } from './word-diff'

const side = (parts: ReturnType<typeof wordDiff>, drop: 'added' | 'removed') =>
  parts
    .filter((p) => p.type !== drop)
    .map((p) => p.text)
    .join('')

describe('wordDiff', () => {
  it('marks the words only one side has', () => {
    expect(wordDiff('the cat sat on the mat', 'the dog sat on the mat')).toEqual([
      { type: 'same', text: 'the ' },
      { type: 'removed', text: 'cat ' },
      { type: 'added', text: 'dog ' },
      { type: 'same', text: 'sat on the mat' },
    ])
  })

  it('finds words moved apart by insertions, and gives both texts back', () => {
    const before = 'Paris is the capital of France.'
    const after = 'Paris, the city of light, is the capital of France.'
    const parts = wordDiff(before, after)
    expect(side(parts, 'added')).toBe(before)
    expect(side(parts, 'removed')).toBe(after)
    expect(parts.filter((p) => p.type === 'same').map((p) => p.text)).toContain('is the capital of France.')
  })

  it('handles empty and equal sides', () => {
    expect(wordDiff('', '')).toEqual([])
    expect(wordDiff('same text', 'same text')).toEqual([{ type: 'same', text: 'same text' }])
    expect(wordDiff('', 'new words')).toEqual([{ type: 'added', text: 'new words' }])
    expect(wordDiff('old', '')).toEqual([{ type: 'removed', text: 'old' }])
  })

  it('falls back to one change when the texts are too long to compare word by word', () => {
    const a = Array.from({ length: 2100 }, (_, i) => `a${i}`).join(' ')
    const b = Array.from({ length: 2100 }, (_, i) => `b${i}`).join(' ')
    const parts = wordDiff(`start ${a} end`, `start ${b} end`)
    expect(parts.map((p) => p.type)).toEqual(['same', 'removed', 'added', 'same'])
  })
})
