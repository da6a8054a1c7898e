import { type EvalContext, EvalSkip, JudgeError, runEvaluator, subjectFromTrace } from '@sightline/evals'
import { computeCost } from '../otlp/pricing'
import { type EvalJobPayload, evalScoreId } from '../services/eval-schedule'
import { writeBatch } from '../services/write'
import type { EvaluationDeps } from '../app-deps'
import type { EvalRunRecord, EvaluatorRecord, Job, Store } from '../store/types'
import { JobDeferred, type JobHandler, JobRetryable } from './job-runner'

/** How long a paused evaluator's jobs wait before looking again. */
export const PAUSED_RECHECK_MS = 60_000

export interface EvalJobDeps extends EvaluationDeps {
  store: Store
  now: () => number
}

/** The judge's cost from the offline price table; unknown models cost nothing known. */
export const judgePrice: NonNullable<EvalContext['priceOf']> = (model, usage) =>
  computeCost(model, null, { input: usage.input, output: usage.output })?.total ?? null

export function evalContext(deps: EvaluationDeps): EvalContext {
  return {
    fetch: deps.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    env: deps.env ?? ((name) => process.env[name]),
    priceOf: judgePrice,
  }
}

/**
 * Runs one evaluator on one trace (or span) and writes its score with a deterministic id, so a
 * job that runs twice (a lease that expired mid-run) overwrites, never duplicates.
 */
export function evalJobHandler(deps: EvalJobDeps): JobHandler {
  const { store, now } = deps
  const ctx = evalContext(deps)

  const payloadOf = (job: Job) => job.payload as unknown as EvalJobPayload
  const run = (job: Job, patch: Partial<EvalRunRecord>): EvalRunRecord => {
    const p = payloadOf(job)
    return {
      evaluatorId: p.evaluatorId,
      traceId: p.traceId,
      spanId: p.spanId,
      status: 'pending',
      scoreId: null,
      value: null,
      error: null,
      attempts: job.attempts + 1,
      durationMs: null,
      usage: null,
      cost: null,
      scheduledAt: new Date(job.runAfter).toISOString(),
      finishedAt: null,
      ...patch,
    }
  }
  const finished = () => new Date(now()).toISOString()
  const skip = (job: Job, reason: string) =>
    store.putEvalRuns(job.projectId, [run(job, { status: 'skipped', error: reason, finishedAt: finished() })])

  async function pause(e: EvaluatorRecord, projectId: string, reason: string) {
    const latest = (await store.getEvaluator(projectId, e.id)) ?? e
    if (!latest.pausedReason) await store.putEvaluator(projectId, { ...latest, pausedReason: reason, updatedAt: finished() })
  }

  return {
    async run(job) {
      const p = payloadOf(job)
      const e = await store.getEvaluator(job.projectId, p.evaluatorId)
      if (!e || e.archivedAt) return skip(job, 'the evaluator was deleted')
      // Experiments name their evaluators: switched-off ones (reference kinds) run there too.
      if (!e.active && !p.expectedFrom) return skip(job, 'the evaluator is switched off')
      if (e.pausedReason) throw new JobDeferred(PAUSED_RECHECK_MS, `paused: ${e.pausedReason}`)
      if (e.maxRunsPerHour != null && (await store.countEvalRunsSince(job.projectId, e.id, now() - 3_600_000)) >= e.maxRunsPerHour)
        return skip(job, `maxRunsPerHour (${e.maxRunsPerHour}) reached`)
      const detail = await store.getTrace(job.projectId, p.traceId)
      if (!detail) return skip(job, `trace ${p.traceId} not found`)
      if (p.spanId && !detail.spans.some((s) => s.id === p.spanId)) return skip(job, `span ${p.spanId} not found in the trace`)

      const subject = subjectFromTrace(detail, p.spanId)
      if (p.expectedFrom) {
        const { datasetId, itemId, version } = p.expectedFrom
        const [item] = await store.getDatasetItems(job.projectId, datasetId, [itemId], version)
        subject.expected = item?.expectedOutput ?? null
      }
      const started = performance.now()
      let result: Awaited<ReturnType<typeof runEvaluator>>
      try {
        result = await runEvaluator(e.kind, e.config, subject, ctx)
      } catch (err) {
        if (err instanceof EvalSkip) return skip(job, err.message)
        if (err instanceof JudgeError && err.reason === 'auth') {
          await pause(e, job.projectId, err.message)
          throw new JobDeferred(PAUSED_RECHECK_MS, `paused: ${err.message}`)
        }
        if (err instanceof JudgeError && err.reason === 'retry') throw new JobRetryable(err.message, err.retryAfterMs)
        // A config the judge endpoint refuses fails the same way every time: no retries.
        if (err instanceof JudgeError && err.reason === 'config')
          return store.putEvalRuns(job.projectId, [run(job, { status: 'error', error: err.message, finishedAt: finished() })])
        throw err
      }
      const durationMs = Math.round(performance.now() - started)
      const scoreId = evalScoreId(e.id, p)
      await writeBatch(
        store,
        job.projectId,
        {
          traces: [],
          spans: [],
          scores: [
            {
              id: scoreId,
              traceId: p.traceId,
              spanId: p.spanId,
              name: e.scoreName ?? e.name,
              dataType: result.dataType,
              value: result.value,
              comment: result.comment,
              source: 'eval',
              authorId: e.id,
              metadata: { evaluator: e.name, kind: e.kind },
            },
          ],
        },
        now(),
      )
      await store.putEvalRuns(job.projectId, [
        run(job, {
          status: 'done',
          scoreId,
          value: result.value,
          durationMs,
          usage: result.usage,
          cost: result.cost,
          finishedAt: finished(),
        }),
      ])
    },
    async retrying(job, error, nextAt) {
      await store.putEvalRuns(job.projectId, [run(job, { error: `${error.message} (trying again at ${new Date(nextAt).toISOString()})` })])
    },
    async failed(job, error) {
      await store.putEvalRuns(job.projectId, [run(job, { status: 'error', error: error.message, finishedAt: finished() })])
    },
  }
}
