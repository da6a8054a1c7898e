import {
  formatMetricDelta,
  formatMetricValue,
  type MetricPolarity,
  metricCaption,
  metricLabel,
  type MetricsResponse,
  prepareStat,
} from '@sightline/core'
import { type ComponentPropsWithoutRef, type ReactNode, useId, useMemo } from 'react'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { Sparkline } from './sparkline'

export interface StatCardProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** an answer fetched with compare=previous (without it, no delta is shown) */
  response: MetricsResponse | undefined
  metric: string
  /** defaults to the metric's name */
  label?: string | undefined
  /**
   * what the number counts, under the label and in the card's accessible description; by default
   * the metric's unit ("share of traces with an error", "per trace"). Not repeated when the label
   * says it already ("Traces").
   */
  unit?: string | undefined
  /** whether up is good news; by default the metric's own (lower latency is good, more volume is neutral) */
  polarity?: MetricPolarity | undefined
  /** what the delta compares with */
  comparisonLabel?: string | undefined
  /** a small trend line under the value */
  showTrend?: boolean | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
}

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const
const WORDS = { up: 'up', down: 'down', flat: 'unchanged' } as const
const TONES = { good: 'better', bad: 'worse', neutral: '' } as const

/** One number with its change against the previous period: arrow and colour say whether that is good. */
export function StatCard(props: StatCardProps) {
  const {
    response,
    metric,
    label,
    unit,
    polarity,
    comparisonLabel = 'vs previous period',
    showTrend = true,
    loading = false,
    error,
    onRetry,
    className,
    ...rest
  } = props
  const labelId = useId()
  const unitId = useId()
  const stat = useMemo(() => (response ? prepareStat(response, metric, { polarity }) : null), [response, metric, polarity])
  const name = label ?? metricLabel(metric)
  const unitText = unit ?? metricCaption(metric)
  const showUnit = unitText.toLowerCase() !== name.toLowerCase()
  const state = error && !stat ? 'error' : loading && !stat ? 'loading' : 'ready'

  let body: ReactNode
  if (state === 'loading')
    body = (
      <div className="sl-stat-card__skeleton" role="status">
        <span className="sl-visually-hidden">Loading {name}…</span>
      </div>
    )
  else if (state === 'error')
    body = <ErrorAlert className="sl-stat-card__error" what="Could not load" error={error ?? 'unknown error'} onRetry={onRetry} />
  else if (stat) {
    const previous = formatMetricValue(metric, stat.previous)
    body = (
      <>
        <p className="sl-stat-card__value">{formatMetricValue(metric, stat.value)}</p>
        {stat.direction ? (
          <p className="sl-stat-card__delta" data-direction={stat.direction} data-tone={stat.tone}>
            <span className="sl-stat-card__arrow" aria-hidden="true">
              {ARROWS[stat.direction]}
            </span>{' '}
            <span className="sl-visually-hidden">{WORDS[stat.direction]} </span>
            {formatMetricDelta(metric, stat.delta, stat.deltaRatio)}
            <span className="sl-stat-card__previous">
              {' '}
              {comparisonLabel} ({previous})
            </span>
            {TONES[stat.tone ?? 'neutral'] && <span className="sl-visually-hidden">, {TONES[stat.tone ?? 'neutral']}</span>}
          </p>
        ) : (
          <p className="sl-stat-card__delta sl-muted">{response?.previous ? 'no data to compare' : '\u00a0'}</p>
        )}
        {showTrend && stat.trend.length > 1 && <Sparkline values={stat.trend} width={120} height={24} className="sl-stat-card__trend" />}
      </>
    )
  }

  return (
    <div
      {...rest}
      role="group"
      aria-labelledby={labelId}
      aria-describedby={showUnit ? unitId : undefined}
      aria-busy={state === 'loading' || (loading && stat !== null) || undefined}
      className={cx('sl-root sl-stat-card', className)}
      data-state={state}
      data-metric={metric}
      data-tone={stat?.tone ?? undefined}
    >
      <div id={labelId} className="sl-stat-card__label">
        {name}
      </div>
      {showUnit && (
        <div id={unitId} className="sl-stat-card__unit">
          {unitText}
        </div>
      )}
      {body}
    </div>
  )
}
