import { z } from 'zod'
import { timeZoneSchema } from '../schemas/common'
import type { ApiIssue } from '../schemas/errors'
import { hasNul, metadataKeyIssue, type ParseResult, parseTraceListQuery, type QueryInput } from '../filters/trace-filters'
import type { TraceFilters } from '../filters/trace-query'

/** Metrics computed from traces (or, grouped by model or provider, from LLM calls). */
export const BASE_METRICS = [
  'count',
  'errors',
  'errorRate',
  'latency.avg',
  'latency.p50',
  'latency.p90',
  'latency.p95',
  'latency.p99',
  'ttft.p50',
  'ttft.p95',
  'tokens.input.sum',
  'tokens.input.avg',
  'tokens.output.sum',
  'tokens.output.avg',
  'tokens.total.sum',
  'tokens.total.avg',
  'cost.sum',
  'cost.avg',
  'users',
  'sessions',
  'feedback.count',
  'feedback.positiveRate',
  'feedback.negative',
] as const
export type BaseMetric = (typeof BASE_METRICS)[number]
/** `score.<name>.avg|count|distribution`; a distribution answers one key per value: `score.<name>.distribution.<value>`. */
export type ScoreMetric = `score.${string}.${'avg' | 'count' | 'distribution'}`
export type MetricName = BaseMetric | ScoreMetric

export const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '1w', '1mo'] as const
export type Interval = (typeof INTERVALS)[number]
/** Bucket lengths. Days start at local midnight, weeks on Monday, months on the 1st, so `1mo` is nominal. */
export const INTERVAL_MS: Record<Interval, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '3h': 10_800_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
  '1mo': 2_592_000_000,
}
/** `auto` picks the finest interval that keeps a series at or under this many points. */
export const MAX_AUTO_POINTS = 800
export const MAX_POINTS = 5000
/** Points in one answer, over every series (top groups and "other") and both periods with compare. */
export const MAX_METRIC_CELLS = 50_000
/** The widest `from`..`to`: about ten years, 122 monthly points. */
export const MAX_RANGE_DAYS = 3660
/** Metric names in one query. */
export const MAX_METRICS = 30

/** Points `interval` cuts `rangeMs` into: aligning to whole buckets can add one. */
export const pointsIn = (interval: Interval, rangeMs: number) => Math.ceil(rangeMs / INTERVAL_MS[interval]) + 1

/** Series one answer draws: the top `limit` groups plus "other" (or one), twice with compare. */
export const seriesIn = (q: Pick<MetricsQuery, 'groupBy' | 'limit' | 'compare'>) => (q.groupBy ? q.limit + 1 : 1) * (q.compare ? 2 : 1)

export const GROUP_BY_FIELDS = ['model', 'provider', 'name', 'environment', 'release', 'version', 'userId', 'tag'] as const
/** Also `metadata.<key>` and `score.<name>` (a categorical or boolean score's value). */
export type GroupBy = (typeof GROUP_BY_FIELDS)[number] | `metadata.${string}` | `score.${string}`

export interface MetricsQuery {
  metrics: MetricName[]
  /** epoch ms; defaults: the last 24 hours */
  from: number
  to: number
  interval: Interval | 'auto'
  /** IANA time zone for bucket boundaries (days start at local midnight) */
  tz: string
  groupBy?: GroupBy | undefined
  /** top groups kept; the rest is folded into "other" */
  limit: number
  compare?: 'previous' | undefined
  filters: TraceFilters
}

export const DEFAULT_GROUP_LIMIT = 10
export const MAX_GROUP_LIMIT = 100

const METRIC_PATTERN = /^score\.(.+)\.(avg|count|distribution)$/

/** The metrics options as `parseMetricsQuery` validates them (beside the trace-list filters). */
export const metricsParamsSchema = z.strictObject({
  metrics: z
    .string()
    .min(1, 'name at least one metric')
    .transform((s, ctx) => {
      const names = s
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
      for (const m of names)
        if (!(BASE_METRICS as readonly string[]).includes(m) && !METRIC_PATTERN.test(m))
          ctx.addIssue({
            code: 'custom',
            message: `unknown metric "${m}"; known: ${BASE_METRICS.join(', ')}, score.<name>.avg|count|distribution`,
          })
        else if (METRIC_PATTERN.exec(m)?.[1] === '__proto__')
          ctx.addIssue({ code: 'custom', message: '"__proto__" is not a usable score name' })
      if (new Set(names).size > MAX_METRICS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_METRICS} metrics in one query` })
      return [...new Set(names)] as MetricName[]
    }),
  interval: z.enum(['auto', ...INTERVALS]).default('auto'),
  tz: timeZoneSchema.default('UTC'),
  groupBy: z
    .string()
    .refine(
      (g) => (GROUP_BY_FIELDS as readonly string[]).includes(g) || /^metadata\..+/.test(g) || /^score\..+/.test(g),
      `expected one of ${GROUP_BY_FIELDS.join(', ')}, metadata.<key>, score.<name>`,
    )
    .superRefine((g, ctx) => {
      const problem = g.startsWith('metadata.')
        ? metadataKeyIssue(g.slice(9))
        : g === 'score.__proto__'
          ? '"__proto__" is not a usable score name'
          : null
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_GROUP_LIMIT).default(DEFAULT_GROUP_LIMIT),
  compare: z.enum(['previous']).optional(),
})

const OWN_KEYS = new Set(['metrics', 'interval', 'tz', 'groupBy', 'limit', 'compare'])

/**
 * Reads `GET /api/v1/metrics` parameters: metrics options plus every trace-list filter (same
 * names). `from`/`to` default to the last 24 hours before `now`.
 */
export function parseMetricsQuery(input: QueryInput, now: number = Date.now()): ParseResult<MetricsQuery> {
  const entries =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]]))
  const own: Record<string, string> = {}
  const rest = new URLSearchParams()
  const issues: ApiIssue[] = []
  for (const [k, v] of entries as [string, string][]) {
    if (OWN_KEYS.has(k) && (hasNul(k) || hasNul(v))) issues.push({ path: [k], message: 'must not contain NUL (\\u0000) characters' })
    else if (OWN_KEYS.has(k)) {
      if (k in own) issues.push({ path: [k], message: 'given more than once' })
      own[k] = v
    } else if (k === 'sort' || k === 'cursor') issues.push({ path: [k], message: 'not a metrics parameter' })
    else rest.append(k, v)
  }
  if (!('metrics' in own)) issues.push({ path: ['metrics'], message: 'required: a comma list of metric names' })
  const parsed = metricsParamsSchema.safeParse(own)
  if (!parsed.success) for (const i of parsed.error.issues) issues.push({ path: i.path.map(String), message: i.message })
  const filters = parseTraceListQuery(rest)
  if (!filters.success) issues.push(...filters.issues)
  if (issues.length || !parsed.success || !filters.success) return { success: false, issues }
  const { sort: _s, limit: _l, cursor: _c, from, to, ...traceFilters } = filters.data
  const end = to ?? now
  const start = from ?? end - 86_400_000
  if (start >= end) return { success: false, issues: [{ path: ['from'], message: 'from must be before to' }] }
  const q: MetricsQuery = {
    ...parsed.data,
    groupBy: parsed.data.groupBy as GroupBy | undefined,
    from: start,
    to: end,
    filters: traceFilters,
  }
  // Refused before any work: the answer's size is buckets × series, and each must be bounded.
  const span = end - start
  if (span > MAX_RANGE_DAYS * 86_400_000)
    return {
      success: false,
      issues: [
        { path: ['from'], message: `from..to spans more than ${MAX_RANGE_DAYS} days (about 10 years), the limit; narrow the range` },
      ],
    }
  if (q.interval !== 'auto') {
    const points = pointsIn(q.interval, span)
    if (span / INTERVAL_MS[q.interval] > MAX_POINTS)
      return {
        success: false,
        issues: [
          { path: ['interval'], message: `${q.interval} over this range gives more than ${MAX_POINTS} points; pick a coarser interval` },
        ],
      }
    const cells = points * seriesIn(q)
    if (cells > MAX_METRIC_CELLS)
      return {
        success: false,
        issues: [
          {
            path: ['interval'],
            message: `${q.interval} over this range gives ${points} points × ${seriesIn(q)} series (top groups and "other", twice with compare) = ${cells}, over the limit of ${MAX_METRIC_CELLS}; pick a coarser interval or a lower limit`,
          },
        ],
      }
  }
  return { success: true, data: q }
}

/**
 * The interval `auto` resolves to: the finest that keeps a series at or under MAX_AUTO_POINTS
 * and the whole answer (`series` of them) within MAX_METRIC_CELLS. Past a day it goes to weeks
 * and months, so every range up to MAX_RANGE_DAYS fits.
 */
export function resolveInterval(interval: Interval | 'auto', rangeMs: number, series = 1): Interval {
  if (interval !== 'auto') return interval
  return INTERVALS.find((i) => rangeMs / INTERVAL_MS[i] <= MAX_AUTO_POINTS && pointsIn(i, rangeMs) * series <= MAX_METRIC_CELLS) ?? '1mo'
}

/** A metric's value per point; `null` means no data (drawn as a gap). */
export interface MetricPoint {
  t: string
  values: Record<string, number | null>
}
export interface MetricSeries {
  /** the group's value; null without groupBy; "other" for folded groups */
  group: string | null
  points: MetricPoint[]
  /** the metrics over the whole range for this group */
  totals: Record<string, number | null>
}
export interface MetricsResponse {
  interval: Interval
  from: string
  to: string
  series: MetricSeries[]
  totals: Record<string, number | null>
  previous?: { from: string; to: string; totals: Record<string, number | null>; series: MetricSeries[] }
  /** how percentiles were computed */
  percentiles: { relativeError: number }
}

export const OTHER_GROUP = 'other'
