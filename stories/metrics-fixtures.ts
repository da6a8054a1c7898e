import { type FetchLike, INTERVAL_MS, type Interval, type MetricSeries, type MetricsResponse, OTHER_GROUP } from '@sightline/core'
import { random } from './fixtures'

/** Where the story data ends: fixed, so stories look the same on every build. */
export const STORY_NOW = Date.UTC(2026, 10, 26, 18, 0)

const GROUPS: Record<string, string[]> = {
  model: [
    'gpt-4o',
    'gpt-4o-mini',
    'claude-3-5-sonnet',
    'text-embedding-3-small',
    'gemini-1.5-flash',
    'claude-3-haiku',
    'llama-3.1-70b',
    'mistral-large',
    'o1-mini',
    'command-r',
    'deepseek-v3',
    'qwen-2.5',
  ],
  environment: ['production', 'staging', 'development'],
  release: ['1.6.0', '1.5.2', '1.5.0', '1.4.1'],
  name: ['rag-qa', 'chat', 'support-agent', 'summarize', 'classify-intent'],
  version: ['prompt-v7', 'prompt-v6', 'prompt-v3'],
  'metadata.plan': ['free', 'pro', 'enterprise'],
}

export interface FixtureOptions {
  metrics: readonly string[]
  from: number
  to: number
  interval: Interval
  groupBy?: string | null
  /** the groups' values; by default a realistic list for the groupBy */
  groups?: string[]
  /** groups kept before the rest is folded into "other" */
  limit?: number
  compare?: boolean
  seed?: number
  /** 0..1: share of traffic (quiet hours have none, so averages there are gaps) */
  busy?: number | undefined
}

interface Cell {
  count: number
  errors: number
  latency: number
  ttft: number
  tokensIn: number
  tokensOut: number
  cost: number
  feedback: number
  positive: number
  scores: Record<string, number[]>
}

function cell(next: () => number, scale: number, hour: number, scoreNames: string[], busy: number): Cell {
  // Busier by day than by night, with the occasional empty bucket.
  const daily = 0.55 + 0.45 * Math.sin(((hour - 8) / 24) * 2 * Math.PI)
  const count = next() < busy ? Math.round(scale * daily * (4 + 8 * next())) : 0
  const errors = Math.round(count * 0.06 * next())
  const feedback = Math.round(count * 0.4 * next())
  const scores: Record<string, number[]> = {}
  for (const name of scoreNames)
    scores[name] = Array.from({ length: Math.round(count * 0.5 * next()) }, () => Math.round((0.45 + 0.55 * next()) * 100) / 100)
  return {
    count,
    errors,
    latency: 700 + 1600 * next(),
    ttft: 200 + 500 * next(),
    tokensIn: count * Math.round(150 + 250 * next()),
    tokensOut: count * Math.round(40 + 120 * next()),
    cost: count * (0.0004 + 0.002 * next()),
    feedback,
    positive: Math.round(feedback * (0.6 + 0.35 * next())),
    scores,
  }
}

function merge(cells: Cell[]): Cell {
  const out: Cell = { count: 0, errors: 0, latency: 0, ttft: 0, tokensIn: 0, tokensOut: 0, cost: 0, feedback: 0, positive: 0, scores: {} }
  let weighted = 0
  for (const c of cells) {
    out.count += c.count
    out.errors += c.errors
    out.tokensIn += c.tokensIn
    out.tokensOut += c.tokensOut
    out.cost += c.cost
    out.feedback += c.feedback
    out.positive += c.positive
    out.latency += c.latency * c.count
    out.ttft += c.ttft * c.count
    weighted += c.count
    for (const [k, v] of Object.entries(c.scores)) (out.scores[k] ??= []).push(...v)
  }
  out.latency = weighted ? out.latency / weighted : 0
  out.ttft = weighted ? out.ttft / weighted : 0
  return out
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

/** The values the API would answer for one cell: counts and sums 0 when empty, the rest null. */
function values(c: Cell, metrics: readonly string[], percentileSpread: (p: number) => number): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  const none = c.count === 0
  for (const m of metrics) {
    const score = /^score\.(.+)\.(avg|count|distribution)$/.exec(m)
    if (score) {
      const list = c.scores[score[1]!] ?? []
      if (score[2] === 'avg') out[m] = list.length ? round(list.reduce((a, b) => a + b, 0) / list.length) : null
      else if (score[2] === 'count') out[m] = list.length
      else for (const v of list) out[`${m}.${v}`] = (out[`${m}.${v}`] ?? 0) + 1
      continue
    }
    const p = /^(latency|ttft)\.p(\d+)$/.exec(m)
    if (p) {
      out[m] = none ? null : round((p[1] === 'latency' ? c.latency : c.ttft) * percentileSpread(Number(p[2])))
      continue
    }
    switch (m) {
      case 'count':
        out[m] = c.count
        break
      case 'errors':
        out[m] = c.errors
        break
      case 'errorRate':
        out[m] = none ? null : round(c.errors / c.count)
        break
      case 'latency.avg':
        out[m] = none ? null : round(c.latency)
        break
      case 'tokens.input.sum':
        out[m] = c.tokensIn
        break
      case 'tokens.output.sum':
        out[m] = c.tokensOut
        break
      case 'tokens.total.sum':
        out[m] = c.tokensIn + c.tokensOut
        break
      case 'tokens.input.avg':
        out[m] = none ? null : round(c.tokensIn / c.count)
        break
      case 'tokens.output.avg':
        out[m] = none ? null : round(c.tokensOut / c.count)
        break
      case 'tokens.total.avg':
        out[m] = none ? null : round((c.tokensIn + c.tokensOut) / c.count)
        break
      case 'cost.sum':
        out[m] = round(c.cost)
        break
      case 'cost.avg':
        out[m] = none ? null : round(c.cost / c.count)
        break
      case 'users':
        out[m] = Math.ceil(c.count / 3)
        break
      case 'sessions':
        out[m] = Math.ceil(c.count / 2)
        break
      case 'feedback.count':
        out[m] = c.feedback
        break
      case 'feedback.positiveRate':
        out[m] = c.feedback ? round(c.positive / c.feedback) : null
        break
      case 'feedback.negative':
        out[m] = c.feedback - c.positive
        break
    }
  }
  return out
}

const spread = (p: number) => 0.6 + (p / 100) ** 3 * 1.4

function generate(
  options: FixtureOptions,
  from: number,
  to: number,
  seed: number,
): { series: MetricSeries[]; totals: Record<string, number | null> } {
  const { metrics, interval, groupBy, limit = 10, busy = 0.85 } = options
  const step = INTERVAL_MS[interval]
  const times: number[] = []
  for (let t = from; t < to; t += step) times.push(t)
  const scoreNames = [
    ...new Set(metrics.map((m) => /^score\.(.+)\.(avg|count|distribution)$/.exec(m)?.[1]).filter((n): n is string => !!n)),
  ]
  const names: (string | null)[] = groupBy ? (options.groups ?? GROUPS[groupBy] ?? ['a', 'b', 'c']) : [null]
  const next = random(seed)
  const grid = names.map((_, i) => times.map((t) => cell(next, 1 / (1 + i * 0.6), new Date(t).getUTCHours(), scoreNames, busy)))
  const kept = grid.slice(0, limit)
  const folded = grid.slice(limit)
  // Every row of the grid has a cell per time, and a group name per row.
  if (folded.length) kept.push(times.map((_, b) => merge(folded.map((g) => g[b]!))))
  const groups = folded.length ? [...names.slice(0, limit), OTHER_GROUP] : names
  const series = kept.map((cells, i) => ({
    group: groups[i]!,
    points: cells.map((c, b) => ({ t: new Date(times[b]!).toISOString(), values: values(c, metrics, spread) })),
    totals: values(merge(cells), metrics, spread),
  }))
  return { series, totals: values(merge(grid.flat()), metrics, spread) }
}

/** A metrics answer with the shape and the gaps of the real API's, made up deterministically. */
export function metricsFixture(options: FixtureOptions): MetricsResponse {
  const step = INTERVAL_MS[options.interval]
  const from = Math.floor(options.from / step) * step
  const to = Math.ceil(options.to / step) * step
  const seed = options.seed ?? 7
  const { series, totals } = generate(options, from, to, seed)
  const response: MetricsResponse = {
    interval: options.interval,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    series,
    totals,
    percentiles: { relativeError: 0.01 },
  }
  if (options.compare) {
    const previous = generate({ ...options, groupBy: null }, from - (to - from), from, seed + 1)
    response.previous = {
      from: new Date(from - (to - from)).toISOString(),
      to: new Date(from).toISOString(),
      totals: previous.totals,
      series: previous.series,
    }
  }
  return response
}

/** A `fetch` for <SightlineProvider>: answers `GET /api/v1/metrics` from the fixture generator. */
export function fixtureMetricsFetch(
  options: { delayMs?: number; fail?: { status: number; message: string }; empty?: boolean; never?: boolean } = {},
): FetchLike {
  return async (url) => {
    if (options.never) return new Promise<Response>(() => {})
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
    if (options.fail)
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: options.fail.message } }), {
        status: options.fail.status,
      })
    const params = new URL(url, 'http://stories.local').searchParams
    const response = metricsFixture({
      metrics: (params.get('metrics') ?? 'count').split(','),
      from: Date.parse(params.get('from') ?? new Date(STORY_NOW - 86_400_000).toISOString()),
      to: Date.parse(params.get('to') ?? new Date(STORY_NOW).toISOString()),
      interval: (params.get('interval') as Interval | null) ?? '1h',
      groupBy: params.get('groupBy'),
      limit: Number(params.get('limit') ?? 10),
      compare: params.get('compare') === 'previous',
      busy: options.empty ? 0 : undefined,
    })
    return new Response(JSON.stringify(response), { status: 200, headers: { 'content-type': 'application/json' } })
  }
}

const DAY = 86_400_000
/** Seven days by day, ungrouped, with the previous week: stat cards and single-series charts. */
export const weekTotals = metricsFixture({
  metrics: [
    'count',
    'errors',
    'errorRate',
    'latency.p50',
    'latency.p95',
    'tokens.total.sum',
    'cost.sum',
    'feedback.positiveRate',
    'score.helpfulness.avg',
  ],
  from: STORY_NOW - 7 * DAY,
  to: STORY_NOW,
  interval: '6h',
  compare: true,
})

/** The last 24 hours by model: twelve models, the smallest folded into "other". */
export const dayByModel = metricsFixture({
  metrics: ['count', 'errors', 'errorRate', 'latency.p50', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate'],
  from: STORY_NOW - DAY,
  to: STORY_NOW,
  interval: '1h',
  groupBy: 'model',
  limit: 8,
  busy: 0.7,
})

/** Seven days by environment: a quiet staging with gaps in its averages. */
export const weekByEnvironment = metricsFixture({
  metrics: ['count', 'errors', 'errorRate', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate'],
  from: STORY_NOW - 7 * DAY,
  to: STORY_NOW,
  interval: '6h',
  groupBy: 'environment',
  busy: 0.6,
})

/** Nothing happened: counts are zero, everything else is a gap. */
export const emptyWeek = metricsFixture({
  metrics: ['count', 'errors', 'errorRate', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate'],
  from: STORY_NOW - 7 * DAY,
  to: STORY_NOW,
  interval: '6h',
  busy: 0,
  compare: true,
})

/** Score distributions: a boolean thumbs score, a categorical one, and a numeric evaluator score. */
export const scoreDistributions = metricsFixture({
  metrics: ['score.helpfulness.distribution'],
  from: STORY_NOW - 7 * DAY,
  to: STORY_NOW,
  interval: '1d',
})
scoreDistributions.totals = {
  ...scoreDistributions.totals,
  'score.user_feedback.distribution.true': 87,
  'score.user_feedback.distribution.false': 30,
  'score.tone.distribution.friendly': 52,
  'score.tone.distribution.neutral': 31,
  'score.tone.distribution.curt': 9,
  'score.tone.distribution.rude': 2,
  'score.rating.distribution.1': 4,
  'score.rating.distribution.2': 7,
  'score.rating.distribution.3': 18,
  'score.rating.distribution.4': 35,
  'score.rating.distribution.5': 29,
}
