import type { MetricSeries, MetricsResponse } from '@sightline/core'

const DAY = 86_400_000
export const T0 = Date.UTC(2026, 10, 20)
export const at = (i: number) => new Date(T0 + i * DAY).toISOString()

type Values = Record<string, number | null>

function series(group: string | null, perDay: Values[]): MetricSeries {
  const totals: Values = {}
  for (const v of perDay)
    for (const [k, n] of Object.entries(v)) if (k === 'count' || k === 'errors') totals[k] = (totals[k] ?? 0) + (n ?? 0)
  return { group, points: perDay.map((values, i) => ({ t: at(i), values })), totals }
}

/**
 * Four days by environment: staging has no traces on day 2, so its p95 is a gap there (not 0);
 * "other" folds the smaller environments.
 */
export function byEnvironment(): MetricsResponse {
  const production = series('production', [
    { count: 10, errors: 1, 'latency.p95': 1200 },
    { count: 12, errors: 0, 'latency.p95': 1500 },
    { count: 9, errors: 2, 'latency.p95': 1100 },
    { count: 11, errors: 1, 'latency.p95': 1300 },
  ])
  production.totals['latency.p95'] = 1450
  const staging = series('staging', [
    { count: 3, errors: 0, 'latency.p95': 800 },
    { count: 0, errors: 0, 'latency.p95': null },
    { count: 2, errors: 1, 'latency.p95': 950 },
    { count: 1, errors: 0, 'latency.p95': 700 },
  ])
  staging.totals['latency.p95'] = 930
  const other = series('other', [
    { count: 1, errors: 0, 'latency.p95': 400 },
    { count: 1, errors: 0, 'latency.p95': 500 },
    { count: 1, errors: 0, 'latency.p95': 450 },
    { count: 1, errors: 0, 'latency.p95': 420 },
  ])
  other.totals['latency.p95'] = 500
  return {
    interval: '1d',
    from: at(0),
    to: at(4),
    series: [production, staging, other],
    totals: { count: 52, errors: 5, 'latency.p95': 1400 },
    percentiles: { relativeError: 0.01 },
  }
}

/** Ungrouped totals with the previous period, for stat cards. */
export function withPrevious(totals: Values, previous: Values): MetricsResponse {
  return {
    interval: '1d',
    from: at(0),
    to: at(2),
    series: [series(null, [totals, totals])].map((s) => ({ ...s, totals })),
    totals,
    previous: { from: at(-2), to: at(0), totals: previous, series: [] },
    percentiles: { relativeError: 0.01 },
  }
}

/** Zero-filled counts only: nothing happened in the range. */
export function emptyRange(): MetricsResponse {
  return {
    interval: '1d',
    from: at(0),
    to: at(2),
    series: [
      series(null, [
        { count: 0, 'latency.p95': null },
        { count: 0, 'latency.p95': null },
      ]),
    ],
    totals: { count: 0, 'latency.p95': null },
    percentiles: { relativeError: 0.01 },
  }
}

/**
 * Four days by model: the LLM calls themselves never failed (the errors were on tool spans, which
 * a model grouping does not count). Tokens and cost jump on day 3.
 */
export function byModel(): MetricsResponse {
  const day = (count: number, tokens: number, cost: number): Values => ({
    count,
    errors: 0,
    errorRate: 0,
    'tokens.total.sum': tokens,
    'cost.sum': cost,
  })
  const gpt = series('gpt-4o', [day(10, 1000, 0.01), day(12, 1200, 0.012), day(9, 9000, 0.09), day(11, 1100, 0.011)])
  const claude = series('claude-sonnet', [day(4, 400, 0.004), day(3, 300, 0.003), day(5, 500, 0.005), day(4, 400, 0.004)])
  return {
    interval: '1d',
    from: at(0),
    to: at(4),
    series: [gpt, claude],
    totals: { count: 58, errors: 0, errorRate: 0 },
    percentiles: { relativeError: 0.01 },
  }
}
