import { randomUUID } from 'node:crypto'
import {
  type addQueueItemsSchema,
  type completeItemSchema,
  parseTraceListQuery,
  type Queue,
  type QueueItem,
  type QueueRule,
  type queueInputSchema,
  type queuePatchSchema,
  type ScoreConfig,
  scoreConfigViolation,
  type TraceFilters,
  toIso,
  type ApiIssue,
} from '@sightline/core'
import type { z } from 'zod'
import type { AuthContext } from '../auth/auth-context'
import { ApiHttpError, notFound } from '../http-errors'
import type { ScoreRecord, Store } from '../store/types'
import { invalid, invalidInput } from '../validation'
import { readerScope } from './reader-scope'
import { stableHash } from './stable-id'

type QueueInput = z.output<typeof queueInputSchema>
type QueuePatch = z.output<typeof queuePatchSchema>
type AddItems = z.output<typeof addQueueItemsSchema>
type ReviewScores = z.output<typeof completeItemSchema>['scores']

/** A rule's or a snapshot's filter, in trace-list names, checked like the list endpoint's. */
export function queueFilters(filter: Record<string, unknown>, path: (string | number)[]): TraceFilters {
  const parsed = parseTraceListQuery(filter as Record<string, string>)
  if (!parsed.success) throw invalidInput(parsed.issues.map((i) => ({ path: [...path, ...i.path], message: i.message })))
  const { sort: _s, limit: _l, cursor: _c, ...filters } = parsed.data
  return filters
}

/** The score configs a queue asks for: each must exist, be live and not be a feedback name. */
export async function checkScoreConfigs(store: Store, projectId: string, ids: string[]): Promise<ScoreConfig[]> {
  const configs = await Promise.all(ids.map((id) => store.getScoreConfig(projectId, id)))
  const problem = (c: ScoreConfig | null, id: string) =>
    !c
      ? `no score config ${id}`
      : c.archivedAt
        ? `score config ${id} is archived`
        : c.feedback
          ? `${c.name} is a feedback name: end users score it, not reviewers`
          : null
  const issues = ids.flatMap((id, i) => {
    const message = problem(configs[i] ?? null, id)
    return message ? [{ path: ['scoreConfigIds', i], message }] : []
  })
  if (issues.length) throw invalidInput(issues)
  return configs as ScoreConfig[]
}

export function checkRules(rules: QueueRule[] | undefined) {
  rules?.forEach((r, i) => {
    if (r.kind === 'filter') queueFilters(r.filter, ['rules', i, 'filter'])
  })
}

/** Every queue of the project with its item counts, as this reader sees them. */
export async function listQueuesWithCounts(store: Store, auth: AuthContext, now: number) {
  const { filters } = readerScope(auth, store)
  const queues = await store.listQueues(auth.projectId)
  return Promise.all(queues.map(async (q) => ({ ...q, counts: (await store.queueStats(auth.projectId, q.id, now, filters)).counts })))
}

export async function createQueue(store: Store, projectId: string, input: QueueInput, now: number): Promise<Queue> {
  await checkScoreConfigs(store, projectId, input.scoreConfigIds)
  checkRules(input.rules)
  const queue: Queue = {
    id: randomUUID(),
    name: input.name,
    description: input.description ?? null,
    scoreConfigIds: input.scoreConfigIds,
    reviewersPerItem: input.reviewersPerItem,
    leaseSeconds: input.leaseSeconds,
    rules: input.rules,
    archivedAt: null,
    createdAt: toIso(now),
  }
  await store.createQueue(projectId, queue)
  return queue
}

export async function updateQueue(store: Store, projectId: string, queue: Queue, body: QueuePatch, now: number) {
  const { archived, ...patch } = body
  if (patch.scoreConfigIds) await checkScoreConfigs(store, projectId, patch.scoreConfigIds)
  checkRules(patch.rules)
  const archivedAt = archived === undefined ? undefined : archived ? toIso(now) : null
  return store.updateQueue(projectId, queue.id, { ...patch, ...(archivedAt !== undefined && { archivedAt }) })
}

/** Only traces that exist go in; a filter is a snapshot of what matches now. */
export async function addItems(store: Store, projectId: string, queue: Queue, body: AddItems, now: number) {
  const ids = body.filter
    ? await store.traceIdsMatching(projectId, queueFilters(body.filter, ['filter']), body.traceIds, 10_000)
    : await store.traceIdsMatching(projectId, {}, body.traceIds!, body.traceIds!.length)
  const given = body.traceIds?.length ?? ids.length
  const { added } = await store.addQueueItems(projectId, queue.id, ids, now)
  return { added, skipped: given - added }
}

/** An item of the queue whose trace the caller may see; others are not there for them (404). */
export async function visibleItem(store: Store, auth: AuthContext, queue: Queue, itemId: string, now: number): Promise<QueueItem> {
  const item = await store.getQueueItem(auth.projectId, queue.id, itemId, now)
  if (!item || !(await readerScope(auth, store).seesTrace(item.traceId))) throw notFound('queue item')
  return item
}

/** The reviewer acting: an annotate token's own, or the one a secret-key caller names. */
export function reviewerOf(auth: AuthContext, queue: Queue, body: { reviewer?: string | undefined }): string {
  if (auth.kind === 'token' && auth.claims.k === 'annotate') {
    // Fail closed: a token reviews only the queues it names (tokens minted before queueIds were required name none).
    if (!auth.claims.queueIds?.includes(queue.id)) throw new ApiHttpError(403, 'forbidden', `this token may not review queue ${queue.id}`)
    if (body.reviewer && body.reviewer !== auth.claims.reviewer)
      throw new ApiHttpError(403, 'forbidden', `this token reviews as ${auth.claims.reviewer}`)
    return auth.claims.reviewer!
  }
  if (auth.kind !== 'secret') throw new ApiHttpError(403, 'forbidden', 'reviewing needs the secret key or an annotate token')
  if (!body.reviewer) throw invalid(['reviewer'], 'name the reviewer')
  return body.reviewer
}

/** An archived queue hands out no more items. */
export function assertOpen(queue: Queue) {
  if (queue.archivedAt) throw new ApiHttpError(409, 'conflict', `queue ${queue.id} is archived`)
}

/** The next item for the reviewer with its trace, or null when none is left. */
export async function claimNext(store: Store, auth: AuthContext, queue: Queue, reviewer: string, now: number) {
  const item = await store.claimQueueItem(auth.projectId, queue, reviewer, now, readerScope(auth, store).filters)
  if (!item) return null
  return { item, trace: await store.getTrace(auth.projectId, item.traceId), reviewer }
}

/** A stable score id per (queue, item, reviewer, config): completing again updates, never duplicates. */
const reviewScoreId = (queueId: string, itemId: string, reviewer: string, config: string) =>
  `rv_${stableHash(queueId, itemId, reviewer, config)}`

/** A review's scores as records, each checked against the queue's configs; any misfit is a 400. */
export function reviewScoreRecords(
  queue: Queue,
  item: QueueItem,
  reviewer: string,
  configs: ScoreConfig[],
  given: ReviewScores,
): ScoreRecord[] {
  const issues: ApiIssue[] = []
  const scores: ScoreRecord[] = []
  for (const [i, s] of given.entries()) {
    const config = configs.find((cfg) => (s.configId ? cfg.id === s.configId : cfg.name === s.name))
    if (!config) {
      issues.push({ path: ['scores', i, s.configId ? 'configId' : 'name'], message: `not a score config of this queue` })
      continue
    }
    const violation = scoreConfigViolation(config, s.value)
    if (violation) {
      issues.push({ path: ['scores', i, 'value'], message: violation })
      continue
    }
    scores.push({
      id: reviewScoreId(queue.id, item.id, reviewer, config.name),
      traceId: item.traceId,
      spanId: item.spanId,
      name: config.name,
      dataType: config.dataType,
      value: s.value,
      comment: s.comment ?? null,
      correction: s.correction,
      source: 'human',
      authorId: reviewer,
      metadata: { queueId: queue.id, itemId: item.id },
    })
  }
  if (issues.length) throw invalidInput(issues)
  return scores
}

/** Completes the reviewer's part of an item: its scores are checked, then written with the completion. */
export async function completeReview(
  store: Store,
  auth: AuthContext,
  queue: Queue,
  itemId: string,
  reviewer: string,
  given: ReviewScores,
  now: number,
) {
  const { projectId } = auth
  const configs = (await Promise.all(queue.scoreConfigIds.map((id) => store.getScoreConfig(projectId, id)))).filter(
    (x): x is ScoreConfig => !!x,
  )
  const item = await visibleItem(store, auth, queue, itemId, now)
  const scores = reviewScoreRecords(queue, item, reviewer, configs, given)
  return store.completeQueueItem(projectId, queue, item.id, reviewer, scores, now)
}
