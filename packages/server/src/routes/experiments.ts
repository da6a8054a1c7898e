import {
  compareItemSchema,
  compareItemsQuerySchema,
  experimentCompareSchema,
  experimentInputSchema,
  experimentResultSchema,
  experimentSchema,
  MAX_PAGE_SIZE,
  page,
  postResultsSchema,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { compare, compareItems, createExperiment, findExperiment, listResults, postResults, summarize } from '../services/experiments'

const listQuerySchema = z.strictObject({
  datasetId: z.string().min(1).max(256).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})
const compareQuerySchema = z.strictObject({ base: z.string().min(1).max(256), candidate: z.string().min(1).max(256) })

const list = describe({
  summary: 'List experiments with their summaries, newest first',
  access: 'read-all',
  query: listQuerySchema,
  response: page(experimentSchema),
})
const create = describe({
  summary: 'Create an experiment over a dataset version',
  access: 'write',
  body: experimentInputSchema,
  response: experimentSchema,
  status: 201,
  errors: [404],
})
const compareRoute = describe({
  summary: 'Is the candidate better than the base: per score, paired by item, with a 95 % interval',
  access: 'read-all',
  query: compareQuerySchema,
  response: experimentCompareSchema,
  errors: [404],
})
const compareItemsRoute = describe({
  summary: 'The items of a comparison side by side, regressions first',
  access: 'read-all',
  query: compareItemsQuerySchema,
  response: page(compareItemSchema),
  errors: [404],
})
const get = describe({ summary: 'An experiment with its status, progress and summary', access: 'read-all', response: experimentSchema })
const post = describe({
  summary: 'Record results (by item and repetition: sending one again replaces it); evaluators then score them',
  access: 'write',
  body: postResultsSchema,
  response: z.object({ accepted: z.number() }),
})
const results = describe({
  summary: 'The results with the scores on their traces',
  access: 'read-all',
  query: listQuerySchema.omit({ datasetId: true }),
  response: page(experimentResultSchema),
})

/**
 * Experiments: a task run over a dataset version (with repetitions), scored by the caller and by
 * evaluators, and compared with another run item by item.
 */
export function experimentRoutes({ store, now }: AppDeps) {
  const experimentOf = (c: Context<AppEnv>) => findExperiment(store, c.get('auth').projectId, c.req.param('id')!)
  return (
    new Hono<AppEnv>()
      .get('/', list, async (c) => {
        const { projectId } = c.get('auth')
        const found = await store.listExperiments(projectId, list.query(c))
        return c.json({ ...found, data: await Promise.all(found.data.map((e) => summarize(store, projectId, e))) })
      })
      .post('/', create, async (c) => c.json(await createExperiment(store, c.get('auth').projectId, await create.body(c), now()), 201))
      // before /:id, which would take "compare" for an id
      .get('/compare', compareRoute, async (c) => {
        const { base, candidate } = compareRoute.query(c)
        return c.json(await compare(store, c.get('auth').projectId, base, candidate))
      })
      .get('/compare/items', compareItemsRoute, async (c) =>
        c.json(await compareItems(store, c.get('auth').projectId, compareItemsRoute.query(c))),
      )
      .get('/:id', get, async (c) => c.json(await summarize(store, c.get('auth').projectId, await experimentOf(c))))
      .post('/:id/results', post, async (c) => {
        const e = await experimentOf(c)
        return c.json(await postResults(store, c.get('auth').projectId, e, await post.body(c), now()))
      })
      .get('/:id/results', results, async (c) => {
        const q = results.query(c)
        return c.json(await listResults(store, c.get('auth').projectId, await experimentOf(c), q))
      })
  )
}
