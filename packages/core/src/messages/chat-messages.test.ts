import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../schemas/common'
import { maybeParseJson, normalizeChatMessage, normalizeChatMessages, readChatMessages } from './chat-messages'

describe('maybeParseJson', () => {
  it('parses strings holding JSON objects or lists and keeps everything else', () => {
    expect(maybeParseJson(' {"a":1} ')).toEqual({ a: 1 })
    expect(maybeParseJson('[1,2]')).toEqual([1, 2])
    expect(maybeParseJson('{not json')).toBe('{not json')
    expect(maybeParseJson('42')).toBe('42')
    expect(maybeParseJson(42)).toBe(42)
    expect(maybeParseJson(undefined)).toBeUndefined()
    expect(maybeParseJson('{"a":1}', 3)).toBe('{"a":1}')
  })
})

// One reading of every known shape: what ingest stores and what the viewer shows come from the same code.
describe('chat message shapes', () => {
  it('reads OpenAI messages with tool calls and tool results', () => {
    const openai: JsonValue[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Where is order 4821?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"id":4821}' } }],
      },
      { role: 'tool', content: '{"status":"shipped"}', tool_call_id: 'call_1' },
    ]
    const stored = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is order 4821?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { id: 4821 } }] },
      { role: 'tool', content: '{"status":"shipped"}' },
    ]
    expect(normalizeChatMessages(openai)).toEqual(stored)
    expect(normalizeChatMessages(JSON.stringify({ messages: openai }))).toEqual(stored)
    expect(readChatMessages(openai)).toEqual([
      { ...stored[0], parts: [] },
      { ...stored[1], parts: [] },
      { ...stored[2], parts: [] },
      { ...stored[3], parts: [], toolCallId: 'call_1' },
    ])
  })

  it('reads OTel gen_ai parts and AI SDK content parts, tool results as tool messages', () => {
    const genAi: JsonValue[] = [
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'user', parts: [{ type: 'tool_call_response', id: 'c1', response: 'rainy' }] },
    ]
    expect(normalizeChatMessages(genAi)).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', content: 'rainy' },
    ])
    const aiSdk: JsonValue[] = [
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'search', input: '{"q":1}' }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'search', output: { type: 'json', value: { hits: 2 } } }],
      },
    ]
    expect(normalizeChatMessages(aiSdk)).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'search', arguments: { q: 1 } }] },
      { role: 'tool', content: '{"hits":2}' },
    ])
    expect(readChatMessages(aiSdk)![1]).toEqual({ role: 'tool', content: '{"hits":2}', parts: [], toolCallId: 't1' })
  })

  it('reads OpenInference messages nested under `message`, from rebuilt flattened keys', () => {
    const rebuilt: JsonValue[] = [
      { message: { role: 'user', contents: { 0: { message_content: { type: 'text', text: 'q' } } } } },
      { message: { role: 'assistant', tool_calls: { 0: { tool_call: { id: 'x', function: { name: 'f', arguments: '{"a":1}' } } } } } },
    ]
    const stored = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'f', arguments: { a: 1 } }] },
    ]
    expect(normalizeChatMessages(rebuilt)).toEqual(stored)
    expect(readChatMessages(rebuilt)).toEqual(stored.map((m) => ({ ...m, parts: [] })))
  })

  it('folds parts that are not text into the stored content, and keeps them apart for display', () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }
    const message = { role: 'user', content: [{ type: 'text', text: 'What is this?' }, image, ''] }
    expect(normalizeChatMessage(message)).toEqual({ role: 'user', content: `What is this?\n${JSON.stringify(image)}` })
    expect(readChatMessages(message)).toEqual([{ role: 'user', content: 'What is this?', parts: [image] }])
    expect(readChatMessages({ role: 'user', content: { kind: 'form', fields: 2 } })).toEqual([
      { role: 'user', content: '', parts: [{ kind: 'form', fields: 2 }] },
    ])
  })
})

describe('normalizeChatMessages', () => {
  it('takes lists and `{ messages }` only; items that are not messages become user messages', () => {
    expect(normalizeChatMessages({ question: 'x' })).toBeUndefined()
    expect(normalizeChatMessages('plain text')).toBeUndefined()
    expect(normalizeChatMessages([])).toEqual([])
    expect(normalizeChatMessages(['hi', { content: 'no role' }, 3])).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'user', content: 'no role' },
      { role: 'user', content: '3' },
    ])
  })
})

describe('readChatMessages', () => {
  it('takes a list, `{ messages }` or one message, and nothing that is not all messages', () => {
    expect(readChatMessages({ role: 'assistant', content: 'Hi' })).toEqual([{ role: 'assistant', content: 'Hi', parts: [] }])
    expect(readChatMessages({ messages: [{ role: 'user', content: 'a' }] })).toEqual([{ role: 'user', content: 'a', parts: [] }])
    expect(readChatMessages([{ role: 'user', content: 'a' }, { content: 'no role' }])).toBeNull()
    expect(readChatMessages(['hi'])).toBeNull()
    expect(readChatMessages([])).toBeNull()
    expect(readChatMessages({ question: 'x' })).toBeNull()
    expect(readChatMessages('text')).toBeNull()
    expect(readChatMessages(null)).toBeNull()
  })
})
