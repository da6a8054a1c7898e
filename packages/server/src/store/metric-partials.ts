/**
 * Mergeable metric state for one (bucket, group): counts, sums, distinct sets and log-scale
 * histograms. Partials add up (and, for rollups, subtract), so buckets fold into totals, groups
 * into "other", and hourly rollups into any hour-aligned bucket, all with the same code.
 */

/** Histogram bins grow by 2 %: a percentile read at a bin's geometric middle is within 1 %. */
const GAMMA = 1.02
const LOG_GAMMA = Math.log(GAMMA)
export const PERCENTILE_RELATIVE_ERROR = Math.round((Math.sqrt(GAMMA) - 1) * 1e4) / 1e4

/** bin → count; bin "z" holds zeros */
export type Hist = Record<string, number>

export interface ScorePartial {
  count: number
  /** numeric and boolean values (true = 1) */
  sum: number
  numeric: number
  dist: Record<string, number>
}

export interface MetricPartial {
  count: number
  errors: number
  latencySum: number
  latencyN: number
  latency: Hist
  ttft: Hist
  inputTokens: number
  outputTokens: number
  totalTokens: number
  costSum: number
  costN: number
  users?: Set<string>
  sessions?: Set<string>
  feedback: number
  positive: number
  negative: number
  scores: Record<string, ScorePartial>
}

export const emptyPartial = (): MetricPartial => ({
  count: 0,
  errors: 0,
  latencySum: 0,
  latencyN: 0,
  latency: {},
  ttft: {},
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  costSum: 0,
  costN: 0,
  feedback: 0,
  positive: 0,
  negative: 0,
  scores: {},
})

export const histBin = (v: number): string => (v <= 0 ? 'z' : String(Math.floor(Math.log(v) / LOG_GAMMA)))

// Hot in every query: for..in and no deletes unless subtracting (deletes deoptimise objects).
function addHist(into: Hist, from: Hist, sign: 1 | -1) {
  for (const bin in from) {
    const next = (into[bin] ?? 0) + sign * from[bin]!
    if (next === 0 && sign < 0) delete into[bin]
    else into[bin] = next
  }
}

/** The q-quantile (0..1) by nearest rank over a histogram. */
export function histQuantile(h: Hist, q: number): number | null {
  const bins: [number, number][] = []
  let total = 0
  for (const b in h) {
    if (!h[b]) continue
    bins.push([b === 'z' ? -Infinity : Number(b), h[b]])
    total += h[b]
  }
  if (!total) return null
  bins.sort((a, b) => a[0] - b[0])
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (const [bin, n] of bins) {
    seen += n
    if (seen >= rank) return bin === -Infinity ? 0 : GAMMA ** (bin + 0.5)
  }
  return null
}

/** One trace or LLM call. */
export interface MetricUnit {
  error: boolean
  latency: number | null
  ttft: number | null
  inputTokens: number
  outputTokens: number
  totalTokens: number
  cost: number | null
  user?: string | null
  session?: string | null
}

export function addUnit(p: MetricPartial, u: MetricUnit, distinct: { users: boolean; sessions: boolean }) {
  p.count++
  if (u.error) p.errors++
  if (u.latency != null) {
    p.latencySum += u.latency
    p.latencyN++
    const b = histBin(u.latency)
    p.latency[b] = (p.latency[b] ?? 0) + 1
  }
  if (u.ttft != null) {
    const b = histBin(u.ttft)
    p.ttft[b] = (p.ttft[b] ?? 0) + 1
  }
  p.inputTokens += u.inputTokens
  p.outputTokens += u.outputTokens
  p.totalTokens += u.totalTokens
  if (u.cost != null) {
    p.costSum += u.cost
    p.costN++
  }
  addDistinct(p, u, distinct)
}

/** Only the distinct users and sessions of a unit (its counts come from elsewhere). */
export function addDistinct(p: MetricPartial, u: Pick<MetricUnit, 'user' | 'session'>, distinct: { users: boolean; sessions: boolean }) {
  if (distinct.users && u.user) (p.users ??= new Set()).add(u.user)
  if (distinct.sessions && u.session) (p.sessions ??= new Set()).add(u.session)
}

export function addFeedback(p: MetricPartial, polarity: number | null) {
  p.feedback++
  if (polarity === 1) p.positive++
  if (polarity === -1) p.negative++
}

export function addScore(p: MetricPartial, name: string, value: number | string | boolean) {
  const s = (p.scores[name] ??= { count: 0, sum: 0, numeric: 0, dist: {} })
  s.count++
  if (typeof value !== 'string') {
    s.sum += Number(value)
    s.numeric++
  }
  const key = typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value)
  s.dist[key] = (s.dist[key] ?? 0) + 1
}

/** `into` ∪ `from`, adding to `into` in place (a fresh set when there is none: `from` is never shared). */
export function union(into: Set<string> | undefined, from: ReadonlySet<string>): Set<string> {
  const out = into ?? new Set<string>()
  for (const v of from) out.add(v)
  return out
}

/** into += from (sign 1) or into -= from (sign -1); distinct sets only ever add. */
export function mergePartial(into: MetricPartial, from: MetricPartial, sign: 1 | -1 = 1): MetricPartial {
  for (const k of [
    'count',
    'errors',
    'latencySum',
    'latencyN',
    'inputTokens',
    'outputTokens',
    'totalTokens',
    'costSum',
    'costN',
    'feedback',
    'positive',
    'negative',
  ] as const)
    into[k] += sign * from[k]
  addHist(into.latency, from.latency, sign)
  addHist(into.ttft, from.ttft, sign)
  if (from.users) into.users = union(into.users, from.users)
  if (from.sessions) into.sessions = union(into.sessions, from.sessions)
  for (const [name, s] of Object.entries(from.scores)) {
    const t = (into.scores[name] ??= { count: 0, sum: 0, numeric: 0, dist: {} })
    t.count += sign * s.count
    t.sum += sign * s.sum
    t.numeric += sign * s.numeric
    addHist(t.dist, s.dist, sign)
  }
  return into
}

const ratio = (a: number, b: number) => (b ? a / b : null)
const round = (v: number | null) => (v == null ? null : Math.round(v * 1e10) / 1e10)

/**
 * The requested metrics from a partial. Counts and sums are 0 with no data; averages, rates and
 * percentiles are null (a gap).
 */
export function finalize(p: MetricPartial, metrics: readonly string[]): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const m of metrics) {
    switch (m) {
      case 'count':
        out[m] = p.count
        break
      case 'errors':
        out[m] = p.errors
        break
      case 'errorRate':
        out[m] = ratio(p.errors, p.count)
        break
      case 'latency.avg':
        out[m] = ratio(p.latencySum, p.latencyN)
        break
      case 'latency.p50':
        out[m] = histQuantile(p.latency, 0.5)
        break
      case 'latency.p90':
        out[m] = histQuantile(p.latency, 0.9)
        break
      case 'latency.p95':
        out[m] = histQuantile(p.latency, 0.95)
        break
      case 'latency.p99':
        out[m] = histQuantile(p.latency, 0.99)
        break
      case 'ttft.p50':
        out[m] = histQuantile(p.ttft, 0.5)
        break
      case 'ttft.p95':
        out[m] = histQuantile(p.ttft, 0.95)
        break
      case 'tokens.input.sum':
        out[m] = p.inputTokens
        break
      case 'tokens.input.avg':
        out[m] = ratio(p.inputTokens, p.count)
        break
      case 'tokens.output.sum':
        out[m] = p.outputTokens
        break
      case 'tokens.output.avg':
        out[m] = ratio(p.outputTokens, p.count)
        break
      case 'tokens.total.sum':
        out[m] = p.totalTokens
        break
      case 'tokens.total.avg':
        out[m] = ratio(p.totalTokens, p.count)
        break
      case 'cost.sum':
        out[m] = p.costSum
        break
      case 'cost.avg':
        out[m] = ratio(p.costSum, p.costN)
        break
      case 'users':
        out[m] = p.users?.size ?? 0
        break
      case 'sessions':
        out[m] = p.sessions?.size ?? 0
        break
      case 'feedback.count':
        out[m] = p.feedback
        break
      case 'feedback.positiveRate':
        out[m] = ratio(p.positive, p.positive + p.negative)
        break
      case 'feedback.negative':
        out[m] = p.negative
        break
      default: {
        const [, name, kind] = /^score\.(.+)\.(avg|count|distribution)$/.exec(m) ?? []
        const s = name === undefined ? undefined : p.scores[name]
        if (kind === 'avg') out[m] = s ? ratio(s.sum, s.numeric) : null
        else if (kind === 'count') out[m] = s?.count ?? 0
        else if (kind === 'distribution' && s) for (const [v, n] of Object.entries(s.dist)) out[`${m}.${v}`] = n
      }
    }
    if (typeof out[m] === 'number') out[m] = round(out[m])
  }
  return out
}
