// Monitors and alerts: monitor list and series, form with backtest, alert timeline, channels with their delivery log.

// Components
export { MonitorList } from './monitor-list'
export { ConnectedMonitorList } from './connected-monitor-list'
export { MonitorSeries } from './monitor-series'
export { MonitorStateBadge } from './monitor-state-badge'
export { AlertTimeline } from './alert-timeline'
export { ConnectedAlertTimeline } from './connected-alert-timeline'
export { ChannelList } from './channel-list'
export { ChannelForm } from './channel-form'
export { DeliveryLog } from './delivery-log'
export { SecretReveal } from './secret-reveal'
export { MonitorForm } from './monitor-form'
export { ConnectedMonitorForm } from './connected-monitor-form'
export { BacktestChart, prepareBacktestChart } from './backtest-chart'
export { ConnectedChannelList, ConnectedChannelForm, ConnectedDeliveryLog } from './connected-channel-list'

// API (until the core client has monitor methods) and hooks
export { monitorApiOf } from './monitor-api'
export { useMonitorApi } from './monitor-api-provider'
export {
  useMonitors,
  useMonitor,
  useMonitorEvents,
  useChannels,
  useDeliveries,
  useCreateMonitor,
  useUpdateMonitor,
  useDeleteMonitor,
  useBacktestMonitor,
  useCreateChannel,
  useUpdateChannel,
  useDeleteChannel,
  useRotateChannelSecret,
  useReplayDelivery,
} from './use-monitors'

// Helpers
export {
  monitorState,
  lastFiredAt,
  describeCondition,
  formatMetricValue,
  tracesFilter,
  seriesTracesFilter,
  eventTracesFilter,
  supportsAnomaly,
  windowMs,
} from './monitor-format'

export { monitorToDraft, draftToInput, monitorIssuesToErrors, SUGGESTED_METRICS } from './monitor-draft'

// Types
export type { MonitorFormProps } from './monitor-form'
export type { ConnectedMonitorFormProps } from './connected-monitor-form'
export type { BacktestChartProps, BacktestChartModel } from './backtest-chart'
export type { MonitorDraft, MonitorFormErrors } from './monitor-draft'
export type { MonitorListProps, OpenTracesContext } from './monitor-list'
export type { ConnectedMonitorListProps } from './connected-monitor-list'
export type { MonitorSeriesProps } from './monitor-series'
export type { AlertTimelineProps } from './alert-timeline'
export type { ConnectedAlertTimelineProps } from './connected-alert-timeline'
export type { ChannelListProps, RevealedSecret } from './channel-list'
export type { ChannelFormProps } from './channel-form'
export type { DeliveryLogProps } from './delivery-log'
export type { SecretRevealProps } from './secret-reveal'
export type { ConnectedChannelListProps, ConnectedChannelFormProps, ConnectedDeliveryLogProps } from './connected-channel-list'
export type {
  MonitorApi,
  PageQuery,
  RequestOptions,
  ChannelPatch,
  BacktestRequest,
  BacktestResult,
  BacktestAlert,
  BacktestPoint,
} from './monitor-api'
export type { MonitorOverallState, MonitorTracesFilter } from './monitor-format'
export type {
  MonitorPollOptions,
  MonitorPageOptions,
  UseMonitorsResult,
  UseMonitorResult,
  UseMonitorEventsResult,
  UseChannelsResult,
  UseDeliveriesResult,
  UseCreateMonitorResult,
  UseUpdateMonitorResult,
  UseDeleteMonitorResult,
  UseBacktestMonitorResult,
  UseCreateChannelResult,
  UseUpdateChannelResult,
  UseDeleteChannelResult,
  UseRotateChannelSecretResult,
  UseReplayDeliveryResult,
} from './use-monitors'
