import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, traceListQueryToParams, type TraceListQuery } from '@sightline/core'
import pg from 'pg'
import { ROOT, startCli } from '../scripts/cli-process'
import { percentile, sample } from './machine'

const DATA = join(ROOT, 'bench/.data')

export type Backend = { kind: 'sqlite' } | { kind: 'postgres'; url: string }

/**
 * A database of about `spans` spans, seeded once with `sightline seed` and reused by later runs:
 * SQLite in bench/.data, or a database of its own on the PostgreSQL server.
 */
async function seeded(spans: number, backend: Backend): Promise<{ env: Record<string, string>; dataDir: string; traces: number }> {
  // Bump the suffix when stored data changes shape, so the dataset is seeded again.
  const dataDir = join(DATA, `spans-${spans}-v2`)
  mkdirSync(dataDir, { recursive: true })
  // The demo generator averages ~3.15 spans a trace.
  const traces = Math.ceil(spans / 3.15)
  let env: Record<string, string> = {}
  let done = existsSync(join(dataDir, 'seeded.json'))
  if (backend.kind === 'postgres') {
    const name = `sightline_bench_${spans}_v2`
    const admin = new pg.Client({ connectionString: backend.url })
    await admin.connect()
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount
    if (!exists) await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(backend.url)
    url.pathname = `/${name}`
    env = { DATABASE_URL: url.toString() }
    const db = new pg.Client({ connectionString: env.DATABASE_URL })
    await db.connect()
    done = !!(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'bench_seeded'")).rowCount
    if (!done) await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
    await db.end()
  }
  if (!done) {
    console.log(`  seeding ${traces} traces into ${backend.kind} (once; reused by later runs)…`)
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'packages/server/src/cli.ts', 'seed', '--traces', String(traces), '--days', '30', '--data-dir', dataDir],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, SIGHTLINE_SECRET_KEY: 'sk-sl-bench', ...env },
      },
    )
    if (backend.kind === 'postgres') {
      const db = new pg.Client({ connectionString: env.DATABASE_URL })
      await db.connect()
      await db.query('CREATE TABLE bench_seeded (traces INTEGER)')
      // As autovacuum leaves a loaded database: visibility maps set, so index-only scans stay index-only.
      await db.query('VACUUM ANALYZE')
      await db.end()
    } else writeFileSync(join(dataDir, 'seeded.json'), JSON.stringify({ traces }))
  }
  return { env, dataDir, traces }
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

export async function benchQueries(spans: number, backend: Backend = { kind: 'sqlite' }) {
  const data = await seeded(spans, backend)
  const server = await startCli([], { SIGHTLINE_SECRET_KEY: 'sk-sl-bench', ...data.env }, data.dataDir)
  try {
    const client = createClient({ baseUrl: server.url, secretKey: 'sk-sl-bench' })
    // Page 1, then the next page (cursor) of each filter, in turn; p95 is also kept per filter.
    const cursors = new Map<number, string | null>()
    const perFilter = LIST_QUERIES.map(() => [] as number[])
    const list = await sample(LIST_QUERIES.length * 40, async (i) => {
      const k = i % LIST_QUERIES.length
      const deep = Math.floor(i / LIST_QUERIES.length) % 2 === 1
      const t = performance.now()
      const page = await client.listTraces({
        ...LIST_QUERIES[k],
        limit: 50,
        ...(deep && cursors.get(k) ? { cursor: cursors.get(k)! } : {}),
      })
      perFilter[k]!.push(performance.now() - t)
      if (!deep) cursors.set(k, page.nextCursor)
    })
    const filters = LIST_QUERIES.map((q, k) => {
      const times = perFilter[k]!.sort((a, b) => a - b)
      return { query: traceListQueryToParams(q).toString(), p95: percentile(times, 95) }
    })
    const ids = (await client.listTraces({ limit: 500 })).data.map((t: { id: string }) => t.id)
    const detail = await sample(300, (i) => client.getTrace(ids[(i * 7919) % ids.length]!))
    const now = Date.now()
    const metricsQuery = (q: string) =>
      fetch(`${server.url}/api/v1/metrics?${q}&from=${now - 30 * 86_400_000}&to=${now}`, {
        headers: { authorization: 'Bearer sk-sl-bench' },
      }).then(async (r) => {
        if (r.status !== 200) throw new Error(`metrics query failed: ${r.status} ${await r.text()}`)
        return r.json()
      })
    const byModel = await sample(
      60,
      () => metricsQuery('metrics=count,errorRate,latency.p95,tokens.total.sum,cost.sum&interval=1h&groupBy=model'),
      3,
    )
    const overall = await sample(60, () => metricsQuery('metrics=count,errors,latency.p50,latency.p95,ttft.p95,cost.sum&interval=1h'), 3)
    const feedback = await sample(
      60,
      () => metricsQuery('metrics=count,feedback.count,feedback.positiveRate&interval=1h&groupBy=environment'),
      3,
    )
    // Warmed up like the others: the first few of a fresh server run before the JIT has compiled the folds.
    const users = await sample(
      20,
      () => metricsQuery('metrics=count,users,sessions,feedback.positiveRate&interval=1d&groupBy=environment'),
      5,
    )
    return { spans, traces: data.traces, list, detail, filters, metrics: { byModel, overall, feedback, users } }
  } finally {
    await server.stop()
  }
}
