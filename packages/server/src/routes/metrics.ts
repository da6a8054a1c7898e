import { type MetricsResponse, metricsParamsSchema, parseMetricsQuery, traceListParamsSchema } from '@sightline/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { TRACE_LIST_PATTERNS } from '../openapi/trace-params'
import type { AppDeps } from '../app-deps'
import { queryMetrics } from '../services/metrics'
import { readerScope } from '../services/reader-scope'
import { invalidQuery } from '../validation'

const values = z.record(z.string(), z.number().nullable())
const series = z.object({
  group: z.string().nullable().describe('the group\'s value; null without groupBy; "other" for folded groups'),
  points: z.array(z.object({ t: z.string(), values })),
  totals: values,
})
/** The answer's shape: the compiler checks below that the service's MetricsResponse fits it. */
const metricsResponseSchema = z.object({
  interval: metricsParamsSchema.shape.interval.unwrap().exclude(['auto']),
  from: z.string(),
  to: z.string(),
  series: z.array(series),
  totals: values,
  previous: z.object({ from: z.string(), to: z.string(), totals: values, series: z.array(series) }).optional(),
  percentiles: z.object({ relativeError: z.number() }),
})
true satisfies MetricsResponse extends z.output<typeof metricsResponseSchema> ? true : false

const metrics = describe({
  summary: 'Time series and breakdowns of trace metrics',
  description:
    '`metrics` is a comma list of metric names (or `score.<name>.avg|count|distribution`). Every trace-list filter narrows them (not `sort` or `cursor`; `limit` is the number of groups); `from`/`to` default to the last 24 hours.',
  access: 'read',
  // parseMetricsQuery validates the metrics options and the trace-list filters.
  query: traceListParamsSchema.omit({ sort: true, cursor: true, limit: true }).extend(metricsParamsSchema.shape),
  params: TRACE_LIST_PATTERNS,
  response: metricsResponseSchema,
})

export function metricsRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().get('/', metrics, async (c) => {
    const parsed = parseMetricsQuery(new URL(c.req.url).searchParams, now())
    if (!parsed.success) throw invalidQuery(parsed.issues)
    const auth = c.get('auth')
    const q = parsed.data
    return c.json(await queryMetrics(store, auth.projectId, { ...q, filters: readerScope(auth, store).narrow(q.filters) }))
  })
}
