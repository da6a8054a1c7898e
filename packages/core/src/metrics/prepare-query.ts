// The URL form of a metrics request, and the dashboard's time-range presets. No zod here: the
// browser client imports this.
import { type TraceFilters, traceListQueryToParams } from '../filters/trace-query'
import type { GroupBy, Interval, MetricName } from './metrics-query'

/** What `client.getMetrics` takes: the parameters of `GET /api/v1/metrics`, all but `metrics` optional. */
export interface MetricsRequest {
  metrics: readonly MetricName[]
  /** epoch ms, ISO string or Date; the server's default is 24 hours before `to` */
  from?: number | string | Date | undefined
  /** the server's default is now */
  to?: number | string | Date | undefined
  interval?: Interval | 'auto' | undefined
  /** IANA zone for bucket boundaries; the server's default is UTC */
  tz?: string | undefined
  groupBy?: GroupBy | undefined
  limit?: number | undefined
  compare?: 'previous' | undefined
  /** trace-list filters (their own `from`/`to` are used only when the request has none) */
  filters?: TraceFilters | undefined
}

function iso(time: number | string | Date): string {
  return typeof time === 'string' ? time : new Date(time).toISOString()
}

/** What the client puts in the URL; `parseMetricsQuery` reads it back. */
export function metricsQueryToParams(request: MetricsRequest): URLSearchParams {
  const { from: filterFrom, to: filterTo, ...filters } = request.filters ?? {}
  const params = new URLSearchParams()
  params.set('metrics', request.metrics.join(','))
  const from = request.from ?? filterFrom
  const to = request.to ?? filterTo
  if (from !== undefined) params.set('from', iso(from))
  if (to !== undefined) params.set('to', iso(to))
  if (request.interval !== undefined) params.set('interval', request.interval)
  if (request.tz !== undefined) params.set('tz', request.tz)
  if (request.groupBy !== undefined) params.set('groupBy', request.groupBy)
  if (request.limit !== undefined) params.set('limit', String(request.limit))
  if (request.compare !== undefined) params.set('compare', request.compare)
  for (const [k, v] of traceListQueryToParams(filters)) params.append(k, v)
  return params
}

export const TIME_RANGES = ['24h', '7d', '30d'] as const
export type TimeRangePreset = (typeof TIME_RANGES)[number]

const RANGES: Record<TimeRangePreset, { ms: number; interval: Interval; label: string }> = {
  '24h': { ms: 86_400_000, interval: '1h', label: 'Last 24 hours' },
  '7d': { ms: 7 * 86_400_000, interval: '6h', label: 'Last 7 days' },
  '30d': { ms: 30 * 86_400_000, interval: '1d', label: 'Last 30 days' },
}

export interface TimeRange {
  from: number
  to: number
  interval: Interval
  label: string
}

/**
 * The window a preset covers, ending now. `to` is rounded up to the minute so renders within the
 * same minute ask for the same query (and hit the same cache entry).
 */
export function prepareTimeRange(preset: TimeRangePreset, now: number = Date.now()): TimeRange {
  const { ms, interval, label } = RANGES[preset]
  const to = Math.ceil(now / 60_000) * 60_000
  return { from: to - ms, to, interval, label }
}
