import { benchIngest } from './ingest'
import { fmt, machineLine } from './machine'
import { benchQueries } from './queries'

// `pnpm bench` — figures only, never pass/fail. Flags: --spans N (query dataset), --ingest N.
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

console.log(`Machine: ${machineLine()}\n`)

const ingest = await benchIngest(arg('ingest', 200_000))
console.log('Native ingest (POST /api/v1/ingest, 1,000 spans a request, 2 in flight, loopback, SQLite)')
console.log(`  ${Math.round(ingest.ingest).toLocaleString('en')} spans/s over HTTP`)
console.log(`  ${Math.round(ingest.raw).toLocaleString('en')} spans/s raw better-sqlite3 inserts of the same rows (baseline)`)
console.log(`  ratio ${ingest.ratio.toFixed(2)} of raw  (budget: ≥ 20,000 spans/s)`)
console.log(`  ${Math.round(ingest.otlp).toLocaleString('en')} spans/s OTLP/protobuf (POST /v1/traces, GenAI attributes, same shape), ${(ingest.otlp / ingest.raw).toFixed(2)} of raw\n`)

const q = await benchQueries(arg('spans', 1_000_000))
console.log(`Queries at ${q.spans.toLocaleString('en')} spans / ${q.traces.toLocaleString('en')} traces (SQLite, over loopback HTTP)`)
console.log(`  trace list page, filtered (${q.list.n} samples): p50 ${fmt(q.list.p50)}, p95 ${fmt(q.list.p95)}  (budget p95 ≤ 50 ms)`)
console.log(`  trace detail (${q.detail.n} samples):             p50 ${fmt(q.detail.p50)}, p95 ${fmt(q.detail.p95)}  (budget p95 ≤ 20 ms)`)
console.log(`  metrics, 30 days hourly by model (rollups):   p50 ${fmt(q.metrics.byModel.p50)}, p95 ${fmt(q.metrics.byModel.p95)}  (budget p95 ≤ 250 ms)`)
console.log(`  metrics, 30 days hourly, no grouping:        p50 ${fmt(q.metrics.overall.p50)}, p95 ${fmt(q.metrics.overall.p95)}`)
console.log(`  metrics, 30 days daily by environment with users and feedback (rows, no rollup): p50 ${fmt(q.metrics.feedback.p50)}, p95 ${fmt(q.metrics.feedback.p95)}`)
console.log('  list p95 by filter (pages 1 and 2):')
for (const f of q.filters) console.log(`    ${f.query.padEnd(40)} ${fmt(f.p95)}`)
