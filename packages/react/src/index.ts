// Provider
export { SightlineProvider, useSightlineClient } from './provider/sightline-provider'

// Hooks
export { useTraces } from './traces/use-traces'
export { useTrace } from './traces/use-trace'
export { sightlineKeys } from './query-keys'
export { useFeedback } from './feedback'

// Components
export { FeedbackButtons, defaultFeedbackLabels } from './feedback'

// Helpers
export { formatCost, formatCount, formatLatency, formatTime, formatTokens } from './format/format'

// Types
export type {
  GetToken,
  SightlineClientSource,
  SightlineProviderProps,
  SightlineTheme,
} from './provider/sightline-provider'
export type { UseTracesResult, UseTracesOptions } from './traces/use-traces'
export type { UseTraceResult } from './traces/use-trace'
export type { FormatTimeOptions } from './format/format'
export type {
  FeedbackButtonsLabels,
  FeedbackButtonsProps,
  FeedbackButtonsRootProps,
  FeedbackCommentMode,
  FeedbackConnection,
  FeedbackCredential,
  FeedbackExtra,
  FeedbackFormProps,
  FeedbackGetToken,
  FeedbackStatusProps,
  FeedbackVoteProps,
  UseFeedbackOptions,
  UseFeedbackResult,
} from './feedback'

// Explorer: trace table and filters, trace viewer, session conversation
export {
  TraceTable,
  ConnectedTraceTable,
  TRACE_TABLE_COLUMNS,
  DEFAULT_TRACE_TABLE_COLUMNS,
  TraceFilters,
  TraceViewer,
  ConnectedTraceViewer,
  SessionConversation,
  ConnectedSessionConversation,
  ScoreList,
  Markdown,
  JsonViewer,
  PayloadView,
  useTraceSkeleton,
  useSpan,
  useSession,
  useTraceScores,
  traceListQueryToSearchParams,
  traceListQueryFromSearchParams,
  isTraceListParam,
  safeHref,
  UNTRUSTED_LINK_REL,
  LIVE_INTERVAL_MS,
} from './explorer'
export type {
  TraceTableProps,
  ConnectedTraceTableProps,
  TraceTableColumn,
  TraceFiltersProps,
  TraceFiltersOptions,
  SearchParamsQuery,
  TraceViewerProps,
  ConnectedTraceViewerProps,
  TraceViewerRootProps,
  TraceViewerHeaderProps,
  TraceViewerScoresProps,
  TraceViewerToolbarProps,
  TraceViewerTreeProps,
  TraceViewerTimelineProps,
  TraceViewerDetailProps,
  SpanDetailState,
  ViewerSpan,
  ViewerTrace,
  SessionConversationProps,
  ConnectedSessionConversationProps,
  ScoreListProps,
  MarkdownProps,
  JsonViewerProps,
  PayloadViewProps,
  LiveOptions,
  UseTraceSkeletonResult,
  UseSpanResult,
  UseSessionResult,
} from './explorer'

// Metrics
export {
  useMetrics,
  metricsKeys,
  MetricChart,
  ChartLegend,
  StatCard,
  BreakdownTable,
  ScoreDistribution,
  Sparkline,
  MonitoringDashboard,
  TimeRangePicker,
  GroupBySelect,
  DEFAULT_GROUP_BY_OPTIONS,
  ConnectedMetricChart,
  ConnectedStatCard,
  ConnectedBreakdownTable,
  ConnectedScoreDistribution,
  seriesColor,
} from './metrics'
export type {
  UseMetricsOptions,
  UseMetricsResult,
  MetricChartKind,
  MetricChartProps,
  StatCardProps,
  BreakdownTableProps,
  ScoreDistributionProps,
  SparklineProps,
  MonitoringDashboardProps,
  GroupByOption,
  GroupBySelectProps,
  TimeRangePickerProps,
  ConnectedBreakdownTableProps,
  ConnectedMetricChartProps,
  ConnectedScoreDistributionProps,
  ConnectedStatCardProps,
  PanelQuery,
  HeadingLevel,
  PanelStateProps,
} from './metrics'

// Annotation: review queues by keyboard, queue lists and statistics
export {
  AnnotationQueue,
  ConnectedAnnotationQueue,
  ScoreForm,
  TraceConversation,
  TraceDetails,
  LeaseCountdown,
  QueueProgress,
  ShortcutsDialog,
  REVIEW_SHORTCUTS,
  QueueList,
  ConnectedQueueList,
  QueueStats,
  ConnectedQueueStats,
  useAnnotationSession,
  useQueues,
  useQueue,
  useQueueConfigs,
  useQueueStats,
  annotationKeys,
  conversationOf,
  validateDraft,
  draftToScores,
  issuesToErrors,
  valueForNumberKey,
  numberKeyTarget,
} from './annotation'
export type {
  AnnotationQueueProps,
  ConnectedAnnotationQueueProps,
  AnnotationQueueState,
  AnnotationHistoryPosition,
  AnnotationSummary,
  ScoreFormProps,
  TraceConversationProps,
  TraceDetailsProps,
  LeaseCountdownProps,
  LeaseState,
  QueueProgressProps,
  ShortcutsDialogProps,
  Shortcut,
  QueueListProps,
  ConnectedQueueListProps,
  QueueStatsProps,
  ConnectedQueueStatsProps,
  AnnotationSession,
  AnnotationReview,
  UseAnnotationSessionOptions,
  QueueWithCounts,
  QueuePollOptions,
  UseQueuesResult,
  UseQueueResult,
  UseQueueConfigsResult,
  UseQueueStatsResult,
  Conversation,
  ConversationCall,
  ConversationSource,
  ScoreDraft,
  ScoreErrors,
  CompleteScore,
} from './annotation'
