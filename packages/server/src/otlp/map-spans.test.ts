import { describe, expect, it } from 'vitest'
import { mapBatch, mapSpan, spanType } from './map-spans'
import type { Attrs, OtlpEvent, OtlpSpan } from './otlp-types'

const TRACE = '0af7651916cd43dd8448eb211c80319c'
const span = (attributes: Attrs = {}, over: Partial<OtlpSpan> = {}): OtlpSpan => ({
  traceId: TRACE,
  spanId: 'b7ad6b7169203331',
  parentSpanId: '',
  name: 'op',
  kind: 1,
  startNs: 1_767_225_600_000_000_000n,
  endNs: 1_767_225_601_500_000_000n,
  attributes,
  events: [],
  status: { code: 0, message: '' },
  ...over,
})
const map = (attributes: Attrs, over: Partial<OtlpSpan> = {}, resource: Attrs = {}) => {
  const r = mapSpan(span(attributes, over), resource, { name: 'test', version: '1' })
  if ('error' in r) throw new Error(r.error)
  return r
}

describe('span type: first matching convention wins', () => {
  it.each([
    [{ 'langfuse.observation.type': 'evaluator', 'gen_ai.operation.name': 'chat' }, 'evaluator'],
    [{ 'openinference.span.kind': 'LLM' }, 'generation'],
    [{ 'openinference.span.kind': 'EMBEDDING' }, 'embedding'],
    [{ 'openinference.span.kind': 'RETRIEVER' }, 'retriever'],
    [{ 'openinference.span.kind': 'RERANKER' }, 'retriever'],
    [{ 'openinference.span.kind': 'AGENT', 'gen_ai.request.model': 'x' }, 'agent'],
    [{ 'openinference.span.kind': 'TOOL' }, 'tool'],
    [{ 'openinference.span.kind': 'CHAIN' }, 'chain'],
    [{ 'openinference.span.kind': 'GUARDRAIL' }, 'guardrail'],
    [{ 'openinference.span.kind': 'EVALUATOR' }, 'evaluator'],
    [{ 'openinference.span.kind': 'PROMPT' }, 'span'],
    [{ 'gen_ai.operation.name': 'chat' }, 'generation'],
    [{ 'gen_ai.operation.name': 'text_completion' }, 'generation'],
    [{ 'gen_ai.operation.name': 'generate_content' }, 'generation'],
    [{ 'gen_ai.operation.name': 'embeddings' }, 'embedding'],
    [{ 'gen_ai.operation.name': 'execute_tool' }, 'tool'],
    [{ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.request.model': 'gpt-4o' }, 'agent'],
    [{ 'gen_ai.operation.name': 'create_agent' }, 'agent'],
    [{ 'gen_ai.operation.name': 'invoke_workflow' }, 'chain'],
    [{ 'gen_ai.operation.name': 'retrieval' }, 'retriever'],
    [{ 'traceloop.span.kind': 'workflow' }, 'chain'],
    [{ 'traceloop.span.kind': 'task' }, 'span'],
    [{ 'traceloop.span.kind': 'agent' }, 'agent'],
    [{ 'traceloop.span.kind': 'tool' }, 'tool'],
    [{ 'llm.request.type': 'chat' }, 'generation'],
    [{ 'llm.request.type': 'embedding' }, 'embedding'],
    [{ 'ai.operationId': 'ai.generateText.doGenerate' }, 'generation'],
    [{ 'ai.operationId': 'ai.streamText.doStream' }, 'generation'],
    [{ 'ai.operationId': 'ai.streamObject.doStream' }, 'generation'],
    [{ 'ai.operationId': 'ai.embedMany.doEmbed' }, 'embedding'],
    [{ 'ai.operationId': 'ai.toolCall' }, 'tool'],
    [{ 'ai.operationId': 'ai.generateText', 'ai.model.id': 'gpt-4o' }, 'chain'],
    [{ 'gen_ai.tool.name': 'search' }, 'tool'],
    [{ 'gen_ai.tool.call.id': 'call_1' }, 'tool'],
    [{ 'llm.model_name': 'gpt-4o' }, 'generation'],
    [{ 'http.method': 'GET' }, 'span'],
  ] as [Attrs, string][])('%j → %s', (attrs, type) => {
    expect(spanType(attrs)).toBe(type)
  })
})

describe('model, provider and parameters', () => {
  it('prefers the response model and normalises deprecated providers', () => {
    expect(
      map({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06', 'gen_ai.system': 'openai' }).span,
    ).toMatchObject({ model: 'gpt-4o-2024-08-06', provider: 'openai', type: 'generation' })
    expect(map({ 'gen_ai.request.model': 'x', 'gen_ai.system': 'az.ai.openai' }).span.provider).toBe('azure.ai.openai')
    expect(map({ 'gen_ai.request.model': 'x', 'gen_ai.system': 'vertex_ai' }).span.provider).toBe('gcp.vertex_ai')
    expect(map({ 'gen_ai.request.model': 'x', 'gen_ai.provider.name': 'anthropic', 'gen_ai.system': 'old' }).span.provider).toBe(
      'anthropic',
    )
    expect(map({ 'gen_ai.request.model': 'x', 'gen_ai.system': 'openai.chat' }).span.provider).toBe('openai')
    expect(map({ 'gen_ai.request.model': 'x', 'gen_ai.provider.name': 'aws.bedrock' }).span.provider).toBe('aws.bedrock')
    expect(map({ 'ai.model.id': 'gpt-4o-mini', 'ai.model.provider': 'openai.chat' }).span).toMatchObject({
      model: 'gpt-4o-mini',
      provider: 'openai',
    })
    expect(map({ 'llm.model_name': 'claude-3-5-sonnet', 'llm.provider': 'anthropic' }).span).toMatchObject({
      model: 'claude-3-5-sonnet',
      provider: 'anthropic',
    })
    expect(map({ 'embedding.model_name': 'text-embedding-3-small' }).span.model).toBe('text-embedding-3-small')
  })

  it('takes the provider of a LangChain generation from metadata.ls_provider', () => {
    const langchain = (ls: string, more: Attrs = {}) =>
      map({
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        metadata: JSON.stringify({ ls_provider: ls, ls_model_type: 'chat' }),
        ...more,
      }).span.provider
    expect(langchain('openai')).toBe('openai')
    expect(langchain('azure')).toBe('azure.ai.openai')
    expect(langchain('google_vertexai')).toBe('gcp.vertex_ai')
    expect(langchain('openai', { 'llm.provider': 'anthropic' })).toBe('anthropic')
  })

  it('collects model parameters from gen_ai.request.*, ai.settings.* and llm.invocation_parameters', () => {
    expect(
      map({
        'gen_ai.request.model': 'm',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 256,
        'gen_ai.request.top_p': 0.9,
        'gen_ai.request.top_k': 40,
        'gen_ai.request.seed': 7,
        'gen_ai.request.stop_sequences': ['\n'],
        'openai.request.service_tier': 'flex',
      }).span.modelParameters,
    ).toEqual({ temperature: 0.2, maxTokens: 256, topP: 0.9, topK: 40, seed: 7, stopSequences: ['\n'], serviceTier: 'flex' })
    expect(
      map({ 'llm.model_name': 'm', 'llm.invocation_parameters': '{"temperature":0.5,"max_tokens":100}' }).span.modelParameters,
    ).toEqual({ temperature: 0.5, max_tokens: 100 })
    // OpenInference copies the whole request: the model and the tools are not parameters.
    const invocation = {
      model: 'gpt-4o',
      temperature: 0.1,
      tools: [{ type: 'function', function: { name: 'f' } }],
      stream_options: { include_usage: true },
      stream: true,
    }
    expect(map({ 'llm.model_name': 'gpt-4o', 'llm.invocation_parameters': JSON.stringify(invocation) }).span.modelParameters).toEqual({
      temperature: 0.1,
      stream: true,
    })
    expect(map({ 'llm.model_name': 'm', 'llm.invocation_parameters': '{"model":"m"}' }).span.modelParameters).toBeUndefined()
    expect(map({ 'ai.model.id': 'm', 'ai.settings.maxOutputTokens': 50 }).span.modelParameters).toEqual({ maxTokens: 50 })
  })

  it('reads time to first token', () => {
    expect(map({ 'gen_ai.request.model': 'm', 'gen_ai.response.time_to_first_chunk': 0.25 }).span.completionStartTime).toBe(
      1_767_225_600_250,
    )
    expect(map({ 'ai.model.id': 'm', 'ai.response.msToFirstChunk': 120 }).span.completionStartTime).toBe(1_767_225_600_120)
  })
})

describe('usage', () => {
  it.each([
    [
      { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 20 },
      { input: 100, output: 20, total: 120 },
    ],
    [
      { 'gen_ai.usage.prompt_tokens': 10, 'gen_ai.usage.completion_tokens': 5 },
      { input: 10, output: 5, total: 15 },
    ],
    [
      { 'llm.token_count.prompt': 7, 'llm.token_count.completion': 3, 'llm.token_count.total': 10 },
      { input: 7, output: 3, total: 10 },
    ],
    [
      { 'ai.usage.inputTokens': 9, 'ai.usage.outputTokens': 1 },
      { input: 9, output: 1, total: 10 },
    ],
    [
      { 'ai.usage.promptTokens': 4, 'ai.usage.completionTokens': 2 },
      { input: 4, output: 2, total: 6 },
    ],
    [
      {
        'gen_ai.usage.input_tokens': 100,
        'gen_ai.usage.output_tokens': 50,
        'gen_ai.usage.cache_read.input_tokens': 60,
        'gen_ai.usage.cache_creation.input_tokens': 10,
        'gen_ai.usage.reasoning.output_tokens': 30,
      },
      { input: 100, output: 50, total: 150, cacheRead: 60, cacheWrite: 10, reasoning: 30 },
    ],
    // cache counted apart from input (Anthropic style): added back
    [
      { 'gen_ai.usage.input_tokens': 5, 'gen_ai.usage.output_tokens': 1, 'gen_ai.usage.cache_read_input_tokens': 100 },
      { input: 105, output: 1, total: 106, cacheRead: 100 },
    ],
    [
      { 'ai.usage.inputTokens': 50, 'ai.usage.outputTokens': 5, 'ai.usage.cachedInputTokens': 20 },
      { input: 50, output: 5, total: 55, cacheRead: 20 },
    ],
    [
      {
        'ai.usage.inputTokens': 10,
        'ai.usage.outputTokens': 5,
        'ai.response.providerMetadata': '{"anthropic":{"usage":{"cache_read_input_tokens":40,"cache_creation_input_tokens":8}}}',
      },
      { input: 58, output: 5, total: 63, cacheRead: 40, cacheWrite: 8 },
    ],
    [
      { 'langfuse.observation.usage_details': '{"input":10,"output":2,"total":30}', 'gen_ai.usage.cache_read.input_tokens': 18 },
      { input: 28, output: 2, total: 30, cacheRead: 18 },
    ],
  ] as [Attrs, object][])('%j', (attrs, expected) => {
    expect(map({ 'gen_ai.request.model': 'unknown-model-x', ...attrs }).span.usage).toEqual(expected)
  })
})

describe('cost', () => {
  it('keeps a provided cost', () => {
    expect(map({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1, 'gen_ai.usage.cost': 0.5 }).span.cost).toEqual({
      total: 0.5,
      source: 'provided',
    })
    expect(map({ 'llm.model_name': 'gpt-4o', 'llm.cost.prompt': 0.1, 'llm.cost.completion': 0.2 }).span.cost).toEqual({
      input: 0.1,
      output: 0.2,
      total: 0.3,
      source: 'provided',
    })
  })

  it('rounds costs to 1e-12, so sums show no float noise', () => {
    expect(map({ 'llm.model_name': 'gpt-4o', 'llm.cost.prompt': 0.000018, 'llm.cost.completion': 0.000024 }).span.cost).toEqual({
      input: 0.000018,
      output: 0.000024,
      total: 0.000042,
      source: 'provided',
    })
    expect(map({ 'gen_ai.request.model': 'm', 'gen_ai.usage.cost': 0.1 + 0.2 }).span.cost).toEqual({ total: 0.3, source: 'provided' })
    expect(map({ 'llm.model_name': 'm', 'llm.cost.total': 1.23456789012345e-7 }).span.cost!.total).toBe(1.23457e-7)
  })

  it('computes a cost from the price table, counting cache reads at their price', () => {
    const { cost } = map({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 1_000_000,
      'gen_ai.usage.output_tokens': 1_000_000,
    }).span
    expect(cost).toMatchObject({ source: 'computed' })
    expect(cost!.input).toBeCloseTo(0.15)
    expect(cost!.output).toBeCloseTo(0.6)
    const cached = map({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 1_000_000,
      'gen_ai.usage.output_tokens': 0,
      'gen_ai.usage.cache_read.input_tokens': 1_000_000,
    }).span.cost
    expect(cached!.input).toBeCloseTo(0.075)
  })

  it('leaves cost empty for unknown models and for non-generation spans', () => {
    expect(map({ 'gen_ai.request.model': 'my-own-finetune-v9', 'gen_ai.usage.input_tokens': 100 }).span.cost).toBeUndefined()
    expect(
      map({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 100 }).span.cost,
    ).toBeUndefined()
  })
})

describe('messages', () => {
  const input = (attrs: Attrs, over: Partial<OtlpSpan> = {}) => map({ 'gen_ai.request.model': 'm', ...attrs }, over).span.input
  const output = (attrs: Attrs, over: Partial<OtlpSpan> = {}) => map({ 'gen_ai.request.model': 'm', ...attrs }, over).span.output

  it('reads gen_ai.input/output.messages (parts) with system instructions first', () => {
    expect(
      input({
        'gen_ai.system_instructions': '[{"type":"text","content":"Be brief."}]',
        'gen_ai.input.messages':
          '[{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]},{"role":"assistant","parts":[{"type":"tool_call","id":"c1","name":"weather","arguments":{"city":"Paris"}}]},{"role":"tool","parts":[{"type":"tool_call_response","id":"c1","response":"rainy"}]}]',
      }),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', content: 'rainy' },
    ])
    expect(
      output({ 'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'Rainy.' }], finish_reason: 'stop' }] }),
    ).toEqual([{ role: 'assistant', content: 'Rainy.' }])
  })

  it('reads the flattened gen_ai.prompt.N / gen_ai.completion.N form (OpenLLMetry)', () => {
    expect(
      input({
        'gen_ai.prompt.0.role': 'system',
        'gen_ai.prompt.0.content': 'sys',
        'gen_ai.prompt.1.role': 'user',
        'gen_ai.prompt.1.content': 'hi',
      }),
    ).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hi' },
    ])
    expect(
      output({
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'hello',
        'gen_ai.completion.0.finish_reason': 'stop',
      }),
    ).toEqual([{ role: 'assistant', content: 'hello' }])
    expect(input({ 'gen_ai.prompt.99999.role': 'user', 'gen_ai.prompt.0.__proto__.x': 'y' })).toBeUndefined()
  })

  it('reads OpenInference llm.input_messages / llm.output_messages and input.value / output.value', () => {
    expect(
      input({
        'llm.input_messages.0.message.role': 'user',
        'llm.input_messages.0.message.content': 'q',
        'llm.input_messages.1.message.role': 'assistant',
        'llm.input_messages.1.message.tool_calls.0.tool_call.function.name': 'f',
        'llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments': '{"a":1}',
      }),
    ).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [{ name: 'f', arguments: { a: 1 } }] },
    ])
    expect(output({ 'llm.output_messages.0.message.role': 'assistant', 'llm.output_messages.0.message.content': 'a' })).toEqual([
      { role: 'assistant', content: 'a' },
    ])
    expect(
      map({ 'openinference.span.kind': 'CHAIN', 'input.value': '{"question":"x"}', 'output.value': 'plain answer' }).span,
    ).toMatchObject({ input: { question: 'x' }, output: 'plain answer' })
  })

  it('reads per-message events and gen_ai.choice events', () => {
    const events: OtlpEvent[] = [
      { name: 'gen_ai.system.message', timeNs: 0n, attributes: { content: 'sys' } },
      { name: 'gen_ai.user.message', timeNs: 0n, attributes: { content: 'hi' } },
      { name: 'gen_ai.choice', timeNs: 0n, attributes: { message: '{"role":"assistant","content":"yo"}', index: 0 } },
    ]
    expect(input({}, { events })).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hi' },
    ])
    expect(output({}, { events })).toEqual([{ role: 'assistant', content: 'yo' }])
  })

  it('reads Vercel AI SDK prompts and responses', () => {
    expect(
      input({ 'ai.prompt.messages': '[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hello"}]}]' }),
    ).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'hello' },
    ])
    expect(input({ 'ai.prompt': '{"system":"s","prompt":"hello"}' })).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'hello' },
    ])
    expect(
      output({ 'ai.response.text': 'Hi!', 'ai.response.toolCalls': '[{"toolCallId":"t1","toolName":"search","input":"{\\"q\\":1}"}]' }),
    ).toEqual([{ role: 'assistant', content: 'Hi!', toolCalls: [{ id: 't1', name: 'search', arguments: { q: 1 } }] }])
    expect(output({ 'ai.response.object': '{"ok":true}' })).toEqual({ ok: true })
  })

  it('takes an empty Traceloop call for no input', () => {
    const workflow = (input: string, more: Attrs = {}) =>
      map({ 'traceloop.span.kind': 'workflow', 'traceloop.entity.input': input, ...more }).span.input
    expect(workflow('{"args":[],"kwargs":{}}')).toBeUndefined()
    expect(workflow('{"args": [], "kwargs": {}}', { 'input.value': 'from OpenInference' })).toBe('from OpenInference')
    expect(workflow('{"args":["What is my plan?"],"kwargs":{}}')).toEqual({ args: ['What is my plan?'], kwargs: {} })
    expect(workflow('{}')).toEqual({})
  })

  it('reads tool arguments and results', () => {
    expect(
      map({ 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.arguments': '{"q":"x"}', 'gen_ai.tool.call.result': '["r"]' }).span,
    ).toMatchObject({ type: 'tool', name: 'search', input: { q: 'x' }, output: ['r'] })
    expect(
      map({ 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'calc', 'ai.toolCall.args': '{"a":2}', 'ai.toolCall.result': '4' }).span,
    ).toMatchObject({ type: 'tool', name: 'calc', input: { a: 2 }, output: '4' })
  })

  it('keeps content out of the stored attributes', () => {
    const { attributes } = map({
      'gen_ai.request.model': 'm',
      'gen_ai.input.messages': '[]',
      'gen_ai.prompt.0.content': 'x',
      'custom.key': 'v',
    }).span
    expect(attributes).toMatchObject({ 'custom.key': 'v', 'gen_ai.request.model': 'm', 'otel.scope': 'test@1' })
    expect(Object.keys(attributes!).some((k) => k.startsWith('gen_ai.prompt') || k === 'gen_ai.input.messages')).toBe(false)
  })
})

describe('status and errors', () => {
  it('maps ERROR status and finds the message', () => {
    expect(map({}, { status: { code: 2, message: 'boom' } }).span).toMatchObject({ status: 'error', statusMessage: 'boom' })
    expect(map({ 'error.type': 'TimeoutError' }, { status: { code: 2, message: '' } }).span.statusMessage).toBe('TimeoutError')
    const events = [{ name: 'exception', timeNs: 0n, attributes: { 'exception.message': 'disk full' } }]
    expect(map({}, { status: { code: 2, message: '' }, events }).span.statusMessage).toBe('disk full')
    expect(map({}, { status: { code: 1, message: '' } }).span.status).toBe('ok')
  })

  it('refuses spans without usable ids or start time', () => {
    const r = (over: Partial<OtlpSpan>) => mapSpan(span({}, over), {}, { name: '', version: '' })
    expect(r({ traceId: '0'.repeat(32) })).toEqual({ error: expect.stringMatching(/traceId/) })
    expect(r({ spanId: '' })).toEqual({ error: expect.stringMatching(/spanId/) })
    expect(r({ startNs: 0n })).toEqual({ error: expect.stringMatching(/start/) })
  })
})

describe('trace-level context', () => {
  it('takes user, session, environment, release, tags and metadata from spans and the resource', () => {
    const { trace } = map(
      {
        'user.id': 'u1',
        'gen_ai.conversation.id': 'conv-9',
        'ai.telemetry.metadata.tags': '["beta","eu"]',
        'ai.telemetry.metadata.plan': 'pro',
        'ai.telemetry.functionId': 'support-chat',
      },
      {},
      { 'deployment.environment.name': 'production', 'service.version': '2.3.1', 'service.name': 'support-api' },
    )
    expect(trace).toEqual({
      name: 'support-chat',
      userId: 'u1',
      sessionId: 'conv-9',
      environment: 'production',
      release: '2.3.1',
      tags: ['beta', 'eu'],
      metadata: { plan: 'pro', 'service.name': 'support-api' },
    })
    expect(map({ 'ai.telemetry.metadata.userId': 'u2', 'ai.telemetry.metadata.sessionId': 's2', 'session.id': 's1' }).trace).toMatchObject({
      userId: 'u2',
      sessionId: 's1',
    })
    expect(map({}, {}, { 'deployment.environment': 'staging' }).trace.environment).toBe('staging')
  })

  it('copies OpenInference metadata (a JSON string) into the trace, without LangChain’s per-call keys', () => {
    const metadata =
      '{"plan":"pro","seats":12,"flags":{"beta":true},"ls_provider":"openai","ls_temperature":0.2,"__proto__":{"polluted":true}}'
    const { trace } = map({ 'openinference.span.kind': 'CHAIN', metadata })
    expect(trace.metadata).toEqual({ plan: 'pro', seats: 12, flags: { beta: true } })
    expect(Object.getPrototypeOf(trace.metadata)).toBe(Object.prototype)
    expect(map({ metadata: 'not json' }).trace.metadata).toBeUndefined()
  })

  it('lets the root span’s context win within a batch', () => {
    const root = span({ 'user.id': 'root-user' })
    const child = span({ 'user.id': 'child-user', 'session.id': 's' }, { spanId: 'c7ad6b7169203331', parentSpanId: root.spanId })
    const out = mapBatch({ resources: [{ attributes: {}, scopes: [{ name: '', version: '', spans: [child, root] }] }] })
    expect(out.traces).toEqual([{ id: TRACE, userId: 'root-user', sessionId: 's' }])
    expect(out.spans.map((s) => s.parentId)).toEqual([root.spanId, null])
  })
})
