import { describe, expect, it } from 'vitest'
import { jsonSchema, jsonValid } from './json'
import { configError, out, run, subject } from './test-utils/subject'

describe('json-valid', () => {
  it('parses strings holding JSON, trimmed', () => {
    expect(run(jsonValid, out(' {"a": [1, 2]}\n'))).toMatchObject({ value: true, dataType: 'boolean', comment: 'valid JSON: an object' })
    expect(run(jsonValid, out('42')).comment).toBe('valid JSON: a number')
    expect(run(jsonValid, out('"ünï"')).value).toBe(true)
  })
  it('counts structured payloads as JSON, and reads chat messages by their content', () => {
    expect(run(jsonValid, out({ answer: 'x' })).value).toBe(true)
    expect(run(jsonValid, out([1, 2])).value).toBe(true)
    expect(run(jsonValid, out([{ role: 'assistant', content: '{"ok":true}' }])).value).toBe(true)
    expect(run(jsonValid, out([{ role: 'assistant', content: 'Sure! {"ok":true}' }])).value).toBe(false)
  })
  it('is false for empty, missing and broken text', () => {
    expect(run(jsonValid, out(null))).toMatchObject({ value: false, comment: 'there is no payload' })
    expect(run(jsonValid, out('  '))).toMatchObject({ value: false, comment: 'the text is empty' })
    expect(run(jsonValid, out('{"a":')).comment).toMatch(/^not valid JSON: /)
    expect(run(jsonValid, out("{'a': 1}")).value).toBe(false)
  })
  it('accepts a Markdown code fence only when allowed', () => {
    const fenced = '```json\n{"a": 1}\n```'
    expect(run(jsonValid, out(fenced)).value).toBe(false)
    expect(run(jsonValid, out(fenced), { allowCodeFence: true }).value).toBe(true)
  })
  it('reads the input when told', () => {
    expect(run(jsonValid, subject({ input: '{}', output: 'no' }), { field: 'input' }).value).toBe(true)
  })
})

describe('json-schema', () => {
  const schema = {
    type: 'object',
    required: ['answer', 'confidence'],
    properties: {
      answer: { type: 'string' },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
      email: { type: 'string', format: 'email' },
    },
    additionalProperties: false,
  }
  it('is true when the JSON fits', () => {
    expect(run(jsonSchema, out('{"answer":"Paris","confidence":0.9}'), { schema })).toMatchObject({
      value: true,
      comment: 'fits the schema',
    })
    expect(run(jsonSchema, out({ answer: 'Paris', confidence: 1 }), { schema }).value).toBe(true)
  })
  it('lists the first errors without echoing values', () => {
    const r = run(jsonSchema, out({ answer: 'secret-value', confidence: 7, extra: 1, email: 'nope' }), { schema })
    expect(r.value).toBe(false)
    expect(r.comment).toContain('/confidence must be <= 1')
    expect(r.comment).toContain('must NOT have additional properties (extra)')
    expect(r.comment).not.toContain('secret-value')
    const many = run(jsonSchema, out({}), { schema: { type: 'object', required: ['a', 'b', 'c', 'd', 'e'] } })
    expect(many.comment).toMatch(/; and 2 more$/)
  })
  it('is false when the text is not JSON', () => {
    expect(run(jsonSchema, out('Paris'), { schema }).comment).toMatch(/^not valid JSON/)
    expect(run(jsonSchema, out(null), { schema }).value).toBe(false)
  })
  it('reads 2020-12 schemas as draft-07', () => {
    const s = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', items: { type: 'integer' } }
    expect(run(jsonSchema, out('[1,2]'), { schema: s }).value).toBe(true)
    expect(run(jsonSchema, out('[1,"x"]'), { schema: s }).value).toBe(false)
  })
  it('refuses a missing or invalid schema at config time', () => {
    expect(configError(jsonSchema, {})).toContain('schema is required')
    expect(configError(jsonSchema, { schema: [1] })).toContain('schema must be a JSON Schema object')
    expect(configError(jsonSchema, { schema: { type: 'strng' } })).toMatch(/schema: schema is not a valid JSON Schema: .*type/)
    expect(configError(jsonSchema, { schema: { $ref: 'https://example.com/s.json' } })).toContain('schema is not a valid JSON Schema')
  })
})
