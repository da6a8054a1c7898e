import { randomUUID } from 'node:crypto'
import {
  type CompareItem,
  type compareItemsQuerySchema,
  type Experiment,
  type ExperimentCompare,
  type ExperimentResult,
  type experimentInputSchema,
  type postResultsSchema,
  type ScoreComparison,
  toIso,
} from '@sightline/core'
import { compareScores, type ScoreSample } from '@sightline/evals'
import type { z } from 'zod'
import { notFound } from '../http-errors'
import type { ExperimentNumberRow, ExperimentRecord, ExperimentResultRecord, ScoredResult, ScoreRecord, Store } from '../store/types'
import { invalid, invalidInput } from '../validation'
import { scheduleTargets } from './eval-schedule'
import { findDataset } from './datasets'
import { validateBatch } from './ingest'
import { writeBatch } from './write'
import { stableHash as hash } from './stable-id'

type ExperimentInput = z.output<typeof experimentInputSchema>
type PostResults = z.output<typeof postResultsSchema>
type CompareItemsQuery = z.output<typeof compareItemsQuerySchema>

export async function findExperiment(store: Store, projectId: string, id: string): Promise<ExperimentRecord> {
  const e = await store.getExperiment(projectId, id)
  if (!e) throw notFound('experiment')
  return e
}

export async function createExperiment(store: Store, projectId: string, input: ExperimentInput, now: number): Promise<Experiment> {
  const dataset = await findDataset(store, projectId, input.datasetId).catch(() => {
    throw invalid(['datasetId'], `no dataset ${input.datasetId}`)
  })
  const version = input.datasetVersion ?? dataset.version
  if (version < 1) throw invalid(['datasetId'], `dataset ${dataset.id} has no items yet: add some first`)
  if (version > dataset.version) throw invalid(['datasetVersion'], `dataset ${dataset.id} is at version ${dataset.version}`)
  const issues = (
    await Promise.all(
      input.evaluatorIds.map(async (id, i) => {
        const e = await store.getEvaluator(projectId, id)
        return !e
          ? { path: ['evaluatorIds', i], message: `no evaluator ${id}` }
          : e.archivedAt
            ? { path: ['evaluatorIds', i], message: `evaluator ${id} is archived` }
            : null
      }),
    )
  ).filter((i) => i !== null)
  if (issues.length) throw invalidInput(issues)
  const record: ExperimentRecord = {
    id: randomUUID(),
    name: input.name,
    datasetId: dataset.id,
    datasetVersion: version,
    metadata: input.metadata ?? null,
    evaluatorIds: input.evaluatorIds,
    repetitions: input.repetitions,
    createdAt: toIso(now),
  }
  await store.createExperiment(projectId, record)
  return summarize(store, projectId, record)
}

/**
 * Stores results (by item and repetition: sending one again replaces it), gives each a trace (the
 * caller's, or one the server writes from the item's input and the output), writes the caller's
 * scores on that trace and schedules the experiment's evaluators with the item's expected output.
 */
export async function postResults(store: Store, projectId: string, e: ExperimentRecord, body: PostResults, now: number) {
  const itemIds = [...new Set(body.results.map((r) => r.itemId))]
  const items = new Map((await store.getDatasetItems(projectId, e.datasetId, itemIds, e.datasetVersion)).map((i) => [i.id, i]))
  const issues = body.results.flatMap((r, i) => [
    ...(items.has(r.itemId)
      ? []
      : [{ path: ['results', i, 'itemId'], message: `no item ${r.itemId} in version ${e.datasetVersion} of the dataset` }]),
    ...(r.repetition < e.repetitions
      ? []
      : [{ path: ['results', i, 'repetition'], message: `the experiment has ${e.repetitions} repetition(s): 0..${e.repetitions - 1}` }]),
  ])
  if (issues.length) throw invalidInput(issues)

  const at = toIso(now)
  const records: ExperimentResultRecord[] = body.results.map((r) => ({
    itemId: r.itemId,
    repetition: r.repetition,
    output: r.output ?? null,
    traceId: r.traceId ?? `xr_${hash(projectId, e.id, r.itemId, r.repetition)}`,
    latencyMs: r.latencyMs ?? null,
    cost: r.cost ?? null,
    error: r.error ?? null,
    createdAt: at,
  }))
  const ownTraces = body.results.flatMap((r, i) =>
    r.traceId
      ? []
      : [
          {
            id: records[i]!.traceId,
            name: e.name,
            input: items.get(r.itemId)!.input,
            output: r.output ?? null,
            status: r.error ? ('error' as const) : ('ok' as const),
            environment: 'experiment',
            tags: ['experiment'],
            metadata: { experimentId: e.id, datasetId: e.datasetId, itemId: r.itemId, repetition: r.repetition },
            startTime: now,
            endTime: r.latencyMs != null ? now + r.latencyMs : now,
          },
        ],
  )
  const scores: ScoreRecord[] = body.results.flatMap((r, i) =>
    r.scores.map((s) => ({
      id: `xs_${hash(e.id, r.itemId, r.repetition, s.name)}`,
      traceId: records[i]!.traceId,
      name: s.name,
      dataType: typeof s.value === 'number' ? 'numeric' : typeof s.value === 'boolean' ? 'boolean' : 'categorical',
      value: s.value,
      comment: s.comment ?? null,
      source: 'api',
      metadata: { experimentId: e.id },
    })),
  )
  const { write, result } = validateBatch({ traces: ownTraces })
  const [rejected] = result.rejected
  if (rejected) throw invalid(['results', rejected.index, 'output'], rejected.error)
  await writeBatch(store, projectId, { ...write, scores }, now)
  await store.putExperimentResults(projectId, e.id, records)
  for (const evaluatorId of e.evaluatorIds) {
    const evaluator = await store.getEvaluator(projectId, evaluatorId)
    if (!evaluator || evaluator.archivedAt) continue
    await scheduleTargets(
      store,
      projectId,
      evaluator,
      records
        .filter((r) => !r.error)
        .map((r) => ({
          traceId: r.traceId,
          spanId: null,
          expectedFrom: { datasetId: e.datasetId, itemId: r.itemId, version: e.datasetVersion },
        })),
      now,
    )
  }
  return { accepted: records.length }
}

const numeric = (v: number | boolean | string) => (typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : null)
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

/** Status, progress, latency, cost and a summary per score name, from the store's totals (no outputs read). */
export async function summarize(store: Store, projectId: string, e: ExperimentRecord): Promise<Experiment> {
  const [totals, items, pendingEvaluations] = await Promise.all([
    store.experimentTotals(projectId, e.id),
    store.countDatasetItems(projectId, e.datasetId, e.datasetVersion),
    store.pendingExperimentEvaluations(projectId, e.id),
  ])
  const expected = items * e.repetitions
  const { results, errors, latency, cost } = totals
  return {
    ...e,
    status: results < expected ? 'running' : pendingEvaluations > 0 ? 'scoring' : 'done',
    progress: { results, expected, errors, pendingEvaluations },
    latencyMs: latency,
    cost,
    scores: totals.scores.map(({ name, n, mean }) => ({ name, mean, n, missing: results - n })),
  }
}

export async function listResults(store: Store, projectId: string, e: ExperimentRecord, q: { limit: number; cursor?: string | undefined }) {
  const all = await store.scoredResults(projectId, e.id)
  const start = q.cursor ? decodeOffset(q.cursor) : 0
  const page = all.slice(start, start + q.limit)
  return {
    data: page.map(
      (r): ExperimentResult => ({
        ...r,
        scores: Object.fromEntries(r.scores.map((s) => [s.name, { value: s.value, comment: s.comment, source: s.source }])),
      }),
    ),
    nextCursor: start + q.limit < all.length ? encodeOffset(start + q.limit) : null,
  }
}

const encodeOffset = (n: number) => Buffer.from(JSON.stringify(['offset', n])).toString('base64url')
function decodeOffset(raw: string): number {
  try {
    const [kind, n] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (kind === 'offset' && Number.isInteger(n) && n >= 0) return n
  } catch {}
  throw invalid(['cursor'], 'cursor is not one this server made')
}

/** Samples of one measure per result: score values (booleans as 1/0), latency or cost. */
const samplesOf = (results: ScoredResult[], read: (r: ScoredResult) => number | null): ScoreSample[] =>
  results.flatMap((r) => {
    const value = read(r)
    return value === null || !Number.isFinite(value) ? [] : [{ itemId: r.itemId, repetition: r.repetition, value }]
  })
const scoreOf = (name: string) => (r: ScoredResult) => {
  const s = r.scores.find((x) => x.name === name)
  return s ? numeric(s.value) : null
}

async function pairOf(store: Store, projectId: string, baseId: string, candidateId: string) {
  const [base, candidate] = await Promise.all([findExperiment(store, projectId, baseId), findExperiment(store, projectId, candidateId)])
  if (base.datasetId !== candidate.datasetId)
    throw invalid(
      ['candidate'],
      `the experiments ran on different datasets (${base.datasetId}, ${candidate.datasetId}): items cannot be paired`,
    )
  return { base, candidate }
}

async function pair(store: Store, projectId: string, baseId: string, candidateId: string) {
  const { base, candidate } = await pairOf(store, projectId, baseId, candidateId)
  const [baseResults, candidateResults] = await Promise.all([
    store.scoredResults(projectId, base.id),
    store.scoredResults(projectId, candidate.id),
  ])
  return { base, candidate, baseResults, candidateResults }
}

/** Names with a numeric (or boolean) value on either side, sorted. */
const scoreNames = (...sides: ScoredResult[][]) =>
  [...new Set(sides.flatMap((rs) => rs.flatMap((r) => r.scores.filter((s) => numeric(s.value) !== null).map((s) => s.name))))].sort()

/** One experiment's numbers as samples: per score name, and latency and cost once per result. */
function numbersToSamples(rows: ExperimentNumberRow[]) {
  const scores = new Map<string, ScoreSample[]>()
  const latency: ScoreSample[] = []
  const cost: ScoreSample[] = []
  const items = new Set<string>()
  let last = ''
  for (const [itemId, repetition, latencyMs, c, name, value] of rows) {
    items.add(itemId)
    const key = `${itemId}\u0000${repetition}`
    if (key !== last) {
      last = key
      if (latencyMs !== null) latency.push({ itemId, repetition, value: latencyMs })
      if (c !== null) cost.push({ itemId, repetition, value: c })
    }
    if (name !== null && value !== null) (scores.get(name) ?? scores.set(name, []).get(name)!).push({ itemId, repetition, value })
  }
  return { scores, latency, cost, items }
}

/** Is B better than A, and how sure are we: paired by dataset item, repetitions averaged first. */
export async function compare(store: Store, projectId: string, baseId: string, candidateId: string): Promise<ExperimentCompare> {
  const { base, candidate } = await pairOf(store, projectId, baseId, candidateId)
  const [b, c] = (await Promise.all([store.experimentNumbers(projectId, base.id), store.experimentNumbers(projectId, candidate.id)])).map(
    numbersToSamples,
  )
  const names = [...new Set([...b!.scores.keys(), ...c!.scores.keys()])].sort()
  return {
    base: { id: base.id, name: base.name },
    candidate: { id: candidate.id, name: candidate.name },
    items: [...c!.items].filter((id) => b!.items.has(id)).length,
    scores: names.map((name): ScoreComparison => ({ name, ...compareScores(b!.scores.get(name) ?? [], c!.scores.get(name) ?? []) })),
    latencyMs: compareScores(b!.latency, c!.latency),
    cost: compareScores(b!.cost, c!.cost),
  }
}

/** The items of a comparison, worst change first, for reading side by side. */
export async function compareItems(store: Store, projectId: string, q: CompareItemsQuery) {
  const { base, baseResults, candidateResults } = await pair(store, projectId, q.base, q.candidate)
  const name = q.score ?? scoreNames(baseResults, candidateResults)[0]
  const noise = name ? compareScores(samplesOf(baseResults, scoreOf(name)), samplesOf(candidateResults, scoreOf(name))).noise : 0
  const side = (results: ScoredResult[], itemId: string) => {
    const runs = results.filter((r) => r.itemId === itemId)
    if (!runs.length) return null
    const scores: Record<string, number> = {}
    for (const n of new Set(runs.flatMap((r) => r.scores.map((s) => s.name)))) {
      const values = runs.flatMap((r) => {
        const v = scoreOf(n)(r)
        return v === null ? [] : [v]
      })
      if (values.length) scores[n] = mean(values)!
    }
    return { outputs: runs.map((r) => r.output), errors: runs.flatMap((r) => (r.error ? [r.error] : [])), scores }
  }
  const ids = [...new Set([...baseResults, ...candidateResults].map((r) => r.itemId))]
  const items = new Map((await store.getDatasetItems(projectId, base.datasetId, ids, base.datasetVersion)).map((i) => [i.id, i]))
  const rows: CompareItem[] = ids.map((itemId) => {
    const b = side(baseResults, itemId)
    const c = side(candidateResults, itemId)
    const bv = name ? b?.scores[name] : undefined
    const cv = name ? c?.scores[name] : undefined
    const difference = bv === undefined || cv === undefined ? null : cv - bv
    const change = difference === null ? 'missing' : difference > noise ? 'improved' : difference < -noise ? 'regressed' : 'unchanged'
    const item = items.get(itemId)
    return { itemId, input: item?.input ?? null, expectedOutput: item?.expectedOutput ?? null, base: b, candidate: c, difference, change }
  })
  // Regressions first (largest drop first), then missing, unchanged and improvements.
  const rank = { regressed: 0, missing: 1, unchanged: 2, improved: 3 } as const
  rows.sort((x, y) => rank[x.change] - rank[y.change] || (x.difference ?? 0) - (y.difference ?? 0) || x.itemId.localeCompare(y.itemId))
  const filtered = q.change ? rows.filter((r) => r.change === q.change) : rows
  const limit = q.limit ?? 50
  const start = q.cursor ? decodeOffset(q.cursor) : 0
  return {
    data: filtered.slice(start, start + limit),
    nextCursor: start + limit < filtered.length ? encodeOffset(start + limit) : null,
    score: name ?? null,
    noise,
  }
}
