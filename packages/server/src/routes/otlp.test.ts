import { gzipSync } from 'node:zlib'
import protobuf from 'protobufjs'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../otlp/otlp-proto'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const TRACE = '5b8efff798038103d269b633813fc60c'
const T0 = 1_767_225_600_000_000_000n
const kv = (key: string, value: string | number) => ({
  key,
  value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
})

/** OTLP/JSON as exporters write it: hex ids, 64-bit numbers as strings, enum integers. */
function jsonRequest(spans: object[] = [rootSpan(), chatSpan()]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [kv('service.name', 'support-api'), kv('deployment.environment.name', 'production')] },
        scopeSpans: [{ scope: { name: 'test-instrumentation', version: '1.0.0' }, spans }],
      },
    ],
  }
}
const rootSpan = () => ({
  traceId: TRACE,
  spanId: 'eee19b7ec3c1b174',
  name: 'POST /chat',
  kind: 2,
  startTimeUnixNano: String(T0),
  endTimeUnixNano: String(T0 + 2_000_000_000n),
  attributes: [kv('user.id', 'u-1')],
})
const chatSpan = () => ({
  traceId: TRACE,
  spanId: 'eee19b7ec3c1b173',
  parentSpanId: 'eee19b7ec3c1b174',
  name: 'chat gpt-4o-mini',
  kind: 3,
  startTimeUnixNano: String(T0 + 100_000_000n),
  endTimeUnixNano: String(T0 + 1_900_000_000n),
  attributes: [
    kv('gen_ai.operation.name', 'chat'),
    kv('gen_ai.request.model', 'gpt-4o-mini'),
    kv('gen_ai.provider.name', 'openai'),
    kv('gen_ai.usage.input_tokens', 1000),
    kv('gen_ai.usage.output_tokens', 200),
    kv('gen_ai.input.messages', '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]'),
  ],
  status: { code: 1 },
})

const post = (body: BodyInit | Uint8Array, headers: Record<string, string>, path = '/v1/traces', key: string | null = ctx.keys.p1) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: body as BodyInit,
  })
const postJson = (body: unknown, path?: string) => post(JSON.stringify(body), { 'content-type': 'application/json' }, path)

const toProto = (req: ReturnType<typeof jsonRequest>) =>
  encodeProtobufRequest(
    JSON.parse(JSON.stringify(req), (k, v) => (['traceId', 'spanId', 'parentSpanId'].includes(k) ? Buffer.from(v, 'hex') : v)),
  )

describe('OTLP/HTTP receiver', () => {
  it('takes JSON on /v1/traces and /api/v1/otel/v1/traces and answers {}', async () => {
    ctx = await testApp()
    for (const path of ['/v1/traces', '/api/v1/otel/v1/traces']) {
      const res = await postJson(jsonRequest(), path)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({})
    }
    const d = (await ctx.store.getTrace('p1', TRACE))!
    expect(d.trace).toMatchObject({
      name: 'POST /chat',
      userId: 'u-1',
      environment: 'production',
      spanCount: 2,
      inputTokens: 1000,
      outputTokens: 200,
    })
    expect(d.trace.cost).toBeCloseTo(1000 * 0.15e-6 + 200 * 0.6e-6)
    expect(d.spans[1]).toMatchObject({
      type: 'generation',
      model: 'gpt-4o-mini',
      parentId: 'eee19b7ec3c1b174',
      input: [{ role: 'user', content: 'hi' }],
      cost: { source: 'computed' },
    })
  })

  it('takes protobuf, gzip or not, and answers an empty protobuf message', async () => {
    ctx = await testApp()
    const body = toProto(jsonRequest())
    const plain = await post(body, { 'content-type': 'application/x-protobuf' })
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-type')).toBe('application/x-protobuf')
    expect(new Uint8Array(await plain.arrayBuffer())).toHaveLength(0)
    const zipped = await post(gzipSync(body), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' })
    expect(zipped.status).toBe(200)
    const zippedJson = await post(gzipSync(JSON.stringify(jsonRequest())), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    })
    expect(zippedJson.status).toBe(200)
    const d = (await ctx.store.getTrace('p1', TRACE))!
    expect(d.spans).toHaveLength(2) // re-sent three times, stored once
    expect(d.spans[1]!.usage).toMatchObject({ input: 1000, output: 200 })
  })

  it('reports partial success instead of failing the batch', async () => {
    ctx = await testApp()
    const bad = { ...chatSpan(), spanId: 'eee19b7ec3c1b172', traceId: '0'.repeat(32) }
    const res = await postJson(jsonRequest([rootSpan(), chatSpan(), bad]))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/invalid traceId/) } })
    expect((await ctx.store.getTrace('p1', TRACE))!.spans).toHaveLength(2)
    const proto = await post(toProto(jsonRequest([rootSpan(), bad])), { 'content-type': 'application/x-protobuf' })
    const Response = protobuf.Root.fromJSON({
      nested: {
        R: { fields: { partialSuccess: { type: 'P', id: 1 } } },
        P: { fields: { rejectedSpans: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
      },
    }).lookupType('R')
    expect(Response.toObject(Response.decode(new Uint8Array(await proto.arrayBuffer())), { longs: Number })).toEqual({
      partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/invalid traceId/) },
    })
  })

  it('accepts JSON quirks: base64 ids, enum names, numbers for 64-bit fields, snake_case keys', async () => {
    ctx = await testApp()
    const span = {
      trace_id: Buffer.from(TRACE, 'hex').toString('base64'),
      span_id: Buffer.from('eee19b7ec3c1b174', 'hex').toString('base64'),
      name: 'quirky',
      kind: 'SPAN_KIND_SERVER',
      start_time_unix_nano: Number(T0 / 1000n) * 1000,
      end_time_unix_nano: String(T0 + 1_000_000n),
      status: { code: 'STATUS_CODE_ERROR', message: 'bad' },
      attributes: [{ key: 'n', value: { intValue: 5 } }],
    }
    const res = await postJson({ resource_spans: [{ scope_spans: [{ spans: [span] }] }] })
    expect(res.status).toBe(200)
    const d = (await ctx.store.getTrace('p1', TRACE))!
    expect(d.spans[0]).toMatchObject({
      id: 'eee19b7ec3c1b174',
      name: 'quirky',
      status: 'error',
      statusMessage: 'bad',
      attributes: { n: 5, 'otel.kind': 2 },
    })
  })

  it('answers undecodable bodies with 400, other types with 415, and needs the secret key', async () => {
    ctx = await testApp()
    expect((await post(new Uint8Array([0xff, 0xff, 0xff, 0x0f, 0x01]), { 'content-type': 'application/x-protobuf' })).status).toBe(400)
    expect((await post('{"resourceSpans": [', { 'content-type': 'application/json' })).status).toBe(400)
    expect((await post('not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(400)
    const plainAttrs = await postJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...rootSpan(), attributes: { 'user.id': 'u' } }] }] }] })
    expect(plainAttrs.status).toBe(400)
    expect(((await plainAttrs.json()) as { error: { message: string } }).error.message).toMatch(
      /attributes must be a list of \{ key, value \}/,
    )
    const logs = await postJson({ resourceLogs: [] })
    expect(((await logs.json()) as { error: { message: string } }).error.message).toMatch(/logs or metrics/)
    expect((await post('x', { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post('x', { 'content-type': 'application/json', 'content-encoding': 'br' })).status).toBe(415)
    expect((await post('{}', { 'content-type': 'application/json' }, '/v1/traces', null)).status).toBe(401)
    expect((await post('{}', { 'content-type': 'application/json' }, '/v1/traces', ctx.keys.pk1)).status).toBe(403)
  })

  it('keeps what OpenInference (LangChain) and Traceloop spans say: metadata, provider, exact costs, no empty input', async () => {
    ctx = await testApp()
    const OI_TRACE = '6c9efff798038103d269b633813fc60c'
    const double = (key: string, value: number) => ({ key, value: { doubleValue: value } })
    const span = (traceId: string, spanId: string, parentSpanId: string, attributes: object[]) => ({
      traceId,
      spanId,
      parentSpanId,
      name: 'op',
      kind: 1,
      startTimeUnixNano: String(T0),
      endTimeUnixNano: String(T0 + 1_000_000n),
      attributes,
    })
    const metadata = kv('metadata', '{"plan":"pro","region":"eu","ls_provider":"openai","ls_model_name":"gpt-4o-mini"}')
    const res = await postJson(
      jsonRequest([
        span(OI_TRACE, 'aaa19b7ec3c1b174', '', [kv('openinference.span.kind', 'CHAIN'), metadata, kv('input.value', 'What is my plan?')]),
        span(OI_TRACE, 'aaa19b7ec3c1b173', 'aaa19b7ec3c1b174', [
          kv('openinference.span.kind', 'LLM'),
          kv('llm.model_name', 'my-model'),
          metadata,
          kv('llm.invocation_parameters', '{"model":"my-model","temperature":0,"stream_options":{"include_usage":true}}'),
          double('llm.cost.prompt', 0.000018),
          double('llm.cost.completion', 0.000024),
        ]),
        span(TRACE, 'eee19b7ec3c1b174', '', [
          kv('traceloop.span.kind', 'workflow'),
          kv('traceloop.workflow.name', 'answer'),
          kv('traceloop.entity.input', '{"args":[],"kwargs":{}}'),
        ]),
      ]),
    )
    expect(res.status).toBe(200)

    const list = await ctx.call('GET', '/api/v1/traces?metadata.plan=pro', ctx.keys.p1)
    expect(((await list.json()) as { data: { id: string; metadata: unknown }[] }).data.map((t) => [t.id, t.metadata])).toEqual([
      [OI_TRACE, { plan: 'pro', region: 'eu', 'service.name': 'support-api' }],
    ])
    const llm = (await ctx.store.getTrace('p1', OI_TRACE))!.spans.find((s) => s.id === 'aaa19b7ec3c1b173')!
    expect(llm).toMatchObject({ provider: 'openai', modelParameters: { temperature: 0 } })
    expect(llm.cost).toEqual({ input: 0.000018, output: 0.000024, total: 0.000042, source: 'provided' })
    expect((await ctx.store.getTrace('p1', TRACE))!.trace).toMatchObject({ name: 'answer', input: null })
  })

  it('refuses a protobuf export for its key with a google.rpc.Status in protobuf, a JSON one in JSON', async () => {
    ctx = await testApp()
    const Status = protobuf.Root.fromJSON({
      nested: { S: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } } },
    }).lookupType('S')
    const body = toProto(jsonRequest())
    for (const path of ['/v1/traces', '/api/v1/otel/v1/traces'])
      for (const [key, status, code] of [
        [null, 401, 16],
        ['sk-sl-unknown', 401, 16],
        [ctx.keys.pk1, 403, 7],
      ] as const) {
        const res = await post(body, { 'content-type': 'application/x-protobuf' }, path, key)
        expect([path, key, res.status, res.headers.get('content-type')]).toEqual([path, key, status, 'application/x-protobuf'])
        expect(Status.toObject(Status.decode(new Uint8Array(await res.arrayBuffer())))).toEqual({ code, message: expect.any(String) })
        expect(res.headers.get('www-authenticate')).toBe(status === 401 ? 'Bearer' : null)
      }
    const big = toProto(jsonRequest([{ ...rootSpan(), name: 'x'.repeat(11 * 1024 * 1024) }]))
    const tooBig = await post(big, { 'content-type': 'application/x-protobuf', 'content-length': String(big.length) })
    expect([tooBig.status, tooBig.headers.get('content-type')]).toEqual([413, 'application/x-protobuf'])
    const json = await post('{}', { 'content-type': 'application/json' }, '/v1/traces', ctx.keys.pk1)
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    expect(await ctx.store.countSpans('p1')).toBe(0)
  })

  it('answers 413 above the size limit, compressed or decompressed', async () => {
    ctx = await testApp({ config: { bodyLimitBytes: 4096 } })
    const big = JSON.stringify(jsonRequest([{ ...rootSpan(), name: 'x'.repeat(10_000) }]))
    expect((await post(big, { 'content-type': 'application/json' })).status).toBe(413)
    const bomb = gzipSync(big)
    expect(bomb.length).toBeLessThan(4096)
    expect((await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(413)
  })

  it('sheds load with 503 and Retry-After when too many exports are in flight', async () => {
    ctx = await testApp({ config: { otlpMaxInflight: 1 } })
    // Hold the first export inside the store write.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let entered!: () => void
    const inside = new Promise<void>((r) => (entered = r))
    const ingest = ctx.store.ingest
    ctx.store.ingest = async (...args) => {
      entered()
      await held
      return ingest(...args)
    }
    const first = postJson(jsonRequest())
    await inside
    const second = await postJson(jsonRequest())
    expect(second.status).toBe(503)
    expect(second.headers.get('retry-after')).toBe('1')
    release()
    expect((await first).status).toBe(200)
    expect((await postJson(jsonRequest())).status).toBe(200)
  })
})
