import { distributionMetric, type MetricName, type MetricsRequest } from '@sightline/core'
import { BreakdownTable, type BreakdownTableProps } from './breakdown-table'
import { MetricChart, type MetricChartProps } from './metric-chart'
import { ScoreDistribution, type ScoreDistributionProps } from './score-distribution'
import { StatCard, type StatCardProps } from './stat-card'
import { type UseMetricsResult, useMetrics } from './use-metrics'

/** A metrics request whose metric list may be left out: the panel adds its own metric(s). */
export type PanelQuery = Omit<MetricsRequest, 'metrics'> & { metrics?: readonly MetricName[] | undefined }

type Fetched = 'response' | 'loading' | 'error' | 'onRetry'

function withMetrics(query: PanelQuery, own: readonly MetricName[]): MetricsRequest {
  const metrics = [...(query.metrics ?? [])]
  for (const m of own) if (!metrics.includes(m)) metrics.push(m)
  return { ...query, metrics }
}

/** What a presentational panel takes from a query result. */
function fetched(result: UseMetricsResult) {
  return {
    response: result.data,
    loading: result.isFetching,
    error: result.error,
    onRetry: () => void result.refetch(),
  }
}

export interface ConnectedMetricChartProps extends Omit<MetricChartProps, Fetched | 'groupBy' | 'filters' | 'metric'> {
  metric: MetricName
  /** range, interval, groupBy and filters; the chart's metric is added to `metrics` */
  query: PanelQuery
}

/** A MetricChart fetched through the provider's client. */
export function ConnectedMetricChart({ query, metric, onFilter, ...props }: ConnectedMetricChartProps) {
  const result = useMetrics(withMetrics(query, [metric]))
  return (
    <MetricChart
      {...props}
      {...fetched(result)}
      metric={metric}
      groupBy={query.groupBy}
      filters={query.filters}
      // While the last answer stands in for a changed query, its groups may not match `groupBy`.
      onFilter={result.isPlaceholderData ? undefined : onFilter}
    />
  )
}

export interface ConnectedStatCardProps extends Omit<StatCardProps, Fetched | 'metric'> {
  metric: MetricName
  /** range and filters; compare=previous is added, groupBy is left out */
  query: PanelQuery
}

/** A StatCard fetched through the provider's client, compared with the previous period. */
export function ConnectedStatCard({ query, metric, ...props }: ConnectedStatCardProps) {
  const { groupBy: _groupBy, ...rest } = query
  const result = useMetrics(withMetrics({ ...rest, compare: 'previous' }, [metric]))
  return <StatCard {...props} {...fetched(result)} metric={metric} />
}

export interface ConnectedBreakdownTableProps extends Omit<BreakdownTableProps, Fetched | 'groupBy' | 'filters'> {
  metrics: readonly MetricName[]
  /** range, groupBy and filters; the table's metrics are added */
  query: PanelQuery
}

/** A BreakdownTable fetched through the provider's client. */
export function ConnectedBreakdownTable({ query, metrics, onFilter, ...props }: ConnectedBreakdownTableProps) {
  const result = useMetrics(withMetrics(query, metrics))
  return (
    <BreakdownTable
      {...props}
      {...fetched(result)}
      metrics={metrics}
      groupBy={query.groupBy}
      filters={query.filters}
      onFilter={result.isPlaceholderData ? undefined : onFilter}
    />
  )
}

export interface ConnectedScoreDistributionProps extends Omit<ScoreDistributionProps, Fetched | 'filters'> {
  /** range and filters; the distribution metric is added, groupBy is left out */
  query: PanelQuery
}

/** A ScoreDistribution fetched through the provider's client. */
export function ConnectedScoreDistribution({ query, scoreName, ...props }: ConnectedScoreDistributionProps) {
  const { groupBy: _groupBy, ...rest } = query
  const result = useMetrics(withMetrics(rest, [distributionMetric(scoreName)]))
  return <ScoreDistribution {...props} {...fetched(result)} scoreName={scoreName} filters={query.filters} />
}
