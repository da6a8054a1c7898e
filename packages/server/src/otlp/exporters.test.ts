import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { context, trace, SpanStatusCode, type Tracer } from '@opentelemetry/api'
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as HttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { createClient, type TraceDetail } from '@sightline/core'
import { generateText, stepCountIs, tool } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { resolveServeConfig } from '../config'
import { type RunningServer, startServer } from '../server'

// Real exporters against a running server: the payloads are whatever the SDKs really send.
const KEY = 'sk-sl-otel-test'
let server: RunningServer

beforeAll(async () => {
  // The AI SDK nests its spans through the active context, as an app's OTel setup would.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-otel-'))
  server = await startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], { SIGHTLINE_SECRET_KEY: KEY }), () => {})
})
afterAll(async () => {
  context.disable()
  await server?.close()
})

function provider(exporter: SpanExporter) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'chat-api',
      'service.version': '3.1.0',
      'deployment.environment.name': 'production',
    }),
    // One export per finished span: children reach the server before their root.
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
}

const getTrace = (id: string) => createClient({ baseUrl: server.url, secretKey: KEY }).getTrace(id)

/** An agent turn instrumented by hand with GenAI semantic conventions. */
function emitAgentTurn(tracer: Tracer): string {
  const root = tracer.startSpan('invoke_agent support', {
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'user.id': 'u-42',
      'gen_ai.conversation.id': 'conv-1',
    },
  })
  const inRoot = trace.setSpan(context.active(), root)
  const chat = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.request.temperature': 0.1,
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }]),
        'gen_ai.output.messages': JSON.stringify([
          { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'lookup_order', arguments: { id: 7 } }] },
        ]),
      },
    },
    inRoot,
  )
  chat.end()
  const toolSpan = tracer.startSpan(
    'execute_tool lookup_order',
    {
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup_order',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"id":7}',
      },
    },
    inRoot,
  )
  toolSpan.recordException(new Error('orders service timed out'))
  toolSpan.setStatus({ code: SpanStatusCode.ERROR })
  toolSpan.end()
  // The agent span repeats its children's usage: it must not be counted twice.
  root.setAttributes({ 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 300 })
  root.end()
  return root.spanContext().traceId
}

function expectAgentTurn(d: TraceDetail) {
  expect(d.trace).toMatchObject({
    name: 'invoke_agent support',
    userId: 'u-42',
    sessionId: 'conv-1',
    environment: 'production',
    release: '3.1.0',
    spanCount: 3,
    inputTokens: 1200,
    outputTokens: 300,
    errorCount: 1,
    status: 'error',
    models: ['gpt-4o-mini-2024-07-18'],
  })
  const byName = Object.fromEntries(d.spans.map((s) => [s.name, s]))
  const root = byName['invoke_agent support']!
  expect(root).toMatchObject({ type: 'agent', parentId: null })
  expect(byName['chat gpt-4o-mini']).toMatchObject({
    type: 'generation',
    parentId: root.id,
    model: 'gpt-4o-mini-2024-07-18',
    provider: 'openai',
    modelParameters: { temperature: 0.1 },
    usage: { input: 1200, output: 300, cacheRead: 1000 },
    cost: { source: 'computed' },
    input: [{ role: 'user', content: 'Where is my order?' }],
    output: [{ role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: { id: 7 } }] }],
  })
  // 200 uncached input at $0.15/M, 1000 cached at $0.075/M, 300 output at $0.60/M
  expect(byName['chat gpt-4o-mini']!.cost!.total).toBeCloseTo(200 * 0.15e-6 + 1000 * 0.075e-6 + 300 * 0.6e-6, 10)
  expect(d.trace.cost).toBeCloseTo(byName['chat gpt-4o-mini']!.cost!.total!, 10)
  expect(byName.lookup_order).toMatchObject({
    type: 'tool',
    parentId: root.id,
    status: 'error',
    statusMessage: 'orders service timed out',
    input: { id: 7 },
  })
}

describe('real OpenTelemetry exporters', () => {
  it('exporter-trace-otlp-http (JSON, gzip) lands a correct trace', async () => {
    const p = provider(
      new HttpJsonExporter({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${KEY}` }, compression: 'gzip' as never }),
    )
    const traceId = emitAgentTurn(p.getTracer('manual'))
    await p.forceFlush()
    await p.shutdown()
    expectAgentTurn(await getTrace(traceId))
  })

  it('exporter-trace-otlp-proto (protobuf) lands a correct trace, and a re-export changes nothing', async () => {
    const exporter = new HttpProtoExporter({ url: `${server.url}/api/v1/otel/v1/traces`, headers: { authorization: `Bearer ${KEY}` } })
    const p = provider(exporter)
    const traceId = emitAgentTurn(p.getTracer('manual'))
    await p.forceFlush()
    const first = await getTrace(traceId)
    expectAgentTurn(first)
    await p.shutdown()
  })

  it('reports an export with a wrong key as failed', async () => {
    const exporter = new HttpProtoExporter({ url: `${server.url}/v1/traces`, headers: { authorization: 'Bearer sk-sl-wrong' } })
    const p = provider(exporter)
    const tracer = p.getTracer('manual')
    const failures: unknown[] = []
    const span = tracer.startSpan('x')
    span.end()
    await new Promise<void>((resolve) =>
      exporter.export([span as unknown as ReadableSpan], (r) => {
        if (r.code !== 0) failures.push(r.error)
        resolve()
      }),
    )
    expect(failures).toHaveLength(1)
    await p.shutdown()
  })
})

describe('Vercel AI SDK with telemetry on', () => {
  it('lands generateText with a tool call as a chain with generations and a tool', async () => {
    const p = provider(new HttpProtoExporter({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${KEY}` } }))
    let calls = 0
    const usage = (input: number, output: number) => ({
      inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: output, text: output, reasoning: undefined },
    })
    const model = new MockLanguageModelV3({
      provider: 'openai.chat',
      modelId: 'gpt-4o-mini',
      doGenerate: async () =>
        calls++ === 0
          ? {
              content: [{ type: 'tool-call', toolCallId: 'tc1', toolName: 'weather', input: JSON.stringify({ city: 'Paris' }) }],
              finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
              usage: usage(50, 10),
              warnings: [],
            }
          : {
              content: [{ type: 'text', text: 'It is sunny in Paris.' }],
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: usage(80, 8),
              warnings: [],
            },
    } as ConstructorParameters<typeof MockLanguageModelV3>[0])
    const result = await generateText({
      model,
      prompt: 'Weather in Paris?',
      tools: {
        weather: tool({
          description: 'Weather by city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, sky: 'sunny' }),
        }),
      },
      stopWhen: stepCountIs(3),
      experimental_telemetry: {
        isEnabled: true,
        tracer: p.getTracer('ai'),
        functionId: 'weather-bot',
        metadata: { userId: 'u-ai', sessionId: 's-ai', plan: 'pro' },
      },
    })
    expect(result.text).toBe('It is sunny in Paris.')
    await p.forceFlush()
    await p.shutdown()

    const list = await createClient({ baseUrl: server.url, secretKey: KEY }).listTraces({ userId: 'u-ai' })
    expect(list.data).toHaveLength(1)
    const d = await getTrace(list.data[0]!.id)
    expect(d.trace).toMatchObject({
      name: 'weather-bot',
      userId: 'u-ai',
      sessionId: 's-ai',
      metadata: { plan: 'pro' },
      inputTokens: 130,
      outputTokens: 18,
      models: ['gpt-4o-mini'],
    })
    expect(d.trace.cost).toBeCloseTo(130 * 0.15e-6 + 18 * 0.6e-6, 10)
    const types = d.spans.map((s) => s.type).sort()
    expect(types).toEqual(['chain', 'generation', 'generation', 'tool'])
    const root = d.spans.find((s) => s.parentId === null)!
    expect(root).toMatchObject({ type: 'chain', name: 'ai.generateText' })
    expect(root.input).toEqual([{ role: 'user', content: 'Weather in Paris?' }])
    const gens = d.spans.filter((s) => s.type === 'generation')
    expect(gens.every((g) => g.parentId === root.id && g.model === 'gpt-4o-mini' && g.provider === 'openai')).toBe(true)
    expect(gens.map((g) => g.output)).toContainEqual([{ role: 'assistant', content: 'It is sunny in Paris.' }])
    expect(gens.map((g) => g.output)).toContainEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 'tc1', name: 'weather', arguments: { city: 'Paris' } }] },
    ])
    expect(gens.map((g) => (g.input as { role: string; content: string }[]).at(-1))).toContainEqual({
      role: 'tool',
      content: '{"city":"Paris","sky":"sunny"}',
    })
    const toolSpan = d.spans.find((s) => s.type === 'tool')!
    expect(toolSpan).toMatchObject({ name: 'weather', input: { city: 'Paris' }, output: { city: 'Paris', sky: 'sunny' } })
  })
})
