import type {
  JsonValue,
  Dataset,
  DatasetItem,
  EvalRun,
  EvalRunStatus,
  Evaluator,
  EvaluatorStats,
  GroupBy,
  Queue,
  QueueItem,
  QueueItemStatus,
  QueueStats,
  ScoreConfig,
  Page,
  ParsedScoreInput,
  ParsedSpanInput,
  ParsedTraceInput,
  Score,
  ScoreListQuery,
  SessionDetail,
  Span,
  TraceDetail,
  TraceFilters,
  TraceValueField,
  TraceListQuery,
  TraceSummary,
} from '@sightline/core'

import type { MetricPartial } from './metric-partials'

export type KeyKind = 'secret' | 'public'

/**
 * A trace skeleton as the route sends it. `spanRows` is the JSON text of the span rows
 * (SKELETON_SPAN_COLUMNS in core), so 50,000 spans never become objects on the server.
 */
export interface TraceSkeletonRows {
  trace: TraceSummary
  scores: Score[]
  spanRows: string
}

export interface ApiKeyRecord {
  projectId: string
  kind: KeyKind
  /** allowed browser origins (public keys) */
  origins: string[]
  requireToken: boolean
}

export interface ProjectRecord {
  id: string
  name: string
  /** HMAC secret for this project's browser tokens */
  signingSecret: string
}

/** A score ready to store: validated, with its id settled. */
export type ScoreRecord = ParsedScoreInput & { id: string }

export interface IngestWrite {
  traces: ParsedTraceInput[]
  spans: ParsedSpanInput[]
  scores: ScoreRecord[]
}

export interface ScoreQuery extends Omit<ScoreListQuery, 'traceId'> {
  traceId?: string | string[] | undefined
  /** narrows to traces matching these filters (view tokens) */
  traceFilters?: TraceFilters | undefined
}

/**
 * Storage contract. Every implementation runs the same contract suite (store-contract.ts).
 * All reads and writes are scoped to one project: nothing crosses projects.
 */
export interface Store extends JobStore, EvaluatorStore, DatasetStore, ExperimentStore, DocumentStore {
  readonly kind: string
  /** Runs pending versioned migrations. Safe to call on every start. */
  migrate(): Promise<void>
  close(): Promise<void>

  getProject(id: string): Promise<ProjectRecord | null>
  createProject(project: ProjectRecord): Promise<void>
  /** Keys are stored as sha-256 hashes only. */
  putKey(hash: string, prefix: string, key: ApiKeyRecord): Promise<void>
  findKey(hash: string): Promise<ApiKeyRecord | null>

  /** Writes a validated batch atomically: all of it or none of it. */
  ingest(projectId: string, write: IngestWrite, now: number): Promise<void>
  listTraces(projectId: string, query: TraceListQuery): Promise<Page<TraceSummary>>
  getTrace(projectId: string, id: string): Promise<TraceDetail | null>
  getTraceSummary(projectId: string, id: string): Promise<TraceSummary | null>
  getTraceSkeleton(projectId: string, id: string): Promise<TraceSkeletonRows | null>
  getSpan(projectId: string, traceId: string, spanId: string): Promise<Span | null>
  /** Values of a trace field among the most recent traces matching `filters`, the most frequent first. */
  traceValues(
    projectId: string,
    field: TraceValueField,
    filters: TraceFilters,
    options: { q?: string | undefined; limit: number },
  ): Promise<{ value: string; count: number }[]>
  getSession(projectId: string, id: string, filters?: TraceFilters): Promise<SessionDetail | null>
  listScores(projectId: string, query: ScoreQuery): Promise<Page<Score>>
  getScore(projectId: string, id: string): Promise<Score | null>
  deleteScore(projectId: string, id: string): Promise<boolean>
  countSpans(projectId: string): Promise<number>
  /** Metric partials per (bucket, group); served from hourly rollups when the plan allows. */
  metricPartials(projectId: string, plan: MetricsPlan): Promise<PartialRow[]>

  createScoreConfig(projectId: string, config: ScoreConfig): Promise<void>
  listScoreConfigs(projectId: string): Promise<ScoreConfig[]>
  getScoreConfig(projectId: string, id: string): Promise<ScoreConfig | null>
  updateScoreConfig(projectId: string, id: string, patch: ScoreConfigChange): Promise<ScoreConfig | null>
  deleteScoreConfig(projectId: string, id: string): Promise<boolean>
  /** Whether scores or queues use the config's name: then it is archived, not deleted. */
  scoreConfigInUse(projectId: string, config: ScoreConfig): Promise<boolean>

  createQueue(projectId: string, queue: Queue): Promise<void>
  listQueues(projectId: string): Promise<Queue[]>
  getQueue(projectId: string, id: string): Promise<Queue | null>
  updateQueue(projectId: string, id: string, patch: QueueChange): Promise<Queue | null>
  /** Adds traces not yet in the queue; a trace is in a queue at most once. */
  addQueueItems(projectId: string, queueId: string, traceIds: string[], now: number): Promise<{ added: number; skipped: number }>
  /** `traceFilters` narrows to items whose trace matches (a token's scope). */
  listQueueItems(projectId: string, queueId: string, q: QueueItemQuery, now: number): Promise<Page<QueueItem>>
  getQueueItem(projectId: string, queueId: string, itemId: string, now: number): Promise<QueueItem | null>
  /** Atomically leases the next item this reviewer may work, or the one they already hold; only items whose trace matches `traceFilters`. */
  claimQueueItem(projectId: string, queue: Queue, reviewer: string, now: number, traceFilters?: TraceFilters): Promise<QueueItem | null>
  /** Writes the reviewer's scores and marks their review done, atomically. */
  completeQueueItem(
    projectId: string,
    queue: Queue,
    itemId: string,
    reviewer: string,
    scores: ScoreRecord[],
    now: number,
  ): Promise<QueueItem>
  skipQueueItem(projectId: string, queue: Queue, itemId: string, reviewer: string, now: number): Promise<QueueItem>
  releaseQueueItem(projectId: string, queue: Queue, itemId: string, reviewer: string, now: number): Promise<QueueItem>
  renewQueueItem(projectId: string, queue: Queue, itemId: string, reviewer: string, now: number): Promise<QueueItem>
  /** Counts and reviewer figures over the items whose trace matches `traceFilters` (all without). */
  queueStats(projectId: string, queueId: string, now: number, traceFilters?: TraceFilters): Promise<QueueStats>
  /** Which of `traceIds` (or, without them, which traces up to `limit`) match the filters now. */
  traceIdsMatching(projectId: string, filters: TraceFilters, traceIds: string[] | undefined, limit: number): Promise<string[]>
}

export interface QueueItemQuery {
  status?: QueueItemStatus | undefined
  limit: number
  cursor?: string | undefined
  traceFilters?: TraceFilters | undefined
}

/** The fields to change: one left out or undefined stays as it is. */
type Changes<T> = { [K in keyof T]?: T[K] | undefined }
export type ScoreConfigChange = Changes<
  Pick<ScoreConfig, 'description' | 'min' | 'max' | 'step' | 'categories' | 'feedback' | 'archivedAt'>
>
export type QueueChange = Changes<Omit<Queue, 'id' | 'createdAt'>>

/** A queue action that lost a race or breaks a rule of the flow: 409. */
export class QueueConflictError extends Error {}
/** The item is not in the queue: 404. */
export class QueueItemNotFoundError extends Error {}

/** What a metrics query needs from storage; the metrics service folds the partials it returns. */
export interface MetricsPlan {
  /** bucket start times, ascending, then the end of the last bucket (so at least two) */
  boundaries: number[]
  /** traces, or LLM calls (generation and embedding spans) when grouped by model or provider */
  unit: 'trace' | 'llm'
  groupBy?: GroupBy | undefined
  /** trace-list filters, without from/to (the boundaries bound time) */
  filters: TraceFilters
  need: { units: boolean; users: boolean; sessions: boolean; feedback: boolean; scores: string[] }
}

export interface PartialRow {
  bucket: number
  /** the group's value; null when there is no groupBy or the unit has no value for it */
  group: string | null
  partial: MetricPartial
}

/** A bad cursor or a cursor from another sort: the caller's fault, reported as 400. */
export class InvalidCursorError extends Error {}

/** A durable job: evaluations, backfills, monitor ticks and deliveries are all jobs. */
export interface Job {
  /** deterministic per effect (e.g. evaluator + trace), so enqueueing again never duplicates */
  id: string
  projectId: string
  kind: string
  payload: Record<string, unknown>
  runAfter: number
  /** failed tries so far */
  attempts: number
  lastError: string | null
}

export type JobInput = Pick<Job, 'id' | 'projectId' | 'kind' | 'payload' | 'runAfter'>

/**
 * The jobs table. A claim leases jobs to one owner until the lease expires; an owner that dies
 * (kill -9) leaves its leases to expire and the jobs run again elsewhere.
 */
export interface JobStore {
  /**
   * Adds jobs, or moves an existing job's runAfter to the new one (a trace that keeps changing
   * settles later). A job enqueued while it runs runs once more after it finishes.
   */
  enqueueJobs(jobs: JobInput[]): Promise<void>
  /** Leases up to `limit` due jobs to `owner` until now + leaseMs; no job is leased twice at once. */
  claimJobs(owner: string, now: number, leaseMs: number, limit: number): Promise<Job[]>
  /** Done: removed, unless enqueued again while it ran (then it waits for its new runAfter). */
  finishJob(job: Job, owner: string): Promise<void>
  /** Tries again at runAfter; `failed` counts the attempt and keeps the error. */
  retryJob(job: Job, owner: string, runAfter: number, error: string | null, failed: boolean): Promise<void>
  /** Jobs waiting or running, by kind (tests, health). */
  countJobs(kind?: string): Promise<number>
}

/** An evaluator as stored: its status is derived, its stats computed on read. */
export type EvaluatorRecord = Omit<Evaluator, 'status' | 'stats'>

export interface EvalRunQuery {
  status?: EvalRunStatus | undefined
  limit: number
  cursor?: string | undefined
  /** only runs on traces that match (a token's scope) */
  traceFilters?: TraceFilters | undefined
}

/** A run log row, keyed by (evaluator, trace, span). */
export type EvalRunRecord = EvalRun & { evaluatorId: string }

export interface EvaluatorStore {
  /** Inserts or replaces. */
  putEvaluator(projectId: string, evaluator: EvaluatorRecord): Promise<void>
  listEvaluators(projectId: string): Promise<EvaluatorRecord[]>
  getEvaluator(projectId: string, id: string): Promise<EvaluatorRecord | null>
  /** Inserts or replaces each run by (evaluator, trace, span). */
  putEvalRuns(projectId: string, runs: EvalRunRecord[]): Promise<void>
  /** Newest scheduled first. */
  listEvalRuns(projectId: string, evaluatorId: string, query: EvalRunQuery): Promise<Page<EvalRun>>
  /** Counts over every run; duration and cost over runs finished since `since`. */
  evalRunStats(projectId: string, evaluatorId: string, since: number): Promise<EvaluatorStats>
  /** Runs finished (done or error) since `since`: the maxRunsPerHour guard. */
  countEvalRunsSince(projectId: string, evaluatorId: string, since: number): Promise<number>
  /** The spans of these types in these traces, for span-level evaluators. */
  spanIdsOfType(projectId: string, traceIds: string[], types: string[]): Promise<{ traceId: string; spanId: string }[]>
}

/** A dataset as stored; its item count is computed on read. */
export type DatasetRecord = Omit<Dataset, 'itemCount'>

/** An item's content for a new version. */
export interface DatasetItemWrite {
  id: string
  input: DatasetItem['input']
  expectedOutput: DatasetItem['expectedOutput']
  metadata: DatasetItem['metadata']
  sourceTraceId: string | null
}

export interface DatasetItemQuery {
  /** as of this version; the current one without it */
  version?: number | undefined
  limit: number
  cursor?: string | undefined
}

export interface DatasetStore {
  createDataset(projectId: string, dataset: DatasetRecord): Promise<void>
  listDatasets(projectId: string, q: { limit: number; cursor?: string | undefined }): Promise<Page<Dataset>>
  getDataset(projectId: string, id: string): Promise<Dataset | null>
  archiveDataset(projectId: string, id: string, at: number): Promise<void>
  /**
   * One new version: `put` items replace their current content (or are new), `remove` ids are
   * archived. Atomic; concurrent changes get consecutive versions. `added` counts new ids.
   */
  changeDatasetItems(
    projectId: string,
    datasetId: string,
    change: { put: DatasetItemWrite[]; remove: string[] },
    now: number,
  ): Promise<{ version: number; added: number; removed: number }>
  /** In the order items were first added. */
  listDatasetItems(projectId: string, datasetId: string, q: DatasetItemQuery): Promise<Page<DatasetItem>>
  /** Items as of a version. */
  countDatasetItems(projectId: string, datasetId: string, version: number): Promise<number>
  /** The item as of `version` (current without it). */
  getDatasetItems(projectId: string, datasetId: string, ids: string[], version?: number): Promise<DatasetItem[]>
}

export interface ExperimentRecord {
  id: string
  name: string
  datasetId: string
  datasetVersion: number
  metadata: Record<string, JsonValue> | null
  evaluatorIds: string[]
  repetitions: number
  createdAt: string
}

export interface ExperimentResultRecord {
  itemId: string
  repetition: number
  output: JsonValue | null
  traceId: string
  latencyMs: number | null
  cost: number | null
  error: string | null
  createdAt: string
}

/** A result with every score on its trace, for summaries and comparisons. */
export interface ExperimentTotals {
  results: number
  errors: number
  latency: { mean: number | null; n: number }
  cost: { total: number; mean: number | null }
  /** by name, sorted; `mean` over numeric and boolean (1/0) scores, null for categories */
  scores: { name: string; n: number; mean: number | null }[]
}

export interface ScoredResult extends ExperimentResultRecord {
  scores: { name: string; value: number | boolean | string; comment: string | null; source: string }[]
}

/** [itemId, repetition, latencyMs, cost, score name, value (booleans as 1/0)] */
export type ExperimentNumberRow = [string, number, number | null, number | null, string | null, number | null]

export interface ExperimentStore {
  createExperiment(projectId: string, experiment: ExperimentRecord): Promise<void>
  getExperiment(projectId: string, id: string): Promise<ExperimentRecord | null>
  /** Newest first. */
  listExperiments(
    projectId: string,
    q: { datasetId?: string | undefined; limit: number; cursor?: string | undefined },
  ): Promise<Page<ExperimentRecord>>
  /** Inserts or replaces by (item, repetition). */
  putExperimentResults(projectId: string, experimentId: string, results: ExperimentResultRecord[]): Promise<void>
  /** Every result with the scores on its trace, in item order: one read for a whole experiment. */
  scoredResults(projectId: string, experimentId: string): Promise<ScoredResult[]>
  /** Counts, means and sums for an experiment's summary, without reading its results' outputs. */
  experimentTotals(projectId: string, experimentId: string): Promise<ExperimentTotals>
  /**
   * One row per (result, numeric or boolean score) — a result without one gets a row with null name
   * and value: what a comparison needs and nothing more, as arrays (50,000 results × 3 scores must
   * not become objects).
   */
  experimentNumbers(projectId: string, experimentId: string): Promise<ExperimentNumberRow[]>
  /** Eval runs still pending on the experiment's result traces. */
  pendingExperimentEvaluations(projectId: string, experimentId: string): Promise<number>
}

/** A JSON document of a low-volume kind (channels, monitors, their states, events and deliveries). */
export interface DocumentWrite {
  id: string
  /** what it belongs to (a monitor's events, a channel's deliveries) */
  parentId?: string | null | undefined
  /** orders listings, newest first */
  at: number
  body: unknown
}

/**
 * Monitors, channels, alert events and deliveries are few and read whole: one table of JSON
 * documents by kind serves them all, in both stores.
 */
export interface DocumentStore {
  /** Inserts or replaces by (kind, id). */
  putDocuments(projectId: string, kind: string, docs: DocumentWrite[]): Promise<void>
  getDocument<T>(projectId: string, kind: string, id: string): Promise<T | null>
  /** Newest first; with `parentId`, only that parent's. */
  listDocuments<T>(
    projectId: string,
    kind: string,
    q: { parentId?: string | undefined; limit: number; cursor?: string | undefined },
  ): Promise<Page<T>>
  deleteDocument(projectId: string, kind: string, id: string): Promise<void>
}
