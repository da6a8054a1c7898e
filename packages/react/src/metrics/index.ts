export { useMetrics, metricsKeys } from './use-metrics'
export { MetricChart, ChartLegend, defaultChartTitle } from './metric-chart'
export { StatCard } from './stat-card'
export { BreakdownTable } from './breakdown-table'
export { ScoreDistribution } from './score-distribution'
export { Sparkline } from './sparkline'
export { MonitoringDashboard } from './monitoring-dashboard'
export { TimeRangePicker, GroupBySelect, DEFAULT_GROUP_BY_OPTIONS } from './dashboard-controls'
export { ConnectedMetricChart, ConnectedStatCard, ConnectedBreakdownTable, ConnectedScoreDistribution } from './connected'
export { seriesColor, PALETTE_SIZE } from './palette'

export type { UseMetricsOptions, UseMetricsResult } from './use-metrics'
export type { MetricChartKind, MetricChartProps } from './metric-chart'
export type { StatCardProps } from './stat-card'
export type { BreakdownTableProps } from './breakdown-table'
export type { ScoreDistributionProps } from './score-distribution'
export type { SparklineProps } from './sparkline'
export type { MonitoringDashboardProps } from './monitoring-dashboard'
export type { GroupByOption, GroupBySelectProps, TimeRangePickerProps } from './dashboard-controls'
export type {
  ConnectedBreakdownTableProps,
  ConnectedMetricChartProps,
  ConnectedScoreDistributionProps,
  ConnectedStatCardProps,
  PanelQuery,
} from './connected'
export type { HeadingLevel, PanelStateProps } from './panel'
