import { join } from 'node:path'
import {
  createClient,
  type Evaluator,
  type EvaluatorInput,
  SightlineNetworkError,
  type SightlineClient,
  type SpanInput,
} from '@sightline/core'
import { DEFAULT_PROJECT_ID, openSqliteStore } from '@sightline/server'
// The root package does not depend on @sightline/evals: its curated index, by path.
import { type EvalSubject, parseEvaluatorConfig, runEvaluator, subjectFromTrace } from '../packages/evals/src/index'
import { startCli } from '../scripts/cli-process'

const SPANS_PER_BATCH = 1000
const KEY = 'sk-sl-bench'
/** What `sightline serve` runs: one job loop claiming 8 due jobs at a time (createJobRunner's default). */
export const SERVE_JOB_CONCURRENCY = 8

/** Five offline kinds, as a user would configure them. */
export const EVALUATORS: EvaluatorInput[] = [
  { name: 'mentions-invoice', kind: 'contains', config: { value: 'invoice' } },
  { name: 'names-a-plan', kind: 'regex', config: { pattern: '\\bplan\\b', flags: 'i' } },
  { name: 'pii', kind: 'pii', config: {} },
  { name: 'json-output', kind: 'json-valid', config: {} },
  { name: 'short-answer', kind: 'length', config: { max: 400 } },
]

/**
 * Realistic small traces: a root span and `perTrace - 1` generation spans, all with chat input and
 * output; every 10th answer holds an email address, every 4th is JSON.
 */
function batch(b: number, prefix: string, perTrace: number): SpanInput[] {
  const t0 = 1.76e12 + b * 1e6
  const traces = SPANS_PER_BATCH / perTrace
  return Array.from({ length: traces }, (_, i) => {
    const n = b * traces + i
    const traceId = `${prefix}${n}`
    const question = `question ${n}: why was my invoice charged twice this month?`
    const answer =
      n % 4 === 0
        ? JSON.stringify({ answer: 'The second charge is a pending authorisation.', plan: 'pro', refund: false })
        : n % 10 === 1
          ? `Sorry about that. Write to billing-${n}@example.com and we will refund the duplicate charge.`
          : `The second charge on invoice ${n} is a pending authorisation; change the plan under Settings.`
    const input = [
      { role: 'system', content: 'You answer billing questions briefly.' },
      { role: 'user', content: question },
    ]
    const output = [{ role: 'assistant', content: answer }]
    const start = t0 + i * 10 * perTrace
    const root: SpanInput = {
      id: `${traceId}-s0`,
      traceId,
      parentId: null,
      name: 'support-agent',
      type: 'chain',
      startTime: start,
      endTime: start + 9 * perTrace,
      input,
      output,
    }
    const generations = Array.from(
      { length: perTrace - 1 },
      (_, k): SpanInput => ({
        id: `${traceId}-s${k + 1}`,
        traceId,
        parentId: root.id,
        name: 'llm-call',
        type: 'generation',
        startTime: start + 1 + k * 9,
        endTime: start + 9 + k * 9,
        model: 'gpt-4o-mini',
        usage: { input: 120, output: 40 },
        cost: { input: 0.000018, output: 0.000024 },
        input,
        output,
      }),
    )
    return [root, ...generations]
  }).flat()
}

const bodiesFor = (spans: number, prefix: string, perTrace: number) =>
  Array.from({ length: Math.ceil(spans / SPANS_PER_BATCH) }, (_, b) => JSON.stringify({ spans: batch(b, prefix, perTrace) }))

/**
 * Posts batches; `resets` counts connections the server reset under a request (see settled), after
 * which the batch is sent again (ingest is idempotent).
 */
function poster(url: string) {
  const post = async (body: string, tries = 0): Promise<void> => {
    let r: Response
    try {
      r = await fetch(`${url}/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body,
      })
    } catch (err) {
      if (tries >= 5) throw err
      post.resets++
      return post(body, tries + 1)
    }
    const res = (await r.json()) as { accepted: number }
    if (res.accepted !== SPANS_PER_BATCH) throw new Error(`ingest refused spans: ${JSON.stringify(res).slice(0, 300)}`)
  }
  post.resets = 0
  return post
}

/** Sends every body with two requests in flight; seconds taken. */
async function sendAll(bodies: string[], send: (b: string) => Promise<void>) {
  let next = 0
  const t = performance.now()
  await Promise.all(
    [0, 1].map(async () => {
      while (next < bodies.length) await send(bodies[next++]!)
    }),
  )
  return (performance.now() - t) / 1000
}

/**
 * Waits until none of the evaluators has a pending run; returns runs finished (done, error, skipped).
 * A connection reset under the request (a job loop that held the event loop through a whole backlog
 * did that, before it yielded after each batch) is asked again.
 */
async function settled(client: SightlineClient, ids: string[], pollMs = 250) {
  const get = async (id: string, tries = 0): Promise<Evaluator> => {
    try {
      return await client.getEvaluator(id)
    } catch (err) {
      if (!(err instanceof SightlineNetworkError) || tries > 20) throw err
      return get(id, tries + 1)
    }
  }
  for (;;) {
    const all = await Promise.all(ids.map((id) => get(id)))
    if (all.every((e) => e.stats && e.stats.pending === 0))
      return all.reduce((n, e) => n + e.stats!.done + e.stats!.errors + e.stats!.skipped, 0)
    await new Promise((r) => setTimeout(r, pollMs))
  }
}

export interface KindThroughput {
  kind: string
  traces: number
  /** traces scored per second through the job system: backfill request → last run logged */
  scored: number
  /** seconds the backfill request took to queue the jobs (inside `scored`) */
  backfillSeconds: number
  /** runEvaluator over the same subjects in a plain loop, no storage */
  pure: number
}

/**
 * Evaluator throughput on SQLite: `traces` traces ingested into a fresh `sightline serve`, then each
 * evaluator in turn backfilled over the newest `tracesFor(kind)` of them and scored by the server's
 * own job runner. Baseline: the same subjects through runEvaluator in a loop.
 */
export async function benchEvaluatorThroughput(traces: number, tracesFor: (kind: string) => number = () => traces) {
  const server = await startCli([], { SIGHTLINE_SECRET_KEY: KEY })
  const results: Omit<KindThroughput, 'pure'>[] = []
  try {
    const bodies = bodiesFor(traces * 2, 't', 2)
    await sendAll(bodies, poster(server.url))
    const client = createClient({ baseUrl: server.url, secretKey: KEY })
    for (const input of EVALUATORS) {
      const e = await client.createEvaluator({ ...input, delaySeconds: 0 })
      const limit = Math.min(traces, tracesFor(input.kind))
      const t = performance.now()
      const { queued } = await client.backfillEvaluator(e.id, { limit })
      const backfillSeconds = (performance.now() - t) / 1000
      const finished = await settled(client, [e.id])
      const seconds = (performance.now() - t) / 1000
      if (queued !== limit || finished !== limit)
        throw new Error(`${input.kind}: queued ${queued}, finished ${finished}, expected ${limit}`)
      results.push({ kind: input.kind, traces: limit, scored: limit / seconds, backfillSeconds })
      // Switched off so it takes no part in what follows.
      await client.updateEvaluator(e.id, { active: false })
    }
  } finally {
    await server.stop()
  }

  // Baseline: the stored traces as the job reads them, evaluated with no storage around it.
  const store = openSqliteStore({ filename: join(server.dataDir, 'sightline.db') })
  const max = Math.max(...results.map((r) => r.traces))
  const subjects: EvalSubject[] = []
  try {
    for (let n = traces - 1; subjects.length < max; n--) {
      const detail = await store.getTrace(DEFAULT_PROJECT_ID, `t${n}`)
      if (!detail) throw new Error(`trace t${n} missing`)
      subjects.push(subjectFromTrace(detail))
    }
  } finally {
    await store.close()
  }
  const out: KindThroughput[] = []
  for (const r of results) {
    const input = EVALUATORS.find((e) => e.kind === r.kind)!
    const check = parseEvaluatorConfig(input.kind, input.config)
    if (!check.ok) throw new Error(`${input.kind}: bad config`)
    out.push({ ...r, pure: await pureRate(input.kind, check.config, subjects.slice(0, r.traces)) })
  }
  return out
}

/** Subjects per second through runEvaluator alone: the best of three passes after a warm-up pass. */
async function pureRate(kind: string, config: Record<string, unknown>, subjects: EvalSubject[]) {
  let best = 0
  for (let pass = 0; pass < 4; pass++) {
    const t = performance.now()
    for (const s of subjects) await runEvaluator(kind, config, s)
    if (pass > 0) best = Math.max(best, subjects.length / ((performance.now() - t) / 1000))
  }
  return best
}

/**
 * The ingest cost of evaluators: the same batches into two fresh `sightline serve` processes, one
 * without evaluators and one with the five above active (default 10 s delay, every trace sampled),
 * whose own job runner scores in the background as it would in production.
 */
export async function benchEvaluatorIngest(spans: number) {
  // bench/ingest.ts's shape: 10 spans a trace, 100 traces a request.
  const bodies = bodiesFor(spans, 'i', 10)
  async function run(withEvaluators: boolean) {
    const server = await startCli([], { SIGHTLINE_SECRET_KEY: KEY })
    try {
      const client = createClient({ baseUrl: server.url, secretKey: KEY })
      const ids = withEvaluators ? await Promise.all(EVALUATORS.map(async (e) => (await client.createEvaluator(e)).id)) : []
      const post = poster(server.url)
      for (const b of bodies.slice(0, 3)) await post(b) // warm-up (re-sent later: idempotent)
      post.resets = 0
      const seconds = await sendAll(bodies, (b) => post(b))
      const t = performance.now()
      const scored = ids.length ? await settled(client, ids, 500) : 0
      return {
        rate: (bodies.length * SPANS_PER_BATCH) / seconds,
        resets: post.resets,
        scored,
        catchUpSeconds: (performance.now() - t) / 1000,
      }
    } finally {
      await server.stop()
    }
  }
  const plain = await run(false)
  const evaluated = await run(true)
  return {
    spans: bodies.length * SPANS_PER_BATCH,
    traces: (bodies.length * SPANS_PER_BATCH) / 10,
    plain: plain.rate,
    evaluated: evaluated.rate,
    ratio: evaluated.rate / plain.rate,
    /** ingest requests whose connection the server reset (sent again), without / with evaluators */
    resets: [plain.resets, evaluated.resets] as const,
    /** runs the background runner finished, and the seconds after the last batch until none was pending */
    scored: evaluated.scored,
    catchUpSeconds: evaluated.catchUpSeconds,
  }
}
