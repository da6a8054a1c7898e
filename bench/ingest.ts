import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { SpanInput } from '@sightline/core'
import { encodeOtlpTraceRequest } from '@sightline/server'
import { startCli } from '../scripts/cli-process'

const SPANS_PER_BATCH = 1000
const SPANS_PER_TRACE = 10

/** Realistic generation/tool spans with small payloads, 10 to a trace. */
function batch(b: number): SpanInput[] {
  const t0 = 1.76e12 + b * 1e6
  return Array.from({ length: SPANS_PER_BATCH }, (_, i) => {
    const trace = `b${b}-t${Math.floor(i / SPANS_PER_TRACE)}`
    const k = i % SPANS_PER_TRACE
    return {
      id: `${trace}-s${k}`,
      traceId: trace,
      parentId: k ? `${trace}-s0` : null,
      name: k ? 'llm-call' : 'request',
      type: k ? 'generation' : 'chain',
      startTime: t0 + i * 10,
      endTime: t0 + i * 10 + 8,
      model: k ? 'gpt-4o-mini' : null,
      usage: k ? { input: 120, output: 40 } : null,
      cost: k ? { input: 0.000018, output: 0.000024 } : null,
      input: [{ role: 'user', content: `question ${i} about billing and invoices` }],
      output: [{ role: 'assistant', content: `answer ${i}: change the plan under Settings.` }],
    }
  })
}

/** The floor: the same rows straight into better-sqlite3, one transaction per batch, no HTTP or validation. */
function rawInserts(batches: SpanInput[][]): number {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'sl-raw-')), 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE spans (project_id TEXT, trace_id TEXT, id TEXT, parent_id TEXT, name TEXT, type TEXT,
    start_time INTEGER, end_time INTEGER, model TEXT, usage_input REAL, usage_output REAL, cost_input REAL,
    cost_output REAL, input TEXT, output TEXT, PRIMARY KEY (project_id, trace_id, id))`)
  const insert = db.prepare('INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const write = db.transaction((spans: SpanInput[]) => {
    for (const s of spans)
      insert.run(
        'p',
        s.traceId,
        s.id,
        s.parentId ?? null,
        s.name,
        s.type,
        s.startTime,
        s.endTime,
        s.model ?? null,
        s.usage?.input ?? null,
        s.usage?.output ?? null,
        s.cost?.input ?? null,
        s.cost?.output ?? null,
        JSON.stringify(s.input),
        JSON.stringify(s.output),
      )
  })
  const t = performance.now()
  for (const b of batches) write(b)
  const seconds = (performance.now() - t) / 1000
  db.close()
  return (batches.length * SPANS_PER_BATCH) / seconds
}

/** The same spans as an OTLP/protobuf export with GenAI attributes, as an OTel SDK sends them. */
function otlpBatch(spans: SpanInput[]): Uint8Array {
  const kv = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: v } : { stringValue: v } })
  const ns = (ms: number) => String(BigInt(ms) * 1_000_000n)
  const id = (s: string, bytes: number) =>
    Buffer.from(
      Buffer.from(s)
        .toString('hex')
        .padEnd(bytes * 2, '0')
        .slice(-bytes * 2),
      'hex',
    )
  return encodeOtlpTraceRequest({
    resourceSpans: [
      {
        resource: { attributes: [kv('service.name', 'bench'), kv('deployment.environment.name', 'production')] },
        scopeSpans: [
          {
            scope: { name: 'bench' },
            spans: spans.map((s) => ({
              traceId: id(s.traceId, 16),
              spanId: id(s.id, 8),
              parentSpanId: s.parentId ? id(s.parentId, 8) : undefined,
              name: s.name,
              kind: 1,
              startTimeUnixNano: ns(s.startTime as number),
              endTimeUnixNano: ns(s.endTime as number),
              attributes: s.model
                ? [
                    kv('gen_ai.operation.name', 'chat'),
                    kv('gen_ai.request.model', s.model),
                    kv('gen_ai.provider.name', 'openai'),
                    kv('gen_ai.usage.input_tokens', 120),
                    kv('gen_ai.usage.output_tokens', 40),
                    kv(
                      'gen_ai.input.messages',
                      JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'question about billing' }] }]),
                    ),
                    kv(
                      'gen_ai.output.messages',
                      JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'change the plan' }] }]),
                    ),
                  ]
                : [kv('user.id', 'u-1')],
            })),
          },
        ],
      },
    ],
  })
}

/** Native ingest over loopback HTTP into a running `sightline serve`, two requests in flight. */
export async function benchIngest(totalSpans: number, env: Record<string, string> = {}) {
  const batches = Array.from({ length: Math.ceil(totalSpans / SPANS_PER_BATCH) }, (_, b) => batch(b))
  const bodies = batches.map((spans) => JSON.stringify({ spans }))
  const server = await startCli([], { SIGHTLINE_SECRET_KEY: 'sk-sl-bench', ...env })
  try {
    const post = (body: string) =>
      fetch(`${server.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-sl-bench', 'content-type': 'application/json' },
        body,
      }).then(async (r) => {
        const res = (await r.json()) as { accepted: number }
        if (res.accepted !== SPANS_PER_BATCH) throw new Error(`ingest refused spans: ${JSON.stringify(res).slice(0, 300)}`)
      })
    const postOtlp = (body: Uint8Array) =>
      fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-sl-bench', 'content-type': 'application/x-protobuf' },
        body: body as BodyInit,
      }).then(async (r) => {
        const reply = new Uint8Array(await r.arrayBuffer())
        if (r.status !== 200 || reply.length) throw new Error(`OTLP export refused: ${r.status} ${Buffer.from(reply).toString()}`)
      })
    /** Spans per second with two requests in flight, after a short warm-up. */
    async function rate<B>(items: B[], send: (b: B) => Promise<void>) {
      for (const b of items.slice(0, 3)) await send(b) // warm-up (re-sent later: idempotent)
      let next = 0
      const t = performance.now()
      await Promise.all(
        [0, 1].map(async () => {
          while (next < items.length) await send(items[next++]!)
        }),
      )
      return (items.length * SPANS_PER_BATCH) / ((performance.now() - t) / 1000)
    }
    const ingest = await rate(bodies, post)
    // Other trace ids for OTLP, so it writes new rows like the native run did.
    const otlpBodies = batches.map((spans) =>
      otlpBatch(spans.map((s) => ({ ...s, traceId: `o${s.traceId}`, parentId: s.parentId ?? null }))),
    )
    const otlp = await rate(otlpBodies, postOtlp)
    const raw = rawInserts(batches)
    return { spans: bodies.length * SPANS_PER_BATCH, ingest, otlp, raw, ratio: ingest / raw }
  } finally {
    await server.stop()
  }
}
