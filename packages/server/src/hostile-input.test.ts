import { afterEach, describe, expect, it } from 'vitest'
import { fixtureBatch } from './store/store-contract'
import { TEST_STORES, testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[] }[] } }
const pathsOf = async (res: Response) => ((await res.json()) as ErrorBody).error.issues?.map((i) => i.path.join('.')) ?? []

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

describe.each(TEST_STORES)('hostile input on %s answers 400 naming the field, never 500', (_name, open) => {
  it('refuses NUL characters in filters, paths and stored fields', async () => {
    ctx = await testApp({ open })
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, fixtureBatch())
    for (const [path, field] of [
      ['/api/v1/traces?q=pass%00word', 'q'],
      ['/api/v1/traces?name=a%00b', 'name'],
      ['/api/v1/traces?metadata.plan=pr%00o', 'metadata.plan'],
      ['/api/v1/traces/A%00', 'path'],
      ['/api/v1/scores?name=x%00', 'name'],
      ['/api/v1/metrics?metrics=count&q=a%00', 'q'],
    ] as const) {
      const res = await ctx.call('GET', path, ctx.keys.p1)
      expect(res.status, path).toBe(400)
      expect(await pathsOf(res), path).toContain(field)
    }
    const res = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, {
      traces: [
        { id: 'n\u0000', name: 'ok' },
        { id: 'ok-1', name: 'x\u0000' },
        { id: 'ok-2', metadata: { k: 'v\u0000' } },
        { id: 'ok-3', tags: ['\u0000'] },
      ],
      scores: [{ traceId: 'A', name: 'x', value: 'a\u0000' }],
    })
    expect(res.status).toBe(200)
    const { accepted, rejected } = (await res.json()) as { accepted: number; rejected: { error: string }[] }
    expect(accepted).toBe(0)
    expect(rejected.map((r) => r.error.split(':')[0])).toEqual(['id', 'name', 'metadata', 'tags.0', 'value'])
  })

  it('refuses metadata keys that cannot be looked up, and never drops one silently', async () => {
    ctx = await testApp({ open })
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, fixtureBatch())
    for (const [path, field] of [
      ['/api/v1/traces?metadata.plan%5C=pro', 'metadata.plan\\'],
      ['/api/v1/traces?metadata.__proto__=x', 'metadata.__proto__'],
      ['/api/v1/traces?score.__proto__=1', 'score.__proto__'],
      ['/api/v1/metrics?metrics=count&groupBy=metadata.a%5C', 'groupBy'],
      ['/api/v1/metrics?metrics=score.__proto__.count', 'metrics'],
    ] as const) {
      const res = await ctx.call('GET', path, ctx.keys.p1)
      expect(res.status, path).toBe(400)
      expect(await pathsOf(res), path).toContain(field)
    }
  })

  it('refuses JSON nested past the limit in ingest, scores and OTLP/JSON', async () => {
    ctx = await testApp({ open })
    const json = { 'content-type': 'application/json' }
    const ingest = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, `{"traces":[{"id":"deep","input":${nested(10_000)}}]}`, json)
    expect(ingest.status).toBe(400)
    expect(await pathsOf(ingest)).toEqual(['traces.0.input'])
    const score = await ctx.call(
      'POST',
      '/api/v1/scores',
      ctx.keys.p1,
      `{"traceId":"A","name":"x","value":1,"correction":${nested(10_000)}}`,
      json,
    )
    expect(score.status).toBe(400)
    const kv = (depth: number): string =>
      depth ? `{"kvlistValue":{"values":[{"key":"k","value":${kv(depth - 1)}}]}}` : '{"stringValue":"x"}'
    const span = `{"traceId":"${'1'.repeat(32)}","spanId":"${'2'.repeat(16)}","name":"s","startTimeUnixNano":"1","attributes":[{"key":"a","value":${kv(3000)}}]}`
    const otlp = await ctx.call('POST', '/v1/traces', ctx.keys.p1, `{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}`, json)
    expect(otlp.status).toBe(400)
    expect(((await otlp.json()) as ErrorBody).error.message).toMatch(/^resourceSpans\.0\.scopeSpans: nested more than 64 levels/)
    // as deep as real payloads go is fine
    const fine = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, `{"traces":[{"id":"ok","input":${nested(50)}}]}`, json)
    expect(await fine.json()).toEqual({ accepted: 1, rejected: [] })
  })
})
