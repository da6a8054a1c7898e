import { describe, expect, it } from 'vitest'
import { findProfanity, profanity } from './profanity'
import { configError, out, run } from './test-utils/subject'

describe('profanity', () => {
  it('finds profanity, obfuscated too, and masks it in the comment', () => {
    const r = run(profanity, out('What the fuck is this sh1t'))
    expect(r).toMatchObject({ value: true, dataType: 'boolean', comment: 'found: f*** ×1, s*** ×1' })
  })
  it('leaves clean words that contain profane letters alone', () => {
    expect(run(profanity, out('Scunthorpe, an assessment of the class assignment in Essex.'))).toMatchObject({
      value: false,
      comment: 'no profanity found',
    })
    expect(run(profanity, out('')).value).toBe(false)
    expect(run(profanity, out('日本語のテキスト')).value).toBe(false)
  })
  it('reads chat messages', () => {
    expect(run(profanity, out([{ role: 'assistant', content: 'Oh shit.' }])).value).toBe(true)
  })
  it('counts a word once per place, and skips allowed words', () => {
    expect(findProfanity('shit shit')).toEqual(new Map([['shit', 2]]))
    expect(run(profanity, out('shit'), { allow: ['SHIT'] }).value).toBe(false)
    expect(configError(profanity, { allow: 'shit' })).toContain('allow must be a list of words')
  })
})
