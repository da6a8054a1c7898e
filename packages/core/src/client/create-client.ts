import type { ApiError, ApiIssue, ErrorCode } from '../schemas/errors'
import type { IngestResult, IngestItemKind } from '../schemas/ingest'
import type { Health, Page, SessionDetail, TraceDetail, TraceSkeleton, TraceValues, TraceValuesQuery } from '../schemas/lists'
import { decodeTraceSkeleton, type TraceSkeletonWire } from './skeleton-wire'
import type { Score, ScoreInput, ScoreSource } from '../schemas/score'
import type { Span, SpanInput } from '../schemas/span'
import type { TokenRequest, TokenResponse } from '../schemas/tokens'
import type { TraceInput, TraceSummary } from '../schemas/trace'
import type {
  AddQueueItems,
  ClaimResponse,
  CompleteItem,
  Queue,
  QueueInput,
  QueueItem,
  QueueItemStatus,
  QueuePatch,
  QueueStats,
} from '../schemas/queue'
import type { ScoreConfig, ScoreConfigInput, ScoreConfigPatch } from '../schemas/score-config'
import type {
  Agreement,
  Backfill,
  EvalRun,
  EvalRunStatus,
  Evaluator,
  EvaluatorInput,
  EvaluatorKind,
  EvaluatorPatch,
  EvaluatorPreview,
  EvaluatorPreviewResult,
} from '../schemas/evaluator'
import type { AddDatasetItems, Dataset, DatasetInput, DatasetItem, DatasetItemPatch } from '../schemas/dataset'
import type {
  BacktestRequest,
  BacktestResult,
  Channel,
  ChannelInput,
  ChannelPatch,
  Delivery,
  Monitor,
  MonitorEvent,
  MonitorInput,
  MonitorPatch,
} from '../schemas/monitor'
import type { CompareItem, Experiment, ExperimentCompare, ExperimentInput, ExperimentResult, PostResults } from '../schemas/experiment'
import { type TraceListQuery, traceListQueryToParams } from '../filters/trace-query'
import type { MetricsResponse } from '../metrics/metrics-query'
import { type MetricsRequest, metricsQueryToParams } from '../metrics/prepare-query'

export interface IngestBatch {
  traces?: TraceInput[]
  spans?: SpanInput[]
  scores?: ScoreInput[]
}

export interface ScoreListQuery {
  /** one trace, or several (at most 500) */
  traceId?: string | string[] | undefined
  name?: string | undefined
  source?: ScoreSource | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

export type Credentials =
  | { secretKey: string; token?: never; getToken?: never }
  | { token: string; secretKey?: never; getToken?: never }
  /** called before each request; cache and refresh the token there */
  | { getToken: () => string | Promise<string>; secretKey?: never; token?: never }
  | { secretKey?: never; token?: never; getToken?: never }

/** The part of `fetch` the client uses; tests pass an in-process app's `request`. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>

export type ClientOptions = Credentials & {
  /** e.g. "http://localhost:4318"; "" for same-origin */
  baseUrl: string
  fetch?: FetchLike | undefined
}

/** An error reply of the API, with the server's code and the offending fields. */
export class SightlineError extends Error {
  readonly status: number
  readonly code: ErrorCode | 'network'
  readonly issues: ApiIssue[]
  constructor(status: number, code: ErrorCode | 'network', message: string, issues: ApiIssue[] = []) {
    super(message)
    this.name = 'SightlineError'
    this.status = status
    this.code = code
    this.issues = issues
  }
}

/** Why a request got no HTTP answer: the server refuses this page's origin (CORS), or nothing answered. */
export type NetworkFailureReason = 'origin-not-allowed' | 'unreachable'

/**
 * A request that got no HTTP answer. Browsers hide why (a CORS refusal and a server that is down both
 * reject fetch with a bare TypeError), so for a server on another origin the client asks its public
 * health endpoint once whether this page's origin is allowed, and says what to change.
 */
export class SightlineNetworkError extends SightlineError {
  readonly reason: NetworkFailureReason
  constructor(reason: NetworkFailureReason, message: string) {
    super(0, 'network', message)
    this.name = 'SightlineNetworkError'
    this.reason = reason
  }
}

export interface SightlineClient {
  health(): Promise<Health>
  ingest(batch: IngestBatch): Promise<IngestResult>
  listTraces(query?: TraceListQuery, init?: RequestInit): Promise<Page<TraceSummary>>
  getTrace(id: string, init?: RequestInit): Promise<TraceDetail>
  /** every span without payloads: for huge traces */
  getTraceSkeleton(id: string, init?: RequestInit): Promise<TraceSkeleton>
  getSpan(traceId: string, spanId: string, init?: RequestInit): Promise<Span>
  /** values of a trace field seen among the most recent traces this credential reads: for filter suggestions */
  listTraceValues(query: TraceValuesQuery, init?: RequestInit): Promise<TraceValues>
  getSession(id: string, init?: RequestInit): Promise<SessionDetail>
  listScores(query?: ScoreListQuery, init?: RequestInit): Promise<Page<Score>>
  createScore(score: ScoreInput): Promise<Score>
  deleteScore(id: string): Promise<void>
  createToken(request: TokenRequest): Promise<TokenResponse>
  /** `GET /api/v1/metrics`: time series per group, totals, and the previous period with compare */
  getMetrics(query: MetricsRequest, init?: RequestInit): Promise<MetricsResponse>
  openapi(): Promise<Record<string, unknown>>

  // Annotation: score configs and queues. `reviewer` is needed with a secret key only.
  listScoreConfigs(): Promise<{ data: ScoreConfig[] }>
  createScoreConfig(config: ScoreConfigInput): Promise<ScoreConfig>
  updateScoreConfig(id: string, patch: ScoreConfigPatch): Promise<ScoreConfig>
  deleteScoreConfig(id: string): Promise<{ id: string; outcome: 'deleted' | 'archived' }>
  listQueues(init?: RequestInit): Promise<{ data: (Queue & { counts: QueueStats['counts'] })[] }>
  getQueue(id: string, init?: RequestInit): Promise<Queue>
  createQueue(queue: QueueInput): Promise<Queue>
  updateQueue(id: string, patch: QueuePatch): Promise<Queue>
  getQueueConfigs(id: string, init?: RequestInit): Promise<{ data: ScoreConfig[] }>
  addQueueItems(id: string, items: AddQueueItems): Promise<{ added: number; skipped: number }>
  listQueueItems(
    id: string,
    query?: { status?: QueueItemStatus | undefined; limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<QueueItem>>
  getQueueItem(id: string, itemId: string, init?: RequestInit): Promise<QueueItem>
  /** null when nothing is left for this reviewer */
  claimQueueItem(id: string, reviewer?: string): Promise<ClaimResponse | null>
  completeQueueItem(id: string, itemId: string, body: CompleteItem): Promise<QueueItem>
  skipQueueItem(id: string, itemId: string, reviewer?: string): Promise<QueueItem>
  releaseQueueItem(id: string, itemId: string, reviewer?: string): Promise<QueueItem>
  renewQueueItem(id: string, itemId: string, reviewer?: string): Promise<QueueItem>
  queueStats(id: string, init?: RequestInit): Promise<QueueStats>

  // Evaluators: automatic scoring of live traces.
  /** every kind the server runs, with its config fields */
  listEvaluatorKinds(init?: RequestInit): Promise<{ data: EvaluatorKind[] }>
  listEvaluators(init?: RequestInit): Promise<{ data: Evaluator[] }>
  /** with its stats */
  getEvaluator(id: string, init?: RequestInit): Promise<Evaluator>
  createEvaluator(evaluator: EvaluatorInput): Promise<Evaluator>
  updateEvaluator(id: string, patch: EvaluatorPatch): Promise<Evaluator>
  /** archives it; its scores stay */
  deleteEvaluator(id: string): Promise<Evaluator>
  /** runs an unsaved definition on a trace and stores nothing */
  previewEvaluator(preview: EvaluatorPreview, init?: RequestInit): Promise<EvaluatorPreviewResult>
  listEvaluatorRuns(
    id: string,
    query?: { status?: EvalRunStatus | undefined; limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<EvalRun>>
  backfillEvaluator(id: string, body?: Backfill): Promise<{ queued: number }>
  /** the evaluator's scores against reviewers' scores named `human` */
  getEvaluatorAgreement(id: string, human: string, init?: RequestInit): Promise<Agreement>

  // Datasets and experiments.
  listDatasets(init?: RequestInit): Promise<Page<Dataset>>
  getDataset(id: string, init?: RequestInit): Promise<Dataset>
  createDataset(dataset: DatasetInput): Promise<Dataset>
  /** archives it */
  deleteDataset(id: string): Promise<Dataset>
  addDatasetItems(id: string, body: AddDatasetItems): Promise<{ added: number; version: number }>
  /** the items as of `version` (default: current) */
  listDatasetItems(
    id: string,
    query?: { version?: number | undefined; limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<DatasetItem>>
  updateDatasetItem(id: string, itemId: string, patch: DatasetItemPatch): Promise<DatasetItem & { datasetVersion: number }>
  /** archives the item in a new version */
  deleteDatasetItem(id: string, itemId: string): Promise<{ version: number }>
  listExperiments(
    query?: { datasetId?: string | undefined; limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<Experiment>>
  getExperiment(id: string, init?: RequestInit): Promise<Experiment>
  createExperiment(experiment: ExperimentInput): Promise<Experiment>
  /** idempotent by item and repetition */
  postExperimentResults(id: string, body: PostResults): Promise<{ accepted: number }>
  listExperimentResults(
    id: string,
    query?: { limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<ExperimentResult>>
  compareExperiments(base: string, candidate: string, init?: RequestInit): Promise<ExperimentCompare>
  compareExperimentItems(
    query: {
      base: string
      candidate: string
      score?: string | undefined
      change?: CompareItem['change'] | undefined
      limit?: number | undefined
      cursor?: string | undefined
    },
    init?: RequestInit,
  ): Promise<Page<CompareItem>>

  // Monitors and alert channels. Channels take the secret key only (they hold signing secrets).
  listMonitors(init?: RequestInit): Promise<{ data: Monitor[] }>
  getMonitor(id: string, init?: RequestInit): Promise<Monitor>
  createMonitor(monitor: MonitorInput): Promise<Monitor>
  updateMonitor(id: string, patch: MonitorPatch): Promise<Monitor>
  deleteMonitor(id: string): Promise<void>
  listMonitorEvents(
    id: string,
    query?: { limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<MonitorEvent>>
  /** what an unsaved monitor would have fired over history */
  backtestMonitor(request: BacktestRequest, init?: RequestInit): Promise<BacktestResult>
  listChannels(init?: RequestInit): Promise<{ data: Channel[] }>
  getChannel(id: string, init?: RequestInit): Promise<Channel>
  /** the reply holds the channel's `secret`, once */
  createChannel(channel: ChannelInput): Promise<Channel>
  updateChannel(id: string, patch: ChannelPatch): Promise<Channel>
  deleteChannel(id: string): Promise<void>
  /** the reply holds the new `secret`, once */
  rotateChannelSecret(id: string): Promise<Channel>
  listDeliveries(
    channelId: string,
    query?: { limit?: number | undefined; cursor?: string | undefined },
    init?: RequestInit,
  ): Promise<Page<Delivery>>
  /** sends it again, with the same `webhook-id` */
  replayDelivery(id: string): Promise<Delivery>
}

export type { IngestItemKind }

/** A typed client for the Sightline HTTP API. `fetch` is injectable (tests pass `app.request`). */
export function createClient(options: ClientOptions): SightlineClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init))

  async function bearer(): Promise<string | undefined> {
    if (options.secretKey) return options.secretKey
    if (options.token) return options.token
    if (options.getToken) return options.getToken()
    return undefined
  }

  /** The page's origin and the server's, when they differ: only then can CORS be what failed. */
  function origins(): { page: string; server: string } | undefined {
    const page = globalThis.location?.origin
    try {
      const server = new URL(base, globalThis.location?.href).origin
      return page && server !== page ? { page, server } : undefined
    } catch {
      return undefined
    }
  }

  // Requests failing together (a page of panels) share one look at the health endpoint.
  let probe: Promise<Health | null> | undefined
  async function networkError(err: Error): Promise<SightlineNetworkError> {
    if (origins()) {
      // No credential, so no preflight: a simple GET that health answers to every origin. No
      // caller's abort signal either, as the look is shared.
      probe ??= doFetch(`${base}/api/health`)
        .then((res) => (res.ok ? (res.json() as Promise<Health>) : null))
        .catch(() => null)
        .finally(() => (probe = undefined))
      const origin = (await probe)?.origin
      if (origin && !origin.allowed)
        return new SightlineNetworkError(
          'origin-not-allowed',
          `This page's origin (${origin.value}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`,
        )
    }
    const where = base || globalThis.location?.origin || 'this origin'
    return new SightlineNetworkError('unreachable', `The Sightline server at ${where} could not be reached (${err.message})`)
  }

  async function request<T>(method: string, path: string, body?: unknown, init?: RequestInit): Promise<T> {
    const headers = new Headers(init?.headers)
    const key = await bearer()
    if (key) headers.set('authorization', `Bearer ${key}`)
    if (body !== undefined) headers.set('content-type', 'application/json')
    let res: Response
    try {
      res = await doFetch(`${base}${path}`, {
        ...init,
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // fetch takes an undefined body as none; lib.dom's RequestInit omits undefined.
      } as RequestInit)
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err
      throw await networkError(err as Error)
    }
    if (res.status === 204) return undefined as T
    const text = await res.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!res.ok) {
      const e = (json as ApiError | undefined)?.error
      throw new SightlineError(res.status, e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.issues)
    }
    return json as T
  }

  const qs = (params: URLSearchParams) => (params.size ? `?${params}` : '')
  const paramsOf = (query: Record<string, string | number | undefined>) =>
    new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])))
  const id = encodeURIComponent

  return {
    health: () => request('GET', '/api/health'),
    ingest: (batch) => request('POST', '/api/v1/ingest', batch),
    listTraces: (query = {}, init) => request('GET', `/api/v1/traces${qs(traceListQueryToParams(query))}`, undefined, init),
    getTrace: (traceId, init) => request('GET', `/api/v1/traces/${id(traceId)}`, undefined, init),
    getTraceSkeleton: async (traceId, init) =>
      decodeTraceSkeleton(await request<TraceSkeletonWire>('GET', `/api/v1/traces/${id(traceId)}?fields=skeleton`, undefined, init)),
    getSpan: (traceId, spanId, init) => request('GET', `/api/v1/traces/${id(traceId)}/spans/${id(spanId)}`, undefined, init),
    listTraceValues: ({ field, q, limit }, init) => {
      const params = new URLSearchParams({ field })
      if (q) params.set('q', q)
      if (limit !== undefined) params.set('limit', String(limit))
      return request('GET', `/api/v1/traces/values${qs(params)}`, undefined, init)
    },
    getSession: (sessionId, init) => request('GET', `/api/v1/sessions/${id(sessionId)}`, undefined, init),
    listScores: (query = {}, init) => {
      const params = new URLSearchParams()
      for (const [k, v] of Object.entries(query)) {
        if (Array.isArray(v)) for (const x of v) params.append(k, x)
        else if (v !== undefined) params.set(k, String(v))
      }
      return request('GET', `/api/v1/scores${qs(params)}`, undefined, init)
    },
    createScore: (score) => request('POST', '/api/v1/scores', score),
    deleteScore: (scoreId) => request('DELETE', `/api/v1/scores/${id(scoreId)}`),
    createToken: (req) => request('POST', '/api/v1/tokens', req),
    getMetrics: (query, init) => request('GET', `/api/v1/metrics${qs(metricsQueryToParams(query))}`, undefined, init),
    openapi: () => request('GET', '/api/v1/openapi.json'),

    listScoreConfigs: () => request('GET', '/api/v1/score-configs'),
    createScoreConfig: (config) => request('POST', '/api/v1/score-configs', config),
    updateScoreConfig: (configId, patch) => request('PATCH', `/api/v1/score-configs/${id(configId)}`, patch),
    deleteScoreConfig: (configId) => request('DELETE', `/api/v1/score-configs/${id(configId)}`),
    listQueues: (init) => request('GET', '/api/v1/queues', undefined, init),
    getQueue: (queueId, init) => request('GET', `/api/v1/queues/${id(queueId)}`, undefined, init),
    createQueue: (queue) => request('POST', '/api/v1/queues', queue),
    updateQueue: (queueId, patch) => request('PATCH', `/api/v1/queues/${id(queueId)}`, patch),
    getQueueConfigs: (queueId, init) => request('GET', `/api/v1/queues/${id(queueId)}/configs`, undefined, init),
    addQueueItems: (queueId, items) => request('POST', `/api/v1/queues/${id(queueId)}/items`, items),
    listQueueItems: (queueId, query = {}, init) => {
      return request('GET', `/api/v1/queues/${id(queueId)}/items${qs(paramsOf(query))}`, undefined, init)
    },
    getQueueItem: (queueId, itemId, init) => request('GET', `/api/v1/queues/${id(queueId)}/items/${id(itemId)}`, undefined, init),
    claimQueueItem: async (queueId, reviewer) =>
      (await request<ClaimResponse | undefined>('POST', `/api/v1/queues/${id(queueId)}/claim`, reviewer ? { reviewer } : {})) ?? null,
    completeQueueItem: (queueId, itemId, body) => request('POST', `/api/v1/queues/${id(queueId)}/items/${id(itemId)}/complete`, body),
    skipQueueItem: (queueId, itemId, reviewer) =>
      request('POST', `/api/v1/queues/${id(queueId)}/items/${id(itemId)}/skip`, reviewer ? { reviewer } : {}),
    releaseQueueItem: (queueId, itemId, reviewer) =>
      request('POST', `/api/v1/queues/${id(queueId)}/items/${id(itemId)}/release`, reviewer ? { reviewer } : {}),
    renewQueueItem: (queueId, itemId, reviewer) =>
      request('POST', `/api/v1/queues/${id(queueId)}/items/${id(itemId)}/renew`, reviewer ? { reviewer } : {}),
    queueStats: (queueId, init) => request('GET', `/api/v1/queues/${id(queueId)}/stats`, undefined, init),
    listEvaluatorKinds: (init) => request('GET', '/api/v1/evaluators/kinds', undefined, init),
    listEvaluators: (init) => request('GET', '/api/v1/evaluators', undefined, init),
    getEvaluator: (evaluatorId, init) => request('GET', `/api/v1/evaluators/${id(evaluatorId)}`, undefined, init),
    createEvaluator: (evaluator) => request('POST', '/api/v1/evaluators', evaluator),
    updateEvaluator: (evaluatorId, patch) => request('PATCH', `/api/v1/evaluators/${id(evaluatorId)}`, patch),
    deleteEvaluator: (evaluatorId) => request('DELETE', `/api/v1/evaluators/${id(evaluatorId)}`),
    previewEvaluator: (preview, init) => request('POST', '/api/v1/evaluators/preview', preview, init),
    listEvaluatorRuns: (evaluatorId, query = {}, init) => {
      return request('GET', `/api/v1/evaluators/${id(evaluatorId)}/runs${qs(paramsOf(query))}`, undefined, init)
    },
    backfillEvaluator: (evaluatorId, body = {}) => request('POST', `/api/v1/evaluators/${id(evaluatorId)}/backfill`, body),
    listDatasets: (init) => request('GET', '/api/v1/datasets', undefined, init),
    getDataset: (datasetId, init) => request('GET', `/api/v1/datasets/${id(datasetId)}`, undefined, init),
    createDataset: (dataset) => request('POST', '/api/v1/datasets', dataset),
    deleteDataset: (datasetId) => request('DELETE', `/api/v1/datasets/${id(datasetId)}`),
    addDatasetItems: (datasetId, body) => request('POST', `/api/v1/datasets/${id(datasetId)}/items`, body),
    listDatasetItems: (datasetId, query = {}, init) =>
      request('GET', `/api/v1/datasets/${id(datasetId)}/items${qs(paramsOf(query))}`, undefined, init),
    updateDatasetItem: (datasetId, itemId, patch) => request('PATCH', `/api/v1/datasets/${id(datasetId)}/items/${id(itemId)}`, patch),
    deleteDatasetItem: (datasetId, itemId) => request('DELETE', `/api/v1/datasets/${id(datasetId)}/items/${id(itemId)}`),
    listExperiments: (query = {}, init) => request('GET', `/api/v1/experiments${qs(paramsOf(query))}`, undefined, init),
    getExperiment: (experimentId, init) => request('GET', `/api/v1/experiments/${id(experimentId)}`, undefined, init),
    createExperiment: (experiment) => request('POST', '/api/v1/experiments', experiment),
    postExperimentResults: (experimentId, body) => request('POST', `/api/v1/experiments/${id(experimentId)}/results`, body),
    listExperimentResults: (experimentId, query = {}, init) =>
      request('GET', `/api/v1/experiments/${id(experimentId)}/results${qs(paramsOf(query))}`, undefined, init),
    compareExperiments: (base, candidate, init) =>
      request('GET', `/api/v1/experiments/compare${qs(new URLSearchParams({ base, candidate }))}`, undefined, init),
    compareExperimentItems: (query, init) => request('GET', `/api/v1/experiments/compare/items${qs(paramsOf(query))}`, undefined, init),
    listMonitors: (init) => request('GET', '/api/v1/monitors', undefined, init),
    getMonitor: (monitorId, init) => request('GET', `/api/v1/monitors/${id(monitorId)}`, undefined, init),
    createMonitor: (monitor) => request('POST', '/api/v1/monitors', monitor),
    updateMonitor: (monitorId, patch) => request('PATCH', `/api/v1/monitors/${id(monitorId)}`, patch),
    deleteMonitor: (monitorId) => request('DELETE', `/api/v1/monitors/${id(monitorId)}`),
    listMonitorEvents: (monitorId, query = {}, init) =>
      request('GET', `/api/v1/monitors/${id(monitorId)}/events${qs(paramsOf(query))}`, undefined, init),
    backtestMonitor: (body, init) => request('POST', '/api/v1/monitors/backtest', body, init),
    listChannels: (init) => request('GET', '/api/v1/channels', undefined, init),
    getChannel: (channelId, init) => request('GET', `/api/v1/channels/${id(channelId)}`, undefined, init),
    createChannel: (channel) => request('POST', '/api/v1/channels', channel),
    updateChannel: (channelId, patch) => request('PATCH', `/api/v1/channels/${id(channelId)}`, patch),
    deleteChannel: (channelId) => request('DELETE', `/api/v1/channels/${id(channelId)}`),
    rotateChannelSecret: (channelId) => request('POST', `/api/v1/channels/${id(channelId)}/rotate-secret`),
    listDeliveries: (channelId, query = {}, init) =>
      request('GET', `/api/v1/channels/${id(channelId)}/deliveries${qs(paramsOf(query))}`, undefined, init),
    replayDelivery: (deliveryId) => request('POST', `/api/v1/deliveries/${id(deliveryId)}/replay`),
    getEvaluatorAgreement: (evaluatorId, human, init) =>
      request('GET', `/api/v1/evaluators/${id(evaluatorId)}/agreement${qs(new URLSearchParams({ human }))}`, undefined, init),
  }
}
