import { describe, expect, it } from 'vitest'
import { EvalSkip } from '../types'
import { declaredTools, toolCallValid, toolCallsOf, toolError } from './tools'
import { configError, out, run, span, subject } from './test-utils/subject'

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
      additionalProperties: false,
    },
  },
}

const call = (name: string, args: unknown) => ({
  id: `c-${name}`,
  type: 'function',
  function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
})
const generation = (calls: unknown[], over: Parameters<typeof span>[0] = {}) =>
  span({ id: 'g1', type: 'generation', output: [{ role: 'assistant', content: '', tool_calls: calls }] as never, ...over })

describe('tool-error', () => {
  const tool = (name: string, status: 'ok' | 'error', id = name) => span({ id, type: 'tool', name, status })
  it('is true when a tool span failed, naming the tools', () => {
    const s = subject({ spans: [tool('search', 'error', 'a'), tool('search', 'error', 'b'), tool('fetch', 'ok'), tool('calc', 'error')] })
    expect(run(toolError, s)).toMatchObject({ value: true, dataType: 'boolean', comment: '3 of 4 tool calls failed: search ×2, calc' })
  })
  it('is false when every tool call succeeded', () => {
    expect(run(toolError, subject({ spans: [tool('search', 'ok'), span({ id: 'x', status: 'error' })] }))).toMatchObject({
      value: false,
      comment: '1 tool call, none failed',
    })
  })
  it('reads the OTel tool name, and may watch only some tools', () => {
    const s = subject({
      spans: [span({ type: 'tool', name: 'execute_tool', status: 'error', attributes: { 'gen_ai.tool.name': 'lookup' } })],
    })
    expect(run(toolError, s).comment).toBe('1 of 1 tool calls failed: lookup')
    expect(() => run(toolError, s, { tools: ['other'] })).toThrow('no call of other in this trace')
  })
  it('skips traces without tool spans', () => {
    expect(() => run(toolError, subject({ spans: [span()] }))).toThrow(EvalSkip)
  })
})

describe('declaredTools', () => {
  it('reads every place SDKs put tool definitions', () => {
    expect(declaredTools(span({ modelParameters: { tools: [weather] } })).map((d) => d.name)).toEqual(['get_weather'])
    expect(declaredTools(span({ input: { messages: [], tools: [weather] } }))[0]!.schema).toMatchObject({ required: ['city'] })
    expect(
      declaredTools(span({ attributes: { 'llm.invocation_parameters': JSON.stringify({ model: 'x', tools: [weather] }) } })).length,
    ).toBe(1)
    expect(declaredTools(span({ attributes: { 'llm.tools.0.tool.json_schema': JSON.stringify(weather) } })).length).toBe(1)
    expect(
      declaredTools(
        span({ attributes: { 'gen_ai.tool.definitions': JSON.stringify([{ type: 'function', name: 'f', parameters: {} }]) } }),
      )[0]!.name,
    ).toBe('f')
    expect(
      declaredTools(
        span({ attributes: { 'ai.prompt.tools': [JSON.stringify({ type: 'function', name: 'g', inputSchema: { type: 'object' } })] } }),
      )[0],
    ).toEqual({
      name: 'g',
      schema: { type: 'object' },
    })
    expect(declaredTools(span({ modelParameters: { tools: [{ name: 'h', input_schema: { type: 'object' } }] } }))[0]!.name).toBe('h')
    expect(declaredTools(span())).toEqual([])
  })
})

describe('tool-call-valid', () => {
  it('is true when every call fits its schema', () => {
    const s = subject({ spans: [generation([call('get_weather', { city: 'Paris', days: 2 })], { modelParameters: { tools: [weather] } })] })
    expect(run(toolCallValid, s)).toMatchObject({ value: true, dataType: 'boolean', comment: '1 tool call valid' })
  })
  it('lists calls that do not fit, that are not declared, or whose arguments are not JSON', () => {
    const s = subject({
      spans: [
        generation(
          [call('get_weather', { days: 0, city: 'Paris', units: 'C' }), call('book_flight', {}), call('get_weather', '{"city": "Par')],
          {
            modelParameters: { tools: [weather] },
          },
        ),
      ],
    })
    const r = run(toolCallValid, s)
    expect(r.value).toBe(false)
    expect(r.comment).toBe(
      '3 of 3 tool calls invalid: get_weather: / must NOT have additional properties (units); /days must be >= 1; book_flight: not a declared tool; get_weather: arguments are not valid JSON',
    )
  })
  it('checks calls against the tools given in the config instead', () => {
    const s = subject({ spans: [generation([call('lookup', { q: 1 })])] })
    const tools = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }]
    expect(run(toolCallValid, s, { tools }).comment).toBe('1 of 1 tool calls invalid: lookup: /q must be string')
  })
  it('checks only that arguments parse when no tool is declared', () => {
    const s = subject({ spans: [generation([call('anything', { a: 1 })])] })
    expect(run(toolCallValid, s)).toMatchObject({
      value: true,
      comment: '1 tool call valid; 1 without a declared schema, checked as JSON only',
    })
  })
  it('reads the scored span, or the output when there are no spans', () => {
    const g = generation([call('get_weather', { city: 'Oslo' })], { modelParameters: { tools: [weather] } })
    expect(run(toolCallValid, subject({ spans: [g], span: g })).value).toBe(true)
    const noSpans = out([{ role: 'assistant', content: '', tool_calls: [call('f', [1, 2])] }])
    expect(run(toolCallValid, noSpans).comment).toBe('1 of 1 tool calls invalid: f: arguments must be a JSON object')
  })
  it('falls back on tool spans, checked against the trace’s declarations', () => {
    const s = subject({
      spans: [
        span({ id: 'g', type: 'generation', output: 'done', modelParameters: { tools: [weather] } }),
        span({ id: 't', type: 'tool', name: 'get_weather', input: '{"city": 3}' }),
      ],
    })
    expect(toolCallsOf(s)).toHaveLength(1)
    expect(run(toolCallValid, s).comment).toBe('1 of 1 tool calls invalid: get_weather: /city must be string')
  })
  it('skips when there is no tool call', () => {
    expect(() =>
      run(toolCallValid, subject({ spans: [span({ type: 'generation', output: [{ role: 'assistant', content: 'hi' }] })] })),
    ).toThrow(EvalSkip)
    expect(() => run(toolCallValid, out(null))).toThrow('no tool calls to check')
  })
  it('refuses tool definitions without a name or with a broken schema', () => {
    expect(configError(toolCallValid, { tools: [{ parameters: {} }] })).toContain('each tool needs a name')
    expect(configError(toolCallValid, { tools: [{ name: 'f', parameters: { type: 'nope' } }] })).toContain(
      'tool f: parameters is not a valid JSON Schema',
    )
    expect(configError(toolCallValid, { tools: 'f' })).toContain('tools must be a list of tool definitions')
  })
})

describe('tool-call-valid on plain-text tool inputs', () => {
  it('leaves a tool span’s plain-text input unchecked when no schema says otherwise', () => {
    const s = subject({ spans: [span({ id: 't', type: 'tool', name: 'search', input: 'weather in Paris' })] })
    expect(run(toolCallValid, s)).toMatchObject({
      value: true,
      comment: '1 tool call valid; 1 without a declared schema, checked as JSON only',
    })
    const broken = subject({ spans: [span({ id: 't', type: 'tool', name: 'search', input: '{"q": ' })] })
    expect(run(toolCallValid, broken).comment).toBe('1 of 1 tool calls invalid: search: arguments are not valid JSON')
  })
})
