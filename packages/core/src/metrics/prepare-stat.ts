// One number with its change against the previous period (a response fetched with compare=previous).
import type { MetricsResponse } from './metrics-query'
import { type MetricPolarity, metricPolarity } from './prepare-format'
import { metricValue } from './prepare-series'

export interface PreparedStat {
  metric: string
  /** the whole range; null when there was nothing to measure */
  value: number | null
  /** the previous period; null without compare=previous or without data then */
  previous: number | null
  delta: number | null
  /** delta / |previous|; null when previous is 0 or missing */
  deltaRatio: number | null
  direction: 'up' | 'down' | 'flat' | null
  /** whether the change is good news for this metric */
  tone: 'good' | 'bad' | 'neutral' | null
  /** the metric per bucket of the first series (the only one without groupBy), for a small trend line */
  trend: (number | null)[]
}

export interface PrepareStatOptions {
  /** overrides the metric's own (e.g. cost up is good news for a reseller) */
  polarity?: MetricPolarity | undefined
}

// Changes smaller than this share of the previous value (or, from 0, this absolute size) read as flat.
const FLAT = 1e-9

export function prepareStat(response: MetricsResponse, metric: string, options: PrepareStatOptions = {}): PreparedStat {
  const value = metricValue(response.totals, metric)
  const previous = metricValue(response.previous?.totals, metric)
  const delta = value !== null && previous !== null ? value - previous : null
  const deltaRatio = delta !== null && previous !== 0 && previous !== null ? delta / Math.abs(previous) : null
  const direction =
    delta === null ? null : Math.abs(delta) <= FLAT * Math.max(1, Math.abs(previous ?? 0)) ? 'flat' : delta > 0 ? 'up' : 'down'
  const polarity = options.polarity ?? metricPolarity(metric)
  const tone =
    direction === null
      ? null
      : direction === 'flat' || polarity === 'neutral'
        ? 'neutral'
        : (direction === 'up') === (polarity === 'up-good')
          ? 'good'
          : 'bad'
  const trend = (response.series[0]?.points ?? []).map((p) => metricValue(p.values, metric))
  return { metric, value, previous, delta, deltaRatio, direction, tone, trend }
}
