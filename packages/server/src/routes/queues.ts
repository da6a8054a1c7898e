import {
  addQueueItemsSchema,
  completeItemSchema,
  MAX_PAGE_SIZE,
  QUEUE_ITEM_STATUSES,
  queueInputSchema,
  queuePatchSchema,
  reviewerSchema,
  type Queue,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import type { AppDeps } from '../app-deps'
import { notFound } from '../http-errors'
import {
  addItems,
  assertOpen,
  claimNext,
  completeReview,
  createQueue,
  listQueuesWithCounts,
  reviewerOf,
  updateQueue,
  visibleItem,
} from '../services/queues'
import { readerScope } from '../services/reader-scope'
import { jsonBody, parseWith, readJson } from '../validation'

const reviewerBodySchema = z.strictObject({ reviewer: reviewerSchema.optional() })

const itemsQuerySchema = z.strictObject({
  status: z.enum(QUEUE_ITEM_STATUSES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})

/** Claim, skip, release and renew take an optional `{ reviewer }`. */
const reviewBody = async (c: Context<AppEnv>) => parseWith(reviewerBodySchema, (await readJson(c, { optional: true })) ?? {})

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

  const itemOf = async (c: Context<AppEnv>, queue: Queue) => visibleItem(store, c.get('auth'), queue, c.req.param('itemId')!, now())

  const itemAction = (act: 'skip' | 'release' | 'renew') => async (c: Context<AppEnv>) => {
    const queue = await queueOf(c)
    const reviewer = reviewerOf(c.get('auth'), queue, await reviewBody(c))
    const item = await itemOf(c, queue)
    const run = { skip: store.skipQueueItem, release: store.releaseQueueItem, renew: store.renewQueueItem }[act]
    return c.json(await run.call(store, c.get('auth').projectId, queue, item.id, reviewer, now()))
  }

  return new Hono<AppEnv>()
    .get('/', requireAccess('read'), async (c) => c.json({ data: await listQueuesWithCounts(store, c.get('auth'), now()) }))
    .post('/', requireAccess('write'), async (c) => {
      const input = await jsonBody(c, queueInputSchema)
      return c.json(await createQueue(store, c.get('auth').projectId, input, now()), 201)
    })
    .get('/:id', requireAccess('read'), async (c) => c.json(await queueOf(c)))
    .patch('/:id', requireAccess('write'), async (c) => {
      const body = await jsonBody(c, queuePatchSchema)
      const queue = await queueOf(c)
      return c.json(await updateQueue(store, c.get('auth').projectId, queue, body, now()))
    })
    .get('/:id/configs', requireAccess('read'), async (c) => {
      const queue = await queueOf(c)
      const configs = await Promise.all(queue.scoreConfigIds.map((id) => store.getScoreConfig(c.get('auth').projectId, id)))
      return c.json({ data: configs.filter(Boolean) })
    })
    .post('/:id/items', requireAccess('write'), async (c) => {
      const body = await jsonBody(c, addQueueItemsSchema)
      const queue = await queueOf(c)
      return c.json(await addItems(store, c.get('auth').projectId, queue, body, now()))
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
      assertOpen(queue)
      const reviewer = reviewerOf(c.get('auth'), queue, await reviewBody(c))
      const claimed = await claimNext(store, c.get('auth'), queue, reviewer, now())
      return claimed ? c.json(claimed) : c.body(null, 204)
    })
    .post('/:id/items/:itemId/complete', requireAccess('read'), async (c) => {
      const body = parseWith(completeItemSchema, await readJson(c))
      const queue = await queueOf(c)
      const reviewer = reviewerOf(c.get('auth'), queue, body)
      return c.json(await completeReview(store, c.get('auth'), queue, c.req.param('itemId'), reviewer, body.scores, now()))
    })
    .post('/:id/items/:itemId/skip', requireAccess('read'), itemAction('skip'))
    .post('/:id/items/:itemId/release', requireAccess('read'), itemAction('release'))
    .post('/:id/items/:itemId/renew', requireAccess('read'), itemAction('renew'))
    .get('/:id/stats', requireAccess('read'), async (c) => {
      const queue = await queueOf(c)
      return c.json(await store.queueStats(c.get('auth').projectId, queue.id, now(), readerScope(c.get('auth'), store).filters))
    })
}
