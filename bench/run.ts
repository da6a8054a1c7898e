import { execFileSync } from 'node:child_process'
import { benchIngest } from './ingest'
import { fmt, machineLine } from './machine'
import { type Backend, benchQueries } from './queries'

// `pnpm bench` — figures only, never pass/fail. Flags: --spans N (query dataset), --ingest N,
// --no-postgres (SQLite only), --no-browser (skip the trace viewer in Chromium),
// --eval-traces N (evaluator throughput dataset), --no-evaluators (skip the evaluator section),
// --compare-items N, --no-compare (experiment compare), --no-monitors (monitor detection).
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const flag = (name: string) => process.argv.includes(`--${name}`)

console.log(`Machine: ${machineLine()}\n`)

/** A throwaway PostgreSQL on loopback (scripts/pg.sh), or none when it cannot start here. */
function postgres(): Backend | undefined {
  if (flag('no-postgres')) return undefined
  try {
    const out = execFileSync('bash', ['scripts/pg.sh', 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    const url = /SIGHTLINE_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1]
    return url ? { kind: 'postgres', url } : undefined
  } catch {
    console.log('PostgreSQL could not start here: SQLite figures only.\n')
    return undefined
  }
}

const backends: [string, Backend, Record<string, string>][] = [['SQLite', { kind: 'sqlite' }, {}]]
const pgBackend = postgres()
if (pgBackend?.kind === 'postgres') {
  // Ingest goes to a scratch database; the query dataset has its own.
  const url = new URL(pgBackend.url)
  const pgClient = (await import('pg')).default
  const admin = new pgClient.Client({ connectionString: pgBackend.url })
  await admin.connect()
  await admin.query('DROP DATABASE IF EXISTS sightline_bench_ingest')
  await admin.query('CREATE DATABASE sightline_bench_ingest')
  await admin.end()
  url.pathname = '/sightline_bench_ingest'
  backends.push(['PostgreSQL', pgBackend, { DATABASE_URL: url.toString() }])
}

for (const [label, backend, ingestEnv] of backends) {
  const ingest = await benchIngest(arg('ingest', 200_000), ingestEnv)
  console.log(`Native ingest (POST /api/v1/ingest, 1,000 spans a request, 2 in flight, loopback, ${label})`)
  console.log(`  ${Math.round(ingest.ingest).toLocaleString('en')} spans/s over HTTP`)
  console.log(`  ${Math.round(ingest.raw).toLocaleString('en')} spans/s raw better-sqlite3 inserts of the same rows (baseline)`)
  console.log(`  ratio ${ingest.ratio.toFixed(2)} of raw  (budget: ≥ 20,000 spans/s on SQLite)`)
  console.log(
    `  ${Math.round(ingest.otlp).toLocaleString('en')} spans/s OTLP/protobuf (POST /v1/traces, GenAI attributes, same shape), ${(ingest.otlp / ingest.raw).toFixed(2)} of raw\n`,
  )

  const q = await benchQueries(arg('spans', 1_000_000), backend)
  console.log(`Queries at ${q.spans.toLocaleString('en')} spans / ${q.traces.toLocaleString('en')} traces (${label}, over loopback HTTP)`)
  console.log(`  trace list page, filtered (${q.list.n} samples): p50 ${fmt(q.list.p50)}, p95 ${fmt(q.list.p95)}  (budget p95 ≤ 50 ms)`)
  console.log(
    `  trace detail (${q.detail.n} samples):             p50 ${fmt(q.detail.p50)}, p95 ${fmt(q.detail.p95)}  (budget p95 ≤ 20 ms)`,
  )
  console.log(
    `  metrics, 30 days hourly by model (rollups):   p50 ${fmt(q.metrics.byModel.p50)}, p95 ${fmt(q.metrics.byModel.p95)}  (budget p95 ≤ 250 ms)`,
  )
  console.log(`  metrics, 30 days hourly, no grouping:        p50 ${fmt(q.metrics.overall.p50)}, p95 ${fmt(q.metrics.overall.p95)}`)
  console.log(
    `  metrics, 30 days hourly by environment with feedback (rollups): p50 ${fmt(q.metrics.feedback.p50)}, p95 ${fmt(q.metrics.feedback.p95)}`,
  )
  console.log(
    `  metrics, 30 days daily by environment with distinct users and sessions and feedback (presence rows and rollups): p50 ${fmt(q.metrics.users.p50)}, p95 ${fmt(q.metrics.users.p95)}  (budget: p95 ≤ 250 ms)`,
  )
  console.log('  list p95 by filter (pages 1 and 2):')
  for (const f of q.filters) console.log(`    ${f.query.padEnd(40)} ${fmt(f.p95)}`)
  console.log()
}

if (!flag('no-evaluators')) {
  const { benchEvaluatorIngest, benchEvaluatorThroughput, SERVE_JOB_CONCURRENCY } = await import('./evaluators')
  // One kind over the whole dataset, the others over a tenth: five full backfills take too long.
  const traces = arg('eval-traces', 100_000)
  const others = Math.max(1, Math.round(traces / 10))
  const kinds = await benchEvaluatorThroughput(traces, (kind) => (kind === 'contains' ? traces : others))
  console.log(
    `Evaluator throughput (SQLite, ${traces.toLocaleString('en')} traces of 2 spans; one evaluator at a time, backfilled and scored by the job runner of \`sightline serve\`, ${SERVE_JOB_CONCURRENCY} jobs a claim)`,
  )
  console.log(
    '  end to end: backfill request → job claim → trace read → evaluate → score write → run log; baseline: runEvaluator in a loop over the same subjects',
  )
  for (const k of kinds)
    console.log(
      `  ${k.kind.padEnd(11)} at ${k.traces.toLocaleString('en').padStart(7)} traces: ${Math.round(k.scored).toLocaleString('en').padStart(6)} traces/s scored (backfill ${k.backfillSeconds.toFixed(1)} s of it), ${Math.round(k.pure).toLocaleString('en').padStart(9)} /s pure evaluation (baseline), ratio ${(k.scored / k.pure).toFixed(4)}`,
    )
  const ingestSpans = 100_000
  const ing = await benchEvaluatorIngest(ingestSpans)
  console.log(
    `\nIngest with evaluators (POST /api/v1/ingest, ${ing.spans.toLocaleString('en')} spans in ${ing.traces.toLocaleString('en')} traces, 1,000 spans a request, 2 in flight, loopback, SQLite)`,
  )
  console.log(`  ${Math.round(ing.plain).toLocaleString('en')} spans/s with no evaluators (baseline)`)
  console.log(
    `  ${Math.round(ing.evaluated).toLocaleString('en')} spans/s with 5 active offline evaluators (contains, regex, pii, json-valid, length; delay 10 s, every trace), scored in the background by the server's job runner`,
  )
  console.log(`  ratio ${ing.ratio.toFixed(2)} of no evaluators  (no budget set)`)
  console.log(
    `  the background runner finished its ${ing.scored.toLocaleString('en')} runs ${ing.catchUpSeconds.toFixed(0)} s after the last batch; connections reset under an ingest request (sent again): ${ing.resets[0]} without evaluators, ${ing.resets[1]} with\n`,
  )
}

if (!flag('no-compare')) {
  const { benchCompare, printCompare } = await import('./compare')
  printCompare(await benchCompare({ items: arg('compare-items', 10_000) }))
}

if (!flag('no-monitors')) await (await import('./monitors')).benchMonitors({ printMachine: false })

if (!flag('no-browser')) await (await import('./trace-viewer')).benchTraceViewer({ printMachine: false })
