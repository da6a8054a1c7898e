import type { TraceFilters } from '@sightline/core'
import type { EvalRunRecord, EvaluatorRecord, IngestWrite, JobInput, Store } from '../store/types'
import { queueFilters } from './queues'
import { sampled } from './sampling'
import { stableHash as hash } from './stable-id'

export const EVAL_JOB = 'eval'

/** Where an experiment result's expected output lives: its dataset item, as of the experiment's version. */
export interface ExpectedFrom {
  datasetId: string
  itemId: string
  version: number
}

/** What a run scores: a trace, or one span of it; an experiment's result also names its expected output. */
export interface EvalTarget {
  traceId: string
  spanId: string | null
  expectedFrom?: ExpectedFrom | undefined
}

export interface EvalJobPayload extends EvalTarget {
  evaluatorId: string
}

/** One job per (evaluator, trace, span): scheduling again moves it, never doubles it. */
export const evalJobId = (projectId: string, evaluatorId: string, t: EvalTarget) =>
  `eval_${hash(projectId, evaluatorId, t.traceId, t.spanId ?? '')}`

/** One score per (evaluator, trace, span): a re-run overwrites it. */
export const evalScoreId = (evaluatorId: string, t: EvalTarget) => `ev_${hash(evaluatorId, t.traceId, t.spanId ?? '')}`

/** Evaluators that take new work: paused ones too (their jobs wait), not switched-off or archived ones. */
export const takesWork = (e: EvaluatorRecord) => e.active && !e.archivedAt

export const evaluatorFilters = (e: EvaluatorRecord): TraceFilters => (e.filter ? queueFilters(e.filter, ['filter']) : {})

/**
 * Schedules `targets` for the evaluator at `runAfter`: a job each, and a pending row in its run
 * log. Enqueued first, so a crash in between leaves a job that writes its row when it runs.
 */
export async function scheduleTargets(store: Store, projectId: string, e: EvaluatorRecord, targets: EvalTarget[], runAfter: number) {
  if (!targets.length) return
  await store.enqueueJobs(
    targets.map((t) => ({
      id: evalJobId(projectId, e.id, t),
      projectId,
      kind: EVAL_JOB,
      payload: {
        evaluatorId: e.id,
        traceId: t.traceId,
        spanId: t.spanId,
        ...(t.expectedFrom && { expectedFrom: t.expectedFrom }),
      } satisfies EvalJobPayload,
      runAfter,
    })) satisfies JobInput[],
  )
  const scheduledAt = new Date(runAfter).toISOString()
  await store.putEvalRuns(
    projectId,
    targets.map(
      (t): EvalRunRecord => ({
        evaluatorId: e.id,
        traceId: t.traceId,
        spanId: t.spanId,
        status: 'pending',
        scoreId: null,
        value: null,
        error: null,
        attempts: 0,
        durationMs: null,
        usage: null,
        cost: null,
        scheduledAt,
        finishedAt: null,
      }),
    ),
  )
}

/** The sampled targets among these traces: the traces, or every span of the target type in them. */
export async function targetsOf(store: Store, projectId: string, e: EvaluatorRecord, traceIds: string[]): Promise<EvalTarget[]> {
  const picked = traceIds.filter((id) => sampled(e.id, id, e.sampleRate))
  if (e.target === 'trace') return picked.map((traceId) => ({ traceId, spanId: null }))
  return store.spanIdsOfType(projectId, picked, [e.target])
}

/**
 * After a write: every trace (or span of the target type) it touched that an evaluator's filter matches
 * and its sample takes is scheduled after the evaluator's quiet delay. A trace that keeps
 * changing moves its job later, so the settled trace is what gets scored.
 */
export async function scheduleEvaluations(store: Store, projectId: string, write: IngestWrite, now: number): Promise<void> {
  if (!write.traces.length && !write.spans.length) return
  const evaluators = (await store.listEvaluators(projectId)).filter(takesWork)
  if (!evaluators.length) return
  const touched = [...new Set([...write.traces.map((t) => t.id), ...write.spans.map((s) => s.traceId)])]
  for (const e of evaluators) {
    const matching = e.filter ? await store.traceIdsMatching(projectId, evaluatorFilters(e), touched, touched.length) : touched
    const targets = await targetsOf(store, projectId, e, matching)
    await scheduleTargets(store, projectId, e, targets, now + e.delaySeconds * 1000)
  }
}
