import { randomUUID } from 'node:crypto'
import {
  type Agreement,
  type Evaluator,
  type JsonValue,
  type evaluatorInputSchema,
  type evaluatorPatchSchema,
  type backfillSchema,
  MAX_PAGE_SIZE,
  type Score,
  toIso,
  type TraceFilters,
} from '@sightline/core'
import { categoricalAgreement, numericAgreement } from '@sightline/evals'
import { EvalSkip, JudgeError, parseEvaluatorConfig, runEvaluator, subjectFromTrace } from '@sightline/evals'
import type { z } from 'zod'
import type { AuthContext } from '../auth/auth-context'
import { ApiHttpError, notFound } from '../http-errors'
import { evalContext, type EvalJobDeps } from '../jobs/eval-job'
import type { EvaluatorRecord, Store } from '../store/types'
import { invalid, invalidInput } from '../validation'
import { evaluatorFilters, scheduleTargets, targetsOf } from './eval-schedule'
import { queueFilters } from './queues'
import { readerScope } from './reader-scope'

type EvaluatorInput = z.output<typeof evaluatorInputSchema>
type EvaluatorPatch = z.output<typeof evaluatorPatchSchema>
type BackfillInput = z.output<typeof backfillSchema>

/** The kind's config checked and filled in; issues point into `config`. */
export function checkedConfig(kind: string, config: unknown): Record<string, JsonValue> {
  const check = parseEvaluatorConfig(kind, config)
  // Configs arrive as JSON, and the kinds' schemas only fill in JSON defaults.
  if (check.ok) return check.config as Record<string, JsonValue>
  const unknownKind = check.issues.length === 1 && check.issues[0]!.path.length === 0 && check.issues[0]!.message.startsWith('unknown')
  throw invalidInput(check.issues.map((i) => ({ path: unknownKind ? ['kind'] : ['config', ...i.path], message: i.message })))
}

export const statusOf = (e: EvaluatorRecord): Evaluator['status'] =>
  e.archivedAt ? 'archived' : e.pausedReason ? 'paused' : e.active ? 'active' : 'inactive'

export const withStatus = (e: EvaluatorRecord): Evaluator => ({ ...e, status: statusOf(e) })

export async function withStats(store: Store, projectId: string, e: EvaluatorRecord, now: number): Promise<Evaluator> {
  return { ...withStatus(e), stats: await store.evalRunStats(projectId, e.id, now - 86_400_000) }
}

export async function findEvaluator(store: Store, projectId: string, id: string): Promise<EvaluatorRecord> {
  const e = await store.getEvaluator(projectId, id)
  if (!e) throw notFound('evaluator')
  return e
}

export async function createEvaluator(store: Store, projectId: string, input: EvaluatorInput, now: number): Promise<Evaluator> {
  const config = checkedConfig(input.kind, input.config)
  if (input.filter) queueFilters(input.filter, ['filter'])
  const at = toIso(now)
  const e: EvaluatorRecord = {
    id: randomUUID(),
    name: input.name,
    kind: input.kind,
    config,
    scoreName: input.scoreName ?? null,
    target: input.target,
    filter: input.filter ?? null,
    sampleRate: input.sampleRate,
    delaySeconds: input.delaySeconds,
    active: input.active,
    maxRunsPerHour: input.maxRunsPerHour ?? null,
    pausedReason: null,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  }
  await store.putEvaluator(projectId, e)
  return withStatus(e)
}

/** `active: true` also resumes an evaluator the server paused. */
export async function updateEvaluator(store: Store, projectId: string, e: EvaluatorRecord, patch: EvaluatorPatch, now: number) {
  if (e.archivedAt) throw new ApiHttpError(409, 'conflict', `evaluator ${e.id} is archived`)
  if (patch.filter) queueFilters(patch.filter, ['filter'])
  const next: EvaluatorRecord = {
    ...e,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    config: patch.config ? checkedConfig(e.kind, patch.config) : e.config,
    pausedReason: patch.active === true ? null : e.pausedReason,
    updatedAt: toIso(now),
  }
  await store.putEvaluator(projectId, next)
  return withStatus(next)
}

export async function archiveEvaluator(store: Store, projectId: string, e: EvaluatorRecord, now: number) {
  const next = { ...e, archivedAt: e.archivedAt ?? toIso(now), updatedAt: toIso(now) }
  await store.putEvaluator(projectId, next)
  return withStatus(next)
}

/**
 * Runs an unsaved definition on one trace the caller may see and stores nothing: the form's
 * "try it" button. Judge failures come back as 502 with the judge's reason.
 */
export async function previewEvaluator(
  deps: Pick<EvalJobDeps, 'store' | 'fetch' | 'env'>,
  auth: AuthContext,
  body: { evaluator: EvaluatorInput; traceId: string; spanId?: string | undefined },
) {
  const config = checkedConfig(body.evaluator.kind, body.evaluator.config)
  const detail = await deps.store.getTrace(auth.projectId, body.traceId)
  if (!detail || !readerScope(auth, deps.store).sees(detail.trace)) throw invalid(['traceId'], `trace ${body.traceId} not found`)
  let spanId = body.spanId ?? null
  const { target } = body.evaluator
  if (target !== 'trace' && !spanId) {
    spanId = detail.spans.find((s) => s.type === target)?.id ?? null
    if (!spanId) throw invalid(['traceId'], `trace ${body.traceId} has no ${target} span to score`)
  }
  if (spanId && !detail.spans.some((s) => s.id === spanId)) throw invalid(['spanId'], `span ${spanId} is not in trace ${body.traceId}`)
  const started = performance.now()
  try {
    const result = await runEvaluator(body.evaluator.kind, config, subjectFromTrace(detail, spanId), evalContext(deps))
    return {
      ...result,
      scoreName: body.evaluator.scoreName ?? body.evaluator.name,
      traceId: body.traceId,
      spanId,
      durationMs: Math.round(performance.now() - started),
    }
  } catch (err) {
    if (err instanceof EvalSkip) throw invalid(['traceId'], `this evaluator cannot score this trace: ${err.message}`)
    if (err instanceof JudgeError) throw new ApiHttpError(502, 'upstream_failed', `the judge failed: ${err.message}`)
    throw err
  }
}

/** Schedules the evaluator's matching traces now: its own filter and sample, narrowed by the request's. */
export async function backfill(store: Store, projectId: string, e: EvaluatorRecord, body: BackfillInput, now: number) {
  if (e.archivedAt) throw new ApiHttpError(409, 'conflict', `evaluator ${e.id} is archived`)
  const filters: TraceFilters = {
    ...evaluatorFilters(e),
    ...(body.filter ? queueFilters(body.filter, ['filter']) : {}),
    ...(body.from !== undefined && { from: body.from }),
    ...(body.to !== undefined && { to: body.to }),
  }
  const traceIds = await store.traceIdsMatching(projectId, filters, undefined, body.limit)
  let queued = 0
  for (let i = 0; i < traceIds.length; i += 1000) {
    const targets = await targetsOf(store, projectId, e, traceIds.slice(i, i + 1000))
    await scheduleTargets(store, projectId, e, targets, now)
    queued += targets.length
  }
  return { queued }
}

/** At most this many of the evaluator's scores are paired: the newest. */
export const AGREEMENT_MAX_SCORES = 20_000

async function allScores(store: Store, projectId: string, query: Parameters<Store['listScores']>[1], max: number) {
  const out: Score[] = []
  let cursor: string | undefined
  do {
    const page = await store.listScores(projectId, { ...query, limit: MAX_PAGE_SIZE, cursor })
    out.push(...page.data)
    cursor = page.nextCursor ?? undefined
  } while (cursor && out.length < max)
  return out
}

/**
 * The evaluator's scores against reviewers' scores named `human` on the same trace (and span):
 * one pair per human score. Numbers (and booleans, as 1/0, against numbers) get correlation and
 * mean absolute error; labels get agreement, Cohen's κ and a confusion matrix.
 */
export async function agreement(store: Store, auth: AuthContext, e: EvaluatorRecord, human: string): Promise<Agreement> {
  const scope = readerScope(auth, store).filters
  const evals = (
    await allScores(store, auth.projectId, { name: e.scoreName ?? e.name, source: 'eval', traceFilters: scope }, AGREEMENT_MAX_SCORES)
  ).filter((s) => s.authorId === e.id)
  const keyOf = (s: Score) => `${s.traceId}\u0000${s.spanId ?? ''}`
  const byKey = new Map(evals.map((s) => [keyOf(s), s]))
  const traceIds = [...new Set(evals.map((s) => s.traceId))]
  const humans: Score[] = []
  for (let i = 0; i < traceIds.length; i += MAX_PAGE_SIZE)
    humans.push(
      ...(await allScores(
        store,
        auth.projectId,
        { traceId: traceIds.slice(i, i + MAX_PAGE_SIZE), name: human, source: 'human' },
        Infinity,
      )),
    )
  const pairs = humans.flatMap((h) => {
    const ev = byKey.get(keyOf(h))
    return ev ? [[ev, h] as const] : []
  })
  const evalType = evals[0]?.dataType ?? checkedDataType(e)
  const humanType = pairs[0]?.[1].dataType
  const numeric = evalType === 'numeric' || humanType === 'numeric'
  if (numeric) {
    const asNumber = (s: Score) => (typeof s.value === 'boolean' ? Number(s.value) : s.value)
    const mixed = pairs.find(([a, b]) => typeof asNumber(a) !== 'number' || typeof asNumber(b) !== 'number')
    if (mixed)
      throw invalid(['human'], `${human} holds ${mixed[1].dataType} values and the evaluator ${mixed[0].dataType}: they cannot be compared`)
    return { dataType: 'numeric', human, ...numericAgreement(pairs.map(([a, b]) => [asNumber(a) as number, asNumber(b) as number])) }
  }
  const dataType = evalType === 'boolean' ? 'boolean' : 'categorical'
  return { dataType, human, ...categoricalAgreement(pairs.map(([a, b]) => [String(a.value), String(b.value)])) }
}

function checkedDataType(e: EvaluatorRecord) {
  const check = parseEvaluatorConfig(e.kind, e.config)
  return check.ok ? check.dataType : 'categorical'
}
