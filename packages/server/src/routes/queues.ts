import { createHash, randomUUID } from 'node:crypto'
import {
  addQueueItemsSchema,
  completeItemSchema,
  MAX_PAGE_SIZE,
  parseTraceListQuery,
  QUEUE_ITEM_STATUSES,
  queueInputSchema,
  queuePatchSchema,
  reviewerSchema,
  scoreConfigViolation,
  toIso,
  type ApiIssue,
  type Queue,
  type QueueRule,
  type ScoreConfig,
  type TraceFilters,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import type { AppDeps } from '../app-deps'
import { ApiHttpError, notFound } from '../http-errors'
import { readerScope } from '../services/reader-scope'
import type { ScoreRecord } from '../store/types'
import { invalid, invalidInput, jsonBody, parseWith, readJson } from '../validation'

/** A rule's or a snapshot's filter, in trace-list names, checked like the list endpoint's. */
function filtersOf(filter: Record<string, unknown>, path: (string | number)[]): TraceFilters {
  const parsed = parseTraceListQuery(filter as Record<string, string>)
  if (!parsed.success) throw invalidInput(parsed.issues.map((i) => ({ path: [...path, ...i.path], message: i.message })))
  const { sort: _s, limit: _l, cursor: _c, ...filters } = parsed.data
  return filters
}

const reviewerBodySchema = z.strictObject({ reviewer: reviewerSchema.optional() })

const itemsQuerySchema = z.strictObject({
  status: z.enum(QUEUE_ITEM_STATUSES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})

/** A stable score id per (queue, item, reviewer, config): completing again updates, never duplicates. */
const reviewScoreId = (queueId: string, itemId: string, reviewer: string, config: string) =>
  `rv_${createHash('sha256').update([queueId, itemId, reviewer, config].join('\u0000')).digest('hex').slice(0, 32)}`

/**
 * Annotation queues. Managing a queue needs the secret key; reviewing takes the secret key
 * (naming the reviewer in the body) or an annotate token (which names its reviewer and queues).
 */
export function queueRoutes({ store, now }: AppDeps) {
  async function queueOf(c: Context<AppEnv>): Promise<Queue> {
    const queue = await store.getQueue(c.get('auth').projectId, c.req.param('id')!)
    if (!queue) throw notFound('queue')
    return queue
  }

  async function configsOf(projectId: string, ids: string[]): Promise<ScoreConfig[]> {
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

  function checkRules(rules: QueueRule[] | undefined) {
    rules?.forEach((r, i) => {
      if (r.kind === 'filter') filtersOf(r.filter, ['rules', i, 'filter'])
    })
  }

  /** An item of the queue whose trace the caller may see; others are not there for them (404). */
  async function itemOf(c: Context<AppEnv>, queue: Queue) {
    const { projectId } = c.get('auth')
    const item = await store.getQueueItem(projectId, queue.id, c.req.param('itemId')!, now())
    if (!item || !(await readerScope(c.get('auth'), store).seesTrace(item.traceId))) throw notFound('queue item')
    return item
  }

  /** The reviewer acting: an annotate token's own, or the one a secret-key caller names. */
  async function reviewerOf(c: Context<AppEnv>, queue: Queue, body: { reviewer?: string | undefined }): Promise<string> {
    const auth = c.get('auth')
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

  /** Claim, skip, release and renew take an optional `{ reviewer }`. */
  const reviewBody = async (c: Context<AppEnv>) => parseWith(reviewerBodySchema, (await readJson(c, { optional: true })) ?? {})

  const itemAction = (act: 'skip' | 'release' | 'renew') => async (c: Context<AppEnv>) => {
    const queue = await queueOf(c)
    const reviewer = await reviewerOf(c, queue, await reviewBody(c))
    const item = await itemOf(c, queue)
    const run = { skip: store.skipQueueItem, release: store.releaseQueueItem, renew: store.renewQueueItem }[act]
    return c.json(await run.call(store, c.get('auth').projectId, queue, item.id, reviewer, now()))
  }

  return new Hono<AppEnv>()
    .get('/', requireAccess('read'), async (c) => {
      const { projectId } = c.get('auth')
      const { filters } = readerScope(c.get('auth'), store)
      const queues = await store.listQueues(projectId)
      const data = await Promise.all(
        queues.map(async (q) => ({ ...q, counts: (await store.queueStats(projectId, q.id, now(), filters)).counts })),
      )
      return c.json({ data })
    })
    .post('/', requireAccess('write'), async (c) => {
      const input = await jsonBody(c, queueInputSchema)
      const { projectId } = c.get('auth')
      await configsOf(projectId, input.scoreConfigIds)
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
        createdAt: toIso(now()),
      }
      await store.createQueue(projectId, queue)
      return c.json(queue, 201)
    })
    .get('/:id', requireAccess('read'), async (c) => c.json(await queueOf(c)))
    .patch('/:id', requireAccess('write'), async (c) => {
      const { archived, ...patch } = await jsonBody(c, queuePatchSchema)
      const queue = await queueOf(c)
      const { projectId } = c.get('auth')
      if (patch.scoreConfigIds) await configsOf(projectId, patch.scoreConfigIds)
      checkRules(patch.rules)
      const archivedAt = archived === undefined ? undefined : archived ? toIso(now()) : null
      return c.json(await store.updateQueue(projectId, queue.id, { ...patch, ...(archivedAt !== undefined && { archivedAt }) }))
    })
    .get('/:id/configs', requireAccess('read'), async (c) => {
      const queue = await queueOf(c)
      const configs = await Promise.all(queue.scoreConfigIds.map((id) => store.getScoreConfig(c.get('auth').projectId, id)))
      return c.json({ data: configs.filter(Boolean) })
    })
    .post('/:id/items', requireAccess('write'), async (c) => {
      const body = await jsonBody(c, addQueueItemsSchema)
      const queue = await queueOf(c)
      const { projectId } = c.get('auth')
      // Only traces that exist go in; a filter is a snapshot of what matches now.
      const ids = body.filter
        ? await store.traceIdsMatching(projectId, filtersOf(body.filter, ['filter']), body.traceIds, 10_000)
        : await store.traceIdsMatching(projectId, {}, body.traceIds!, body.traceIds!.length)
      const given = body.traceIds?.length ?? ids.length
      const { added } = await store.addQueueItems(projectId, queue.id, ids, now())
      return c.json({ added, skipped: given - added })
    })
    .get('/:id/items', requireAccess('read'), async (c) => {
      const query = parseWith(itemsQuerySchema, c.req.query(), ['query'])
      const queue = await queueOf(c)
      const { filters } = readerScope(c.get('auth'), store)
      return c.json(
        await store.listQueueItems(c.get('auth').projectId, queue.id, { ...query, ...(filters && { traceFilters: filters }) }, now()),
      )
    })
    .get('/:id/items/:itemId', requireAccess('read'), async (c) => c.json(await itemOf(c, await queueOf(c))))
    .post('/:id/claim', requireAccess('read'), async (c) => {
      const queue = await queueOf(c)
      if (queue.archivedAt) throw new ApiHttpError(409, 'conflict', `queue ${queue.id} is archived`)
      const reviewer = await reviewerOf(c, queue, await reviewBody(c))
      const { projectId } = c.get('auth')
      const item = await store.claimQueueItem(projectId, queue, reviewer, now(), readerScope(c.get('auth'), store).filters)
      if (!item) return c.body(null, 204)
      return c.json({ item, trace: await store.getTrace(projectId, item.traceId), reviewer })
    })
    .post('/:id/items/:itemId/complete', requireAccess('read'), async (c) => {
      const body = parseWith(completeItemSchema, await readJson(c))
      const queue = await queueOf(c)
      const reviewer = await reviewerOf(c, queue, body)
      const { projectId } = c.get('auth')
      const configs = (await Promise.all(queue.scoreConfigIds.map((id) => store.getScoreConfig(projectId, id)))).filter(
        (x): x is ScoreConfig => !!x,
      )
      const item = await itemOf(c, queue)
      const itemId = item.id
      const issues: ApiIssue[] = []
      const scores: ScoreRecord[] = []
      for (const [i, s] of body.scores.entries()) {
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
          id: reviewScoreId(queue.id, itemId, reviewer, config.name),
          traceId: item.traceId,
          spanId: item.spanId,
          name: config.name,
          dataType: config.dataType,
          value: s.value,
          comment: s.comment ?? null,
          correction: s.correction,
          source: 'human',
          authorId: reviewer,
          metadata: { queueId: queue.id, itemId },
        })
      }
      if (issues.length) throw invalidInput(issues)
      return c.json(await store.completeQueueItem(projectId, queue, itemId, reviewer, scores, now()))
    })
    .post('/:id/items/:itemId/skip', requireAccess('read'), itemAction('skip'))
    .post('/:id/items/:itemId/release', requireAccess('read'), itemAction('release'))
    .post('/:id/items/:itemId/renew', requireAccess('read'), itemAction('renew'))
    .get('/:id/stats', requireAccess('read'), async (c) => {
      const queue = await queueOf(c)
      return c.json(await store.queueStats(c.get('auth').projectId, queue.id, now(), readerScope(c.get('auth'), store).filters))
    })
}
