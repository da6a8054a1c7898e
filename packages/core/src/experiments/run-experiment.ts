import type { SightlineClient } from '../client/create-client'
import type { JsonValue } from '../schemas/common'
import type { DatasetItem } from '../schemas/dataset'
import type { ScoreValue } from '../schemas/score'
import type { TraceInput } from '../schemas/trace'
import { type Experiment, type ExperimentResultInput, experimentResultInputSchema, MAX_RESULTS_PER_REQUEST } from '../schemas/experiment'

/** What the task gets besides the item. */
export interface ExperimentTaskContext {
  /** 0 … repetitions − 1 */
  repetition: number
  experimentId: string
  /** the trace recorded for this call: spans the task ingests with this `traceId` nest under it */
  traceId: string
  /** aborted when the run is */
  signal: AbortSignal | undefined
}

/** The structured form of a task's return value: the output plus scores and cost the task measured itself. */
export interface ExperimentTaskResult {
  output: JsonValue
  scores?: { name: string; value: ScoreValue; comment?: string | null | undefined }[] | undefined
  cost?: number | null | undefined
}

/**
 * Runs the system under test on one dataset item. It returns either the output itself (any JSON
 * value), or an {@link ExperimentTaskResult}: a plain object with an own `output` key is always read
 * as the structured form, so an output that is itself an object with an `output` key is returned
 * wrapped, `{ output: { output: … } }`. A throw (or rejection) becomes the result's `error`.
 */
export type ExperimentTask = (
  item: DatasetItem,
  context: ExperimentTaskContext,
) => JsonValue | ExperimentTaskResult | undefined | Promise<JsonValue | ExperimentTaskResult | undefined>

export interface ExperimentRunProgress {
  experimentId: string
  /** `tasks` while the calls run; `scoring` while waiting for the experiment's evaluators */
  phase: 'tasks' | 'scoring'
  /** calls finished, failed ones included */
  done: number
  /** items × repetitions */
  total: number
  /** calls that failed */
  errors: number
  /** evaluations the server has still to run (in the scoring phase) */
  pendingEvaluations: number
}

/** The client methods a run uses (a full `SightlineClient` will do). */
export type ExperimentRunClient = Pick<
  SightlineClient,
  'getDataset' | 'listDatasetItems' | 'createExperiment' | 'postExperimentResults' | 'getExperiment' | 'ingest'
>

export interface RunExperimentOptions {
  /** with a secret key */
  client: ExperimentRunClient
  datasetId: string
  /** default: the dataset's current version, pinned when the run starts */
  datasetVersion?: number | undefined
  /** the experiment's name, also the name of every call's trace */
  name: string
  task: ExperimentTask
  /** evaluators that score every result on the server (with the item's expected output) */
  evaluatorIds?: string[] | undefined
  /** runs per item (default 1) */
  repetitions?: number | undefined
  /** calls in flight at most (default 4) */
  concurrency?: number | undefined
  /** what was tried: model, prompt version, … */
  metadata?: Record<string, JsonValue> | undefined
  /** called after every call, and on every poll while evaluators score */
  onProgress?: ((progress: ExperimentRunProgress) => void) | undefined
  /** wait until the evaluators have scored every result (default true); false returns once the results are posted */
  waitForScores?: boolean | undefined
  /** how long to wait for the evaluators after the last result, in ms (default 5 minutes); the calls themselves are not timed */
  timeoutMs?: number | undefined
  /** between looks at the experiment while waiting (default 1 s) */
  pollIntervalMs?: number | undefined
  /** stops starting calls, and the wait */
  signal?: AbortSignal | undefined
}

/** The experiment's evaluators did not finish within `timeoutMs`; the results are stored and scoring goes on. */
export class ExperimentTimeoutError extends Error {
  readonly experiment: Experiment
  constructor(experiment: Experiment, timeoutMs: number) {
    super(
      `experiment ${experiment.id} is still ${experiment.status} after ${timeoutMs / 1000} s ` +
        `(${experiment.progress.pendingEvaluations} evaluations pending): its results are stored and the server keeps scoring; ` +
        'read it later with getExperiment, or raise timeoutMs',
    )
    this.name = 'ExperimentTimeoutError'
    this.experiment = experiment
  }
}

const DEFAULT_CONCURRENCY = 4
const DEFAULT_TIMEOUT_MS = 5 * 60_000
const ITEM_PAGE = 1000
/** A batch is posted when it holds this much JSON, well under the server's default 10 MB body limit (outputs go twice: trace and result). */
const BATCH_CHARS = 2_000_000
/** ...or when the oldest result in it has waited this long, so a slow run shows its progress on the server. */
const BATCH_MS = 5000
const MAX_ERROR_CHARS = 5000

/** A random 32-hex id (an OpenTelemetry trace id), from the platform's crypto: isomorphic. */
function randomTraceId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function isStructured(value: unknown): value is ExperimentTaskResult {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'output')
}

function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err)
  return (text || 'the task failed').slice(0, MAX_ERROR_CHARS)
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', abort, { once: true })
  })

/**
 * Runs `task` over every item of a dataset version × `repetitions` and records it as an experiment:
 * reads the items (pinning the version), creates the experiment, calls the task with at most
 * `concurrency` calls in flight, and records each call as a trace (environment `experiment`,
 * metadata `{ experimentId, datasetId, itemId, repetition }`) and a result with its latency,
 * output, cost, scores or error. A failing call never stops the run. Results are posted in batches;
 * then it waits for the experiment's evaluators (unless `waitForScores: false`) and returns the
 * experiment's summary. A failure to reach the server does stop the run, with the client's error.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<Experiment> {
  const { client, task, signal } = options
  const repetitions = options.repetitions ?? 1
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`)
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new RangeError(`repetitions must be a whole number ≥ 1, got ${repetitions}`)
  signal?.throwIfAborted()

  const dataset = await client.getDataset(options.datasetId)
  const version = options.datasetVersion ?? dataset.version
  if (version < 1) throw new Error(`dataset ${dataset.id} has no items yet: add some first`)
  const items: DatasetItem[] = []
  let cursor: string | undefined
  do {
    const page = await client.listDatasetItems(dataset.id, { version, limit: ITEM_PAGE, cursor })
    items.push(...page.data)
    cursor = page.nextCursor ?? undefined
  } while (cursor)

  const experiment = await client.createExperiment({
    name: options.name,
    datasetId: dataset.id,
    datasetVersion: version,
    repetitions,
    ...(options.evaluatorIds && { evaluatorIds: options.evaluatorIds }),
    ...(options.metadata && { metadata: options.metadata }),
  })
  const total = items.length * repetitions
  let done = 0
  let errors = 0
  const report = (phase: ExperimentRunProgress['phase'], pendingEvaluations = 0) =>
    options.onProgress?.({ experimentId: experiment.id, phase, done, total, errors, pendingEvaluations })

  // Posting: one batch in flight at a time; a failed post stops the run.
  let batch: { trace: TraceInput; result: ExperimentResultInput }[] = []
  let batchChars = 0
  let batchSince = 0
  let posting: Promise<void> = Promise.resolve()
  let failure: { error: unknown } | undefined
  const flush = () => {
    if (!batch.length) return posting
    const taken = batch
    batch = []
    batchChars = 0
    posting = posting.then(async () => {
      if (failure) return
      try {
        await postBatch(client, experiment.id, taken)
      } catch (error) {
        failure ??= { error }
      }
    })
    return posting
  }

  const record = (trace: TraceInput, result: ExperimentResultInput) => {
    if (!batch.length) batchSince = Date.now()
    batch.push({ trace, result })
    batchChars += JSON.stringify(result.output ?? null).length * 2 + 500
    if (batch.length >= MAX_RESULTS_PER_REQUEST || batchChars >= BATCH_CHARS || Date.now() - batchSince >= BATCH_MS) void flush()
  }

  async function call(item: DatasetItem, repetition: number) {
    const traceId = randomTraceId()
    const startTime = Date.now()
    const started = performance.now()
    let returned: unknown
    let error: string | undefined
    try {
      returned = await task(item, { repetition, experimentId: experiment.id, traceId, signal })
    } catch (err) {
      error = errorMessage(err)
    }
    const latencyMs = performance.now() - started
    let result: ExperimentResultInput = { itemId: item.id, repetition, traceId, latencyMs }
    if (error === undefined) {
      const value = returned
      const candidate: ExperimentResultInput = {
        ...result,
        ...(isStructured(value)
          ? {
              output: value.output,
              ...(value.scores && { scores: value.scores }),
              ...(value.cost != null && { cost: value.cost }),
            }
          : value === undefined
            ? {}
            : { output: value as JsonValue }),
      }
      // A malformed return (a bad score, a negative cost) fails this call alone, not the batch it is posted in.
      const checked = experimentResultInputSchema.safeParse(candidate)
      if (checked.success) result = candidate
      else
        error = `the task returned an invalid result: ${checked.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`
    }
    if (error !== undefined) result = { ...result, error: error.slice(0, MAX_ERROR_CHARS) }
    const trace: TraceInput = {
      id: traceId,
      name: experiment.name,
      input: item.input,
      ...(result.output !== undefined && { output: result.output }),
      status: error === undefined ? 'ok' : 'error',
      environment: 'experiment',
      tags: ['experiment'],
      metadata: { experimentId: experiment.id, datasetId: dataset.id, itemId: item.id, repetition },
      startTime,
      endTime: startTime + Math.round(latencyMs),
    }
    done++
    if (error !== undefined) errors++
    record(trace, result)
    report('tasks')
  }

  // Every item once before any item twice, so a stopped run has covered the most items.
  let next = 0
  const worker = async () => {
    while (next < total && !failure && !signal?.aborted) {
      const at = next++
      await call(items[at % items.length]!, Math.floor(at / items.length))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  await flush()
  if (failure) throw failure.error
  signal?.throwIfAborted()

  let summary = await client.getExperiment(experiment.id)
  if (options.waitForScores === false) return summary
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const deadline = Date.now() + timeoutMs
  while (summary.status !== 'done') {
    report('scoring', summary.progress.pendingEvaluations)
    if (Date.now() >= deadline) throw new ExperimentTimeoutError(summary, timeoutMs)
    await sleep(Math.min(options.pollIntervalMs ?? 1000, Math.max(0, deadline - Date.now())), signal)
    summary = await client.getExperiment(experiment.id)
  }
  return summary
}

/**
 * Ingests the calls' traces, then posts their results. A trace the server rejects (say, an output
 * it cannot store) turns its result into an error without that trace, so the batch still lands.
 */
async function postBatch(client: ExperimentRunClient, experimentId: string, batch: { trace: TraceInput; result: ExperimentResultInput }[]) {
  const ingested = await client.ingest({ traces: batch.map((b) => b.trace) })
  const rejected = new Map(ingested.rejected.filter((r) => r.kind === 'trace').map((r) => [r.index, r.error]))
  const results = batch.map(({ result }, i): ExperimentResultInput => {
    const why = rejected.get(i)
    if (why === undefined) return result
    const { traceId: _traceId, output: _output, ...rest } = result
    return { ...rest, error: `the call's trace was rejected: ${why}`.slice(0, MAX_ERROR_CHARS) }
  })
  await client.postExperimentResults(experimentId, { results })
}
