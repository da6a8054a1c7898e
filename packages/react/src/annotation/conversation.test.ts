import { describe, expect, it } from 'vitest'
import { conversationOf, isChatMessages } from './conversation'
import { ragTrace } from './test-utils/fixtures'

describe('conversationOf', () => {
  it('reads a RAG trace as question, answer, sources and model calls', () => {
    const detail = ragTrace(0)
    const c = conversationOf({ ...detail, spans: [...detail.spans].reverse() })
    expect(c.input).toBe('How do I rotate my API key?')
    expect(c.output).toMatch(/Rotate/)
    expect(c.sources.map((s) => s.name)).toEqual(['retrieve'])
    expect(c.calls.map((s) => [s.name, s.model])).toEqual([['answer', 'gpt-4o-mini']])
  })

  it('falls back to the root span when the trace has no input or output', () => {
    const detail = ragTrace(1)
    const c = conversationOf({ ...detail, trace: { ...detail.trace, input: null, output: null } })
    expect(c.input).toBe(detail.spans[0]!.input)
    expect(c.output).toBe(detail.spans[0]!.output)
  })

  it('knows chat messages', () => {
    expect(isChatMessages([{ role: 'user', content: 'hi' }])).toBe(true)
    expect(isChatMessages({ messages: [{ role: 'user', content: 'hi' }] })).toBe(true)
    expect(isChatMessages([{ content: 'hi' }])).toBe(false)
    expect(isChatMessages('hi')).toBe(false)
  })
})
