// Names, units and number formats of metrics, shared by every metric panel. No zod, no DOM.
import type { GroupBy } from './metrics-query'

/** How a metric's number reads: counts, ratios (shown as %), milliseconds, tokens, dollars, scores. */
export type MetricUnit = 'count' | 'ratio' | 'ms' | 'tokens' | 'usd' | 'score'

/** Which way a change is good: fewer errors are good, more positive feedback is good, volume is neither. */
export type MetricPolarity = 'up-good' | 'down-good' | 'neutral'

/** Shown where a value is missing: a gap, not zero. */
export const MISSING_VALUE = '—'

const SCORE_METRIC = /^score\.(.+)\.(avg|count|distribution)$/

/** The score name and kind of a `score.<name>.<kind>` metric, else null. */
export function parseScoreMetric(metric: string): { name: string; kind: 'avg' | 'count' | 'distribution' } | null {
  const m = SCORE_METRIC.exec(metric)
  return m ? { name: m[1]!, kind: m[2] as 'avg' | 'count' | 'distribution' } : null
}

export function metricUnit(metric: string): MetricUnit {
  if (metric === 'errorRate' || metric === 'feedback.positiveRate') return 'ratio'
  if (metric.startsWith('latency.') || metric.startsWith('ttft.')) return 'ms'
  if (metric.startsWith('tokens.')) return 'tokens'
  if (metric.startsWith('cost.')) return 'usd'
  if (parseScoreMetric(metric)?.kind === 'avg') return 'score'
  return 'count'
}

export function metricPolarity(metric: string): MetricPolarity {
  if (/^(errors|errorRate|feedback\.negative)$/.test(metric) || /^(latency|ttft|cost)\./.test(metric)) return 'down-good'
  if (metric === 'feedback.positiveRate' || parseScoreMetric(metric)?.kind === 'avg') return 'up-good'
  return 'neutral'
}

const LABELS: Record<string, string> = {
  count: 'Traces',
  errors: 'Errors',
  errorRate: 'Error rate',
  'latency.avg': 'Latency (avg)',
  'ttft.p50': 'Time to first token p50',
  'ttft.p95': 'Time to first token p95',
  'tokens.input.sum': 'Input tokens',
  'tokens.input.avg': 'Input tokens (avg)',
  'tokens.output.sum': 'Output tokens',
  'tokens.output.avg': 'Output tokens (avg)',
  'tokens.total.sum': 'Tokens',
  'tokens.total.avg': 'Tokens (avg)',
  'cost.sum': 'Cost',
  'cost.avg': 'Cost (avg)',
  users: 'Users',
  sessions: 'Sessions',
  'feedback.count': 'Feedback',
  'feedback.positiveRate': 'Positive feedback',
  'feedback.negative': 'Negative feedback',
}

/**
 * A reader's name for a metric. Grouped by model or provider the server counts LLM calls rather
 * than traces, so `count` says so.
 */
export function metricLabel(metric: string, groupBy?: GroupBy | null): string {
  if (metric === 'count' && (groupBy === 'model' || groupBy === 'provider')) return 'LLM calls'
  if (LABELS[metric]) return LABELS[metric]
  const latency = /^latency\.(p\d+)$/.exec(metric)
  if (latency) return `Latency ${latency[1]}`
  const score = parseScoreMetric(metric)
  if (score) return score.kind === 'avg' ? `${score.name} (avg)` : score.kind === 'count' ? `${score.name} (count)` : score.name
  return metric
}

/**
 * What a metric is measured over. Grouped by model or provider the server counts LLM calls
 * (generation spans) instead of traces: their errors, latency, tokens and cost are the calls' own.
 */
export type MetricSubject = 'traces' | 'LLM calls'

export function metricSubject(groupBy?: GroupBy | null): MetricSubject {
  return groupBy === 'model' || groupBy === 'provider' ? 'LLM calls' : 'traces'
}

/**
 * A short phrase saying what a metric counts, for a chart's or a card's subtitle and accessible
 * description: "traces", "share of LLM calls", "per trace", "summed over LLM calls".
 */
export function metricCaption(metric: string, groupBy?: GroupBy | null): string {
  const subject = metricSubject(groupBy)
  const one = subject === 'traces' ? 'trace' : 'LLM call'
  if (metric === 'count') return subject
  if (metric === 'errors') return `${subject} with an error`
  if (metric === 'errorRate') return `share of ${subject} with an error`
  if (metric.startsWith('feedback.') || parseScoreMetric(metric)) return `on ${subject}`
  if (metricUnit(metric) === 'ms') return `per ${one}`
  if (metric.endsWith('.avg')) return `average per ${one}`
  if (metric.endsWith('.sum')) return `summed over ${subject}`
  return subject
}

/**
 * Why a grouping measures something other than traces, where it does (model and provider): an
 * error on a tool span fails its trace but no LLM call, so it is not counted here. Null otherwise.
 */
export function subjectNote(groupBy?: GroupBy | null): string | null {
  return metricSubject(groupBy) === 'LLM calls' ? 'LLM calls: errors on tool spans are not counted here' : null
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
const scoreFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 })
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 850 → "850 ms", 1234 → "1.2 s", 125000 → "2 min 5 s"; missing → a dash. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return MISSING_VALUE
  if (Math.round(ms) < 1000) return `${Math.max(0, Math.round(ms))} ms`
  const seconds = ms / 1000
  // Decided on the rounded figure so 59,960 ms reads "1 min 0 s", never "60.0 s".
  if (Math.round(seconds * 10) < 600) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

/** 0.0012 → "$0.0012", 0.5 → "$0.50", 12.345 → "$12.35"; missing → a dash. */
export function formatCost(cost: number | null | undefined): string {
  if (cost == null || !Number.isFinite(cost)) return MISSING_VALUE
  if (cost === 0) return '$0'
  const sign = cost < 0 ? '-' : ''
  const abs = Math.abs(cost)
  if (abs >= 0.995) return sign + usd.format(abs)
  if (abs < 0.000001) return `${sign}<$0.000001`
  // Under a dollar two significant digits ("$0.10", "$0.0012"): single LLM calls cost fractions of a cent.
  return `${sign}$${abs.toPrecision(2)}`
}

/**
 * A metric value as text: 1,234 / 12.3K, 5.3%, 850 ms / 1.2 s, 64K tokens, $0.0012 / $12.35,
 * 0.73. `null` (no data in the bucket) reads as a dash, never as zero.
 */
export function formatMetricValue(metric: string, value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return MISSING_VALUE
  switch (metricUnit(metric)) {
    case 'ratio':
      return percent.format(value)
    case 'ms':
      return formatLatency(value)
    case 'usd':
      return formatCost(value)
    case 'tokens':
      return Math.abs(value) < 1000 ? String(Math.round(value)) : compact.format(value)
    case 'score':
      return scoreFormat.format(value)
    case 'count':
      return Math.abs(value) < 10_000 ? grouped.format(value) : compact.format(value)
  }
}

/**
 * A change between two periods: relative ("+12.5%") for most metrics, in percentage points
 * ("+1.2 pp") for rates — a rate going from 2% to 3% is "+1 pp", not "+50%". Without a ratio
 * (the previous value was 0) the absolute change is shown.
 */
export function formatMetricDelta(metric: string, delta: number | null, deltaRatio: number | null): string {
  if (delta == null || !Number.isFinite(delta)) return MISSING_VALUE
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±'
  if (metricUnit(metric) === 'ratio') return `${sign}${grouped.format(Math.abs(delta) * 100)} pp`
  if (deltaRatio != null && Number.isFinite(deltaRatio)) return `${sign}${percent.format(Math.abs(deltaRatio))}`
  return `${sign}${formatMetricValue(metric, Math.abs(delta))}`
}
