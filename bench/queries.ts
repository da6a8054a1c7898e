import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, traceListQueryToParams, type TraceListQuery } from '@sightline/core'
import { ROOT, startCli } from '../scripts/cli-process'
import { percentile, sample } from './machine'

const DATA = join(ROOT, 'bench/.data')

/** Seeds (once, cached in bench/.data) a database of about `spans` spans with `sightline seed`. */
function seeded(spans: number): string {
  // Bump the suffix when stored data changes shape, so the dataset is seeded again.
  const dir = join(DATA, `spans-${spans}-v2`)
  const marker = join(dir, 'seeded.json')
  if (existsSync(marker)) return dir
  mkdirSync(dir, { recursive: true })
  // The demo generator averages ~3.15 spans a trace.
  const traces = Math.ceil(spans / 3.15)
  console.log(`  seeding ${traces} traces into ${dir} (once; reused by later runs)…`)
  execFileSync(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'seed', '--traces', String(traces), '--days', '30', '--data-dir', dir], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SIGHTLINE_SECRET_KEY: 'sk-sl-bench' },
  })
  writeFileSync(marker, JSON.stringify({ traces }))
  return dir
}

const LIST_QUERIES: TraceListQuery[] = [
  { environment: 'production' },
  { environment: 'production', release: '1.6.0' },
  { userId: 'user-007' },
  { model: 'claude-3-5-sonnet' },
  { feedback: 'negative' },
  { metadata: { plan: 'enterprise' } },
  { name: 'support-agent', status: 'error' },
  { tag: ['beta'], sort: '-latencyMs' },
  { q: 'invoice' },
]

export async function benchQueries(spans: number) {
  const dir = seeded(spans)
  const server = await startCli([], { SIGHTLINE_SECRET_KEY: 'sk-sl-bench' }, dir)
  try {
    const client = createClient({ baseUrl: server.url, secretKey: 'sk-sl-bench' })
    const stored = JSON.parse(readFileSync(join(dir, 'seeded.json'), 'utf8')) as { traces: number }
    // Page 1, then the next page (cursor) of each filter, in turn; p95 is also kept per filter.
    const cursors = new Map<number, string | null>()
    const perFilter = LIST_QUERIES.map(() => [] as number[])
    const list = await sample(LIST_QUERIES.length * 40, async (i) => {
      const k = i % LIST_QUERIES.length
      const deep = Math.floor(i / LIST_QUERIES.length) % 2 === 1
      const t = performance.now()
      const page = await client.listTraces({ ...LIST_QUERIES[k], limit: 50, ...(deep && cursors.get(k) ? { cursor: cursors.get(k)! } : {}) })
      perFilter[k].push(performance.now() - t)
      if (!deep) cursors.set(k, page.nextCursor)
    })
    const filters = LIST_QUERIES.map((q, k) => {
      const times = perFilter[k].sort((a, b) => a - b)
      return { query: traceListQueryToParams(q).toString(), p95: percentile(times, 95) }
    })
    const ids = (await client.listTraces({ limit: 500 })).data.map((t: { id: string }) => t.id)
    const detail = await sample(300, (i) => client.getTrace(ids[(i * 7919) % ids.length]))
    const now = Date.now()
    const metricsQuery = (q: string) =>
      fetch(`${server.url}/api/v1/metrics?${q}&from=${now - 30 * 86_400_000}&to=${now}`, { headers: { authorization: 'Bearer sk-sl-bench' } }).then(async (r) => {
        if (r.status !== 200) throw new Error(`metrics query failed: ${r.status} ${await r.text()}`)
        return r.json()
      })
    const byModel = await sample(60, () => metricsQuery('metrics=count,errorRate,latency.p95,tokens.total.sum,cost.sum&interval=1h&groupBy=model'), 3)
    const overall = await sample(60, () => metricsQuery('metrics=count,errors,latency.p50,latency.p95,ttft.p95,cost.sum&interval=1h'), 3)
    const feedback = await sample(10, () => metricsQuery('metrics=count,users,feedback.positiveRate&interval=1d&groupBy=environment'), 1)
    return { spans, traces: stored.traces, list, detail, filters, metrics: { byModel, overall, feedback } }
  } finally {
    await server.stop()
  }
}
