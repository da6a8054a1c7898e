import {
  distributionMetric,
  type GroupBy,
  type MetricName,
  type MetricsRequest,
  metricLabel,
  prepareTimeRange,
  type TimeRangePreset,
  type TraceFilters,
} from '@sightline/core'
import { type ComponentPropsWithoutRef, type CSSProperties, useMemo, useState } from 'react'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { useControllableState } from '../utils/use-controllable-state'
import { BreakdownTable } from './breakdown-table'
import { DEFAULT_GROUP_BY_OPTIONS, type GroupByOption, GroupBySelect, TimeRangePicker } from './dashboard-controls'
import { MetricChart, type MetricChartKind } from './metric-chart'
import type { HeadingLevel } from './panel'
import { ScoreDistribution } from './score-distribution'
import { FirstTraceGuide } from '../explorer/first-trace/first-trace-guide'
import { StatCard } from './stat-card'
import { type UseMetricsResult, useMetrics } from './use-metrics'

export interface MonitoringDashboardProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  range?: TimeRangePreset | undefined
  /** '7d' by default */
  defaultRange?: TimeRangePreset | undefined
  onRangeChange?: ((range: TimeRangePreset) => void) | undefined
  /** null: no grouping */
  groupBy?: GroupBy | null | undefined
  defaultGroupBy?: GroupBy | null | undefined
  onGroupByChange?: ((groupBy: GroupBy | null) => void) | undefined
  groupByOptions?: readonly GroupByOption[] | undefined
  /** scores to chart (average over time and distribution), e.g. ["helpfulness"] */
  scoreNames?: readonly string[] | undefined
  /** fixed filters for every panel (an environment, a user…) */
  filters?: TraceFilters | undefined
  /** a point, a legend group, a breakdown row or a score bar was picked: the trace-list filters of its traces */
  onFilter?: ((filter: TraceFilters) => void) | undefined
  /** groups kept before the rest is folded into "other" */
  limit?: number | undefined
  /** the end of the range, epoch ms (stories and tests); now by default */
  now?: number | undefined
  /** bucket boundaries and labels; the reader's zone by default */
  timeZone?: string | undefined
  locale?: string | undefined
  /** heading level of the panel titles; 2 by default (the page has the h1) */
  headingLevel?: HeadingLevel | undefined
  /** refetch every so many ms */
  refetchInterval?: number | undefined
  /** the server's URL as senders reach it, for the "send your first trace" guide of an empty project; the page's origin by default */
  serverUrl?: string | undefined
}

const STAT_METRICS = ['count', 'errorRate', 'latency.p50', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate'] as const
const SERIES_METRICS = [
  'count',
  'errors',
  'errorRate',
  'latency.p50',
  'latency.p95',
  'tokens.total.sum',
  'cost.sum',
  'feedback.positiveRate',
] as const
const BREAKDOWN_METRICS: MetricName[] = ['count', 'errorRate', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate']
const CHARTS: { metric: MetricName; kind: MetricChartKind; title: string }[] = [
  { metric: 'count', kind: 'bar', title: 'Volume' },
  { metric: 'errors', kind: 'bar', title: 'Errors' },
  { metric: 'latency.p50', kind: 'line', title: 'Latency p50' },
  { metric: 'latency.p95', kind: 'line', title: 'Latency p95' },
  // Sums per bucket are bars: a curve between buckets would draw tokens and cost nobody spent.
  { metric: 'tokens.total.sum', kind: 'bar', title: 'Tokens' },
  { metric: 'cost.sum', kind: 'bar', title: 'Cost' },
  { metric: 'feedback.positiveRate', kind: 'line', title: 'Positive feedback' },
]

/**
 * Columns for `count` key figures on a wide dashboard: at most four, and never a lone card on the
 * last row when three or four columns avoid it (8 → 4×2, 9 → 3×3, 7 → 4+3). Narrow dashboards use
 * two columns (monitoring-dashboard.css).
 */
export function statColumns(count: number): number {
  if (count <= 4) return Math.max(1, count)
  const fits = [4, 3].filter((c) => count % c !== 1)
  return fits.find((c) => count % c === 0) ?? fits[0] ?? 4
}

const scoreAvg = (name: string) => `score.${name}.avg` as const

function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/** What a presentational panel takes from a query result. */
function fetched(result: UseMetricsResult) {
  return { response: result.data, loading: result.isFetching, error: result.error, onRetry: () => void result.refetch() }
}

/**
 * A preset grid of metric panels over one time range and one group-by: key figures against the
 * previous period, volume, errors, latency, tokens, cost, feedback and score charts, and a
 * breakdown table when grouped. Three requests feed it all.
 */
export function MonitoringDashboard(props: MonitoringDashboardProps) {
  const {
    range: rangeProp,
    defaultRange = '7d',
    onRangeChange,
    groupBy: groupByProp,
    defaultGroupBy = null,
    onGroupByChange,
    groupByOptions = DEFAULT_GROUP_BY_OPTIONS,
    scoreNames = [],
    filters,
    onFilter,
    limit = 8,
    now,
    timeZone,
    locale,
    headingLevel = 2,
    refetchInterval,
    serverUrl,
    className,
    ...rest
  } = props
  const [range, setRange] = useControllableState({ prop: rangeProp, defaultProp: defaultRange, onChange: onRangeChange })
  const [groupBy, setGroupBy] = useControllableState<GroupBy | null>({
    prop: groupByProp,
    defaultProp: defaultGroupBy,
    onChange: onGroupByChange,
  })
  // One legend state for every chart: hiding a group hides it everywhere; a new grouping starts afresh.
  const [hidden, setHidden] = useState<{ groupBy: GroupBy | null; groups: (string | null)[] }>({ groupBy, groups: [] })
  const hiddenGroups = hidden.groupBy === groupBy ? hidden.groups : []

  const tz = timeZone ?? localTimeZone()
  const { from, to, interval } = prepareTimeRange(range, now ?? Date.now())
  const scoreKey = scoreNames.join('\u0000')
  const queries = useMemo(() => {
    const scores = scoreKey ? scoreKey.split('\u0000') : []
    const base = { from, to, interval, tz, filters }
    const stats: MetricsRequest = { ...base, metrics: [...STAT_METRICS, ...scores.map(scoreAvg)], compare: 'previous' }
    const series: MetricsRequest = { ...base, metrics: [...SERIES_METRICS, ...scores.map(scoreAvg)], ...(groupBy && { groupBy, limit }) }
    const distributions: MetricsRequest | null = scores.length ? { ...base, metrics: scores.map(distributionMetric) } : null
    return { stats, series, distributions }
  }, [from, to, interval, tz, filters, groupBy, limit, scoreKey])

  const stats = useMetrics(queries.stats, { refetchInterval })
  const series = useMetrics(queries.series, { refetchInterval })
  const distributions = useMetrics(queries.distributions, { refetchInterval })
  // A stand-in answer (the last one, shown while a changed query loads) may be grouped differently.
  const pick = series.isPlaceholderData ? undefined : onFilter
  const time = { timeZone: tz, locale }
  // One failed request is one message, not one per chart.
  const seriesFailed = Boolean(series.error && !series.data)
  const statMetrics = [...STAT_METRICS, ...scoreNames.map(scoreAvg)]
  const charts = [
    ...CHARTS,
    ...scoreNames.map((name) => ({ metric: scoreAvg(name), kind: 'line' as const, title: metricLabel(scoreAvg(name)) })),
  ]

  return (
    <div {...rest} className={cx('sl-root sl-dashboard', className)}>
      <div className="sl-dashboard__controls" role="group" aria-label="Dashboard settings">
        <TimeRangePicker value={range} onChange={setRange} />
        <GroupBySelect value={groupBy} onChange={setGroupBy} options={groupByOptions} />
      </div>

      {/* Nothing at all in the range and no filter: teach how to send a first trace. */}
      {!filters && stats.data && !stats.data.totals.count && !stats.data.previous?.totals.count && (
        <FirstTraceGuide
          serverUrl={serverUrl}
          headingLevel={headingLevel > 4 ? 4 : (headingLevel as 2 | 3 | 4)}
          className="sl-dashboard__first-trace"
        />
      )}

      {/* One failed request is one message, not one per card. */}
      {stats.error && !stats.data ? (
        <ErrorAlert
          className="sl-dashboard__error"
          what="Could not load the key figures"
          error={stats.error}
          onRetry={() => void stats.refetch()}
        />
      ) : (
        <ul
          className="sl-dashboard__stats"
          aria-label="Key figures"
          data-columns={statColumns(statMetrics.length)}
          style={{ '--sl-stat-columns': statColumns(statMetrics.length) } as CSSProperties}
        >
          {statMetrics.map((metric) => (
            <li key={metric}>
              <StatCard {...fetched(stats)} metric={metric} comparisonLabel="vs previous" />
            </li>
          ))}
        </ul>
      )}

      {seriesFailed && (
        <ErrorAlert
          className="sl-dashboard__error"
          what="Could not load the charts"
          error={series.error!}
          onRetry={() => void series.refetch()}
        />
      )}
      <div className="sl-dashboard__grid">
        {!seriesFailed &&
          charts.map((c) => (
            <MetricChart
              key={c.metric}
              {...fetched(series)}
              {...time}
              metric={c.metric}
              kind={c.kind}
              title={groupBy ? `${c.title} by ${groupBy}` : c.title}
              groupBy={groupBy}
              filters={filters}
              hiddenGroups={hiddenGroups}
              onHiddenGroupsChange={(groups) => setHidden({ groupBy, groups })}
              onFilter={pick}
              headingLevel={headingLevel}
              data-metric={c.metric}
            />
          ))}
        {scoreNames.map((name) => (
          <ScoreDistribution
            key={distributionMetric(name)}
            {...fetched(distributions)}
            scoreName={name}
            filters={filters}
            onFilter={distributions.isPlaceholderData ? undefined : onFilter}
            headingLevel={headingLevel}
          />
        ))}
      </div>

      {groupBy && !(series.error && !series.data) && (
        <BreakdownTable
          {...fetched(series)}
          className="sl-dashboard__breakdown"
          metrics={BREAKDOWN_METRICS}
          groupBy={groupBy}
          filters={filters}
          onFilter={pick}
          headingLevel={headingLevel}
        />
      )}
    </div>
  )
}
