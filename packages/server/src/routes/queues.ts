import {
  addQueueItemsSchema,
  claimResponseSchema,
  completeItemSchema,
  MAX_PAGE_SIZE,
  page,
  QUEUE_ITEM_STATUSES,
  queueInputSchema,
  queueItemSchema,
  queuePatchSchema,
  queueSchema,
  queueStatsSchema,
  reviewerSchema,
  scoreConfigSchema,
  type Queue,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
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

const reviewerBodySchema = z.strictObject({ reviewer: reviewerSchema.optional() })

const itemsQuerySchema = z.strictObject({
  status: z.enum(QUEUE_ITEM_STATUSES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})

const REVIEW =
  'The secret key names the reviewer in the body; an annotate token is its reviewer, in the queues it names (a reviewer in the body must be the same).'

const list = describe({
  summary: 'List queues with their item counts',
  access: 'read',
  response: z.object({ data: z.array(queueSchema.extend({ counts: queueStatsSchema.shape.counts })) }),
})
const create = describe({ summary: 'Create a queue', access: 'write', body: queueInputSchema, response: queueSchema, status: 201 })
const get = describe({ summary: 'A queue', access: 'read', response: queueSchema })
const update = describe({
  summary: 'Change a queue; `archived: true` closes it',
  access: 'write',
  body: queuePatchSchema,
  response: queueSchema,
})
const configs = describe({
  summary: "The queue's score configs: the rubric a reviewer fills in",
  access: 'read',
  response: z.object({ data: z.array(scoreConfigSchema) }),
})
const addItemsRoute = describe({
  summary: 'Add traces (by id or a trace filter) as items; a trace is in a queue at most once',
  access: 'write',
  body: addQueueItemsSchema,
  response: z.object({ added: z.number(), skipped: z.number() }),
})
const items = describe({ summary: 'List items', access: 'read', query: itemsQuerySchema, response: page(queueItemSchema) })
const item = describe({ summary: 'An item', access: 'read', response: queueItemSchema })
const claim = describe({
  summary: 'Claim the next pending item (a lease) with its trace',
  description: REVIEW,
  access: 'read',
  body: reviewerBodySchema,
  bodyOptional: true,
  response: claimResponseSchema,
  noContent: 'Nothing left to claim',
  errors: [409],
})
const complete = describe({
  summary: "Complete a claimed item with the reviewer's scores",
  description: REVIEW,
  access: 'read',
  body: completeItemSchema,
  response: queueItemSchema,
  errors: [409],
})
const action = (summary: string) =>
  describe({
    summary,
    description: REVIEW,
    access: 'read',
    body: reviewerBodySchema,
    bodyOptional: true,
    response: queueItemSchema,
    errors: [409],
  })
const skip = action('Skip an item: it is done for this reviewer')
const release = action('Release a claimed item back to pending')
const renew = action("Renew a claimed item's lease")
const stats = describe({ summary: 'Counts and per-reviewer progress', access: 'read', response: queueStatsSchema })

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
    const reviewer = reviewerOf(c.get('auth'), queue, await { skip, release, renew }[act].body(c))
    const item = await itemOf(c, queue)
    const run = { skip: store.skipQueueItem, release: store.releaseQueueItem, renew: store.renewQueueItem }[act]
    return c.json(await run.call(store, c.get('auth').projectId, queue, item.id, reviewer, now()))
  }

  return new Hono<AppEnv>()
    .get('/', list, async (c) => c.json({ data: await listQueuesWithCounts(store, c.get('auth'), now()) }))
    .post('/', create, async (c) => {
      const input = await create.body(c)
      return c.json(await createQueue(store, c.get('auth').projectId, input, now()), 201)
    })
    .get('/:id', get, async (c) => c.json(await queueOf(c)))
    .patch('/:id', update, async (c) => {
      const body = await update.body(c)
      const queue = await queueOf(c)
      return c.json(await updateQueue(store, c.get('auth').projectId, queue, body, now()))
    })
    .get('/:id/configs', configs, async (c) => {
      const queue = await queueOf(c)
      const configs = await Promise.all(queue.scoreConfigIds.map((id) => store.getScoreConfig(c.get('auth').projectId, id)))
      return c.json({ data: configs.filter(Boolean) })
    })
    .post('/:id/items', addItemsRoute, async (c) => {
      const body = await addItemsRoute.body(c)
      const queue = await queueOf(c)
      return c.json(await addItems(store, c.get('auth').projectId, queue, body, now()))
    })
    .get('/:id/items', items, async (c) => {
      const query = items.query(c, ['query'])
      const queue = await queueOf(c)
      const { filters } = readerScope(c.get('auth'), store)
      return c.json(
        await store.listQueueItems(c.get('auth').projectId, queue.id, { ...query, ...(filters && { traceFilters: filters }) }, now()),
      )
    })
    .get('/:id/items/:itemId', item, async (c) => c.json(await itemOf(c, await queueOf(c))))
    .post('/:id/claim', claim, async (c) => {
      const queue = await queueOf(c)
      assertOpen(queue)
      const reviewer = reviewerOf(c.get('auth'), queue, await claim.body(c))
      const claimed = await claimNext(store, c.get('auth'), queue, reviewer, now())
      return claimed ? c.json(claimed) : c.body(null, 204)
    })
    .post('/:id/items/:itemId/complete', complete, async (c) => {
      const body = await complete.body(c)
      const queue = await queueOf(c)
      const reviewer = reviewerOf(c.get('auth'), queue, body)
      return c.json(await completeReview(store, c.get('auth'), queue, c.req.param('itemId'), reviewer, body.scores, now()))
    })
    .post('/:id/items/:itemId/skip', skip, itemAction('skip'))
    .post('/:id/items/:itemId/release', release, itemAction('release'))
    .post('/:id/items/:itemId/renew', renew, itemAction('renew'))
    .get('/:id/stats', stats, async (c) => {
      const queue = await queueOf(c)
      return c.json(await store.queueStats(c.get('auth').projectId, queue.id, now(), readerScope(c.get('auth'), store).filters))
    })
}
