import { describe, expect, it } from 'vitest'
import { emptyOutput } from './empty-output'
import { out, run, subject } from './test-utils/subject'

describe('empty-output', () => {
  it('is true for missing, empty and whitespace output', () => {
    expect(run(emptyOutput, out(null))).toMatchObject({ value: true, dataType: 'boolean', comment: 'no payload' })
    expect(run(emptyOutput, out('')).comment).toBe('empty text')
    expect(run(emptyOutput, out(' \n\t\u00a0')).comment).toBe('only whitespace')
  })
  it('is true for empty JSON, as a value or as text', () => {
    for (const v of [{}, [], '{}', '[ ]', 'null', '""']) expect(run(emptyOutput, out(v)).value, JSON.stringify(v)).toBe(true)
  })
  it('is true for chat messages without content or tool calls', () => {
    expect(run(emptyOutput, out([{ role: 'assistant', content: '  ' }]))).toMatchObject({
      value: true,
      comment: 'messages without content',
    })
    expect(
      run(emptyOutput, out([{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }])).value,
    ).toBe(false)
  })
  it('is false for any content, including 0, false and non-Latin text', () => {
    for (const v of ['ok', '0', 0, false, { a: null }, ['x'], 'ありがとう', [{ role: 'assistant', content: 'hi' }]])
      expect(run(emptyOutput, out(v)).value, JSON.stringify(v)).toBe(false)
  })
  it('reads the input when told', () => {
    expect(run(emptyOutput, subject({ input: '', output: 'x' }), { field: 'input' }).value).toBe(true)
  })
})
