import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { SpanInput } from '@sightline/core'
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
      insert.run('p', s.traceId, s.id, s.parentId ?? null, s.name, s.type, s.startTime, s.endTime, s.model ?? null,
        s.usage?.input ?? null, s.usage?.output ?? null, s.cost?.input ?? null, s.cost?.output ?? null,
        JSON.stringify(s.input), JSON.stringify(s.output))
  })
  const t = performance.now()
  for (const b of batches) write(b)
  const seconds = (performance.now() - t) / 1000
  db.close()
  return (batches.length * SPANS_PER_BATCH) / seconds
}

/** Native ingest over loopback HTTP into a running `sightline serve`, two requests in flight. */
export async function benchIngest(totalSpans: number) {
  const batches = Array.from({ length: Math.ceil(totalSpans / SPANS_PER_BATCH) }, (_, b) => batch(b))
  const bodies = batches.map((spans) => JSON.stringify({ spans }))
  const server = await startCli([], { SIGHTLINE_SECRET_KEY: 'sk-sl-bench' })
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
    for (const body of bodies.slice(0, 3)) await post(body) // warm-up (re-sent later: idempotent)
    let next = 0
    const t = performance.now()
    await Promise.all(
      [0, 1].map(async () => {
        while (next < bodies.length) await post(bodies[next++])
      }),
    )
    const ingest = (bodies.length * SPANS_PER_BATCH) / ((performance.now() - t) / 1000)
    const raw = rawInserts(batches)
    return { spans: bodies.length * SPANS_PER_BATCH, ingest, raw, ratio: ingest / raw }
  } finally {
    await server.stop()
  }
}
