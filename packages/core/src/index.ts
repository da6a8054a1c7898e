// Schemas (zod) — the wire contract shared by server, client and panels.
export {
  timeInputSchema,
  idSchema,
  jsonValueSchema,
  nestedPast,
  metadataSchema,
  statusSchema,
  toIso,
  toIsoOrNull,
  isTimeZone,
  timeZoneSchema,
} from './schemas/common'
export { traceInputSchema, traceSchema, traceSummarySchema } from './schemas/trace'
export {
  SPAN_TYPES,
  BILLABLE_SPAN_TYPES,
  spanTypeSchema,
  spanInputSchema,
  spanSchema,
  usageSchema,
  costInputSchema,
} from './schemas/span'
export {
  SCORE_DATA_TYPES,
  SCORE_SOURCES,
  scoreDataTypeSchema,
  scoreSourceSchema,
  scoreValueSchema,
  scoreInputSchema,
  scoreSchema,
  inferScoreDataType,
  feedbackPolarity,
} from './schemas/score'
export {
  EVALUATOR_TARGETS,
  EVALUATOR_STATUSES,
  EVAL_RUN_STATUSES,
  DEFAULT_EVAL_DELAY_SECONDS,
  MAX_BACKFILL,
  evaluatorInputSchema,
  evaluatorPatchSchema,
  evaluatorSchema,
  evaluatorStatsSchema,
  evalRunSchema,
  evalRunQuerySchema,
  evalResultSchema,
  evalUsageSchema,
  evaluatorPreviewSchema,
  evaluatorPreviewResultSchema,
  backfillSchema,
  agreementSchema,
  evaluatorFieldSchema,
  evaluatorKindSchema,
} from './schemas/evaluator'
export {
  MAX_DATASET_ITEMS_PER_REQUEST,
  datasetInputSchema,
  datasetSchema,
  datasetItemInputSchema,
  addDatasetItemsSchema,
  datasetItemPatchSchema,
  datasetItemSchema,
  datasetItemsQuerySchema,
} from './schemas/dataset'
export {
  MAX_REPETITIONS,
  MAX_RESULTS_PER_REQUEST,
  EXPERIMENT_STATUSES,
  experimentInputSchema,
  experimentResultInputSchema,
  postResultsSchema,
  experimentScoreSummarySchema,
  experimentSchema,
  experimentResultSchema,
  scoreComparisonSchema,
  experimentCompareSchema,
  compareItemSchema,
  compareItemsQuerySchema,
} from './schemas/experiment'
export {
  MONITOR_WINDOWS,
  MONITOR_STATES,
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  monitorMetricSchema,
  monitorConditionSchema,
  monitorInputSchema,
  monitorPatchSchema,
  monitorSeriesStateSchema,
  monitorSchema,
  monitorEventSchema,
  backtestResultSchema,
  channelInputSchema,
  channelSchema,
  deliverySchema,
} from './schemas/monitor'
export { scoreConfigSchema, scoreConfigInputSchema, scoreConfigPatchSchema, scoreConfigViolation } from './schemas/score-config'
export {
  DEFAULT_LEASE_SECONDS,
  QUEUE_ITEM_STATUSES,
  queueRuleSchema,
  traceFilterSchema,
  queueInputSchema,
  queuePatchSchema,
  queueSchema,
  queueItemSchema,
  addQueueItemsSchema,
  reviewerSchema,
  claimResponseSchema,
  completeItemSchema,
  queueStatsSchema,
} from './schemas/queue'
export {
  FEEDBACK_BODY_MAX_BYTES,
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_CORRECTION_MAX,
  FEEDBACK_DEFAULT_NAME,
  FEEDBACK_METADATA_MAX_BYTES,
  FEEDBACK_METADATA_MAX_DEPTH,
  FEEDBACK_METADATA_MAX_KEYS,
  feedbackRequestSchema,
  feedbackResponseSchema,
  userFeedbackIssue,
} from './schemas/feedback'
export { ERROR_CODES, apiErrorSchema, apiIssueSchema, toApiIssues, describeIssues } from './schemas/errors'
export { ingestBatchSchema, ingestResultSchema, ingestRejectionSchema } from './schemas/ingest'
export { TOKEN_KINDS, MAX_TOKEN_SECONDS, tokenRequestSchema, tokenResponseSchema } from './schemas/tokens'
export {
  page,
  traceListSchema,
  TRACE_VALUE_FIELDS,
  traceValuesQuerySchema,
  traceValuesSchema,
  traceDetailSchema,
  spanSkeletonSchema,
  traceSkeletonSchema,
  traceSkeletonWireSchema,
  sessionSchema,
  sessionDetailSchema,
  scoreListSchema,
  healthSchema,
} from './schemas/lists'

// Filters
export { TRACE_SORT_FIELDS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, traceListQueryToParams, parseSort } from './filters/trace-query'
export {
  MAX_REPEATED_FILTERS,
  TRACE_LIST_PARAM_NAMES,
  parseTraceListQuery,
  parseScoreCondition,
  traceListParamsSchema,
} from './filters/trace-filters'
export { scoreListQuerySchema } from './filters/score-query'

// Metrics
export {
  BASE_METRICS,
  INTERVALS,
  INTERVAL_MS,
  GROUP_BY_FIELDS,
  DEFAULT_GROUP_LIMIT,
  MAX_GROUP_LIMIT,
  MAX_METRIC_CELLS,
  MAX_METRICS,
  MAX_RANGE_DAYS,
  OTHER_GROUP,
  metricsParamsSchema,
  parseMetricsQuery,
  resolveInterval,
  seriesIn,
} from './metrics/metrics-query'

// Metric chart preparation
export { metricsQueryToParams, prepareTimeRange, TIME_RANGES } from './metrics/prepare-query'
export {
  MISSING_VALUE,
  formatCost,
  formatLatency,
  formatMetricDelta,
  formatMetricValue,
  metricCaption,
  metricLabel,
  metricPolarity,
  metricSubject,
  metricUnit,
  parseScoreMetric,
  subjectNote,
} from './metrics/prepare-format'
export { groupLabel, orderedSeries, prepareMetricSeries, toggleGroup, metricValue } from './metrics/prepare-series'
export { prepareStat } from './metrics/prepare-stat'
export { prepareBreakdown, prepareSparkline } from './metrics/prepare-breakdown'
export { distributionMetric, prepareDistribution } from './metrics/prepare-distribution'
export { groupFilter, mergeFilters, prepareFilter } from './metrics/prepare-filter'
export type { MetricsRequest, TimeRange, TimeRangePreset } from './metrics/prepare-query'
export type { MetricPolarity, MetricSubject, MetricUnit } from './metrics/prepare-format'
export type {
  ChartGroup,
  MetricChartRow,
  PreparedMetricSeries,
  PrepareMetricSeriesOptions,
  SeriesKey,
} from './metrics/prepare-series'
export type { PreparedStat, PrepareStatOptions } from './metrics/prepare-stat'
export type { BreakdownRow, BreakdownSort, PrepareBreakdownOptions, PreparedSparkline, SparklineOptions } from './metrics/prepare-breakdown'
export type { DistributionBar, PreparedDistribution, PrepareDistributionOptions } from './metrics/prepare-distribution'
export type { FilterTarget } from './metrics/prepare-filter'

// Pure logic
export { buildSpanTree } from './tree/build-span-tree'
export { buildSpanModel, visibleRows, ancestorIds, searchSpans, highlightRange } from './tree/span-model'
export { computeTraceTotals } from './totals/trace-totals'
export { maybeParseJson, normalizeChatMessage, normalizeChatMessages, readChatMessages } from './messages/chat-messages'

// Client
export { createClient, SightlineError, SightlineNetworkError } from './client/create-client'
export { decodeTraceSkeleton, encodeTraceSkeleton } from './client/skeleton-wire'
export { SKELETON_SPAN_COLUMNS } from './schemas/lists'
export type { TraceSkeletonWire } from './client/skeleton-wire'
export type { SkeletonSpanColumn } from './schemas/lists'

// Experiments
export { runExperiment, ExperimentTimeoutError } from './experiments/run-experiment'

// Types
export type { JsonValue, TimeInput, Status } from './schemas/common'
export type { Trace, TraceSummary, TraceInput, ParsedTraceInput } from './schemas/trace'
export type { Span, SpanInput, ParsedSpanInput, SpanType } from './schemas/span'
export type { Score, ScoreInput, ParsedScoreInput, ScoreDataType, ScoreSource, ScoreValue } from './schemas/score'
export type { ScoreConfig, ScoreConfigInput, ScoreConfigPatch } from './schemas/score-config'
export type {
  QueueRule,
  QueueInput,
  QueuePatch,
  Queue,
  QueueItemStatus,
  QueueItem,
  AddQueueItems,
  ClaimResponse,
  CompleteItem,
  QueueStats,
} from './schemas/queue'
export type {
  EvaluatorInput,
  EvaluatorPatch,
  EvaluatorStatus,
  EvaluatorStats,
  Evaluator,
  EvalRunStatus,
  EvalUsage,
  EvalRun,
  EvalResult,
  EvaluatorPreview,
  EvaluatorPreviewResult,
  Backfill,
  Agreement,
  EvaluatorField,
  EvaluatorKind,
} from './schemas/evaluator'
export type { DatasetInput, Dataset, DatasetItemInput, AddDatasetItems, DatasetItemPatch, DatasetItem } from './schemas/dataset'
export type {
  ExperimentInput,
  ExperimentResultInput,
  PostResults,
  ExperimentStatus,
  Experiment,
  ExperimentResult,
  ScoreComparison,
  ExperimentCompare,
  CompareItem,
} from './schemas/experiment'
export type {
  MonitorWindow,
  MonitorCondition,
  MonitorInput,
  MonitorPatch,
  MonitorState,
  MonitorSeriesState,
  Monitor,
  MonitorEvent,
  ChannelInput,
  Channel,
  ChannelPatch,
  Delivery,
  BacktestRequest,
  BacktestAlert,
  BacktestPoint,
  BacktestResult,
} from './schemas/monitor'
export type { FeedbackRequest, FeedbackResponse } from './schemas/feedback'
export type { ApiError, ApiIssue, ErrorCode } from './schemas/errors'
export type { IngestResult, IngestRejection, IngestItemKind } from './schemas/ingest'
export type { TokenKind, TokenRequest, TokenResponse } from './schemas/tokens'
export type {
  Page,
  TraceDetail,
  TraceSkeleton,
  SpanSkeleton,
  Session,
  SessionDetail,
  Health,
  TraceValueField,
  TraceValues,
  TraceValuesQuery,
} from './schemas/lists'
export type { TraceFilters, TraceListQuery, TraceSort, TraceSortField, ScoreCondition } from './filters/trace-query'
export type { QueryInput, ParseResult } from './filters/trace-filters'
export type {
  BaseMetric,
  ScoreMetric,
  MetricName,
  Interval,
  GroupBy,
  MetricsQuery,
  MetricPoint,
  MetricSeries,
  MetricsResponse,
} from './metrics/metrics-query'
export type { TreeSpan, SpanNode, SpanTree } from './tree/build-span-tree'
export type { ModelSpan, SearchableSpan, TimedSpan, SpanRow, SpanPlace, SpanModel, SpanSearch } from './tree/span-model'
export type { TotalsSpan, TraceTotals } from './totals/trace-totals'
export type { ChatMessage, ChatMessageView, ChatToolCall } from './messages/chat-messages'
export type {
  ClientOptions,
  Credentials,
  FetchLike,
  NetworkFailureReason,
  SightlineClient,
  IngestBatch,
  ScoreListQuery,
} from './client/create-client'
export type {
  ExperimentRunClient,
  ExperimentRunProgress,
  ExperimentTask,
  ExperimentTaskContext,
  ExperimentTaskResult,
  RunExperimentOptions,
} from './experiments/run-experiment'
