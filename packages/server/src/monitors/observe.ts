import { type MetricsResponse, type MonitorWindow, parseMetricsQuery, type TraceFilters } from '@sightline/core'
import { queryMetrics } from '../services/metrics'
import type { Store } from '../store/types'
import type { WindowObs } from './detect'

/** How a monitor metric is read from the metrics API: which metrics to ask for and how to fold them. */
export interface MetricReading {
  kind: 'rate' | 'value'
  metrics: string[]
  read(values: Record<string, number | null>): Omit<WindowObs, 'start'>
}

const n = (v: number | null | undefined) => v ?? 0

/**
 * `feedback.negativeRate`, `feedback.positiveRate`, `errorRate` and `score.<name>.rate.<value>` are
 * rates (successes out of samples); any other metrics-API metric is a value resting on the
 * window's count (traces, or the score's count).
 */
export function readingOf(metric: string): MetricReading {
  if (metric === 'feedback.negativeRate' || metric === 'feedback.positiveRate') {
    const hit = metric === 'feedback.negativeRate' ? 'feedback.negative' : 'feedback.positiveRate'
    return {
      kind: 'rate',
      metrics: ['feedback.count', hit],
      read: (v) => {
        const samples = n(v['feedback.count'])
        const successes = hit === 'feedback.negative' ? n(v[hit]) : Math.round(n(v[hit]) * samples)
        return { samples, successes, value: samples ? successes / samples : null }
      },
    }
  }
  if (metric === 'errorRate')
    return {
      kind: 'rate',
      metrics: ['count', 'errors'],
      read: (v) => ({ samples: n(v.count), successes: n(v.errors), value: n(v.count) ? n(v.errors) / n(v.count) : null }),
    }
  const rate = /^score\.(.+)\.rate\.([^.]+)$/.exec(metric)
  if (rate) {
    const [, name, value] = rate
    return {
      kind: 'rate',
      metrics: [`score.${name}.count`, `score.${name}.distribution`],
      read: (v) => {
        const samples = n(v[`score.${name}.count`])
        const successes = n(v[`score.${name}.distribution.${value}`])
        return { samples, successes, value: samples ? successes / samples : null }
      },
    }
  }
  const score = /^score\.(.+)\.(avg|count)$/.exec(metric)
  const count = score ? `score.${score[1]}.count` : 'count'
  return {
    kind: 'value',
    metrics: [...new Set([metric, count])],
    read: (v) => ({ samples: n(v[count]), value: v[metric] ?? null }),
  }
}

export interface SeriesRequest {
  metric: string
  window: MonitorWindow | '1h'
  from: number
  to: number
  filters: Record<string, string | number | string[]>
  groupBy?: string | null | undefined
  /** top groups by volume */
  limit?: number
}

/** A metrics query from a monitor's fields; its issues (unknown metric, filter, group) come back as they would from the API. */
export function metricsQueryOf(req: SeriesRequest, reading: MetricReading) {
  const params = new URLSearchParams({
    metrics: reading.metrics.join(','),
    from: String(req.from),
    to: String(req.to),
    interval: req.window,
    tz: 'UTC',
    limit: String(req.limit ?? 10),
  })
  if (req.groupBy) params.set('groupBy', req.groupBy)
  for (const [k, v] of Object.entries(req.filters)) for (const x of [v].flat()) params.append(k, String(x))
  return parseMetricsQuery(params, req.to)
}

/** Observations per group (null without groupBy), one per window, oldest first. */
export async function observe(store: Store, projectId: string, req: SeriesRequest): Promise<Map<string | null, WindowObs[]>> {
  const reading = readingOf(req.metric)
  const parsed = metricsQueryOf(req, reading)
  if (!parsed.success) throw new Error(`monitor query is not valid: ${parsed.issues.map((i) => i.message).join('; ')}`)
  const res: MetricsResponse = await queryMetrics(store, projectId, { ...parsed.data, filters: parsed.data.filters as TraceFilters })
  const out = new Map<string | null, WindowObs[]>()
  for (const s of res.series)
    out.set(
      s.group,
      s.points.map((p) => ({ start: Date.parse(p.t), ...reading.read(p.values) })),
    )
  return out
}
