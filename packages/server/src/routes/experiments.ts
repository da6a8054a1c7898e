import { compareItemsQuerySchema, experimentInputSchema, MAX_PAGE_SIZE, postResultsSchema } from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import { compare, compareItems, createExperiment, findExperiment, listResults, postResults, summarize } from '../services/experiments'
import { jsonBody, parseWith } from '../validation'

const listQuerySchema = z.strictObject({
  datasetId: z.string().min(1).max(256).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})
const compareQuerySchema = z.strictObject({ base: z.string().min(1).max(256), candidate: z.string().min(1).max(256) })

/**
 * Experiments: a task run over a dataset version (with repetitions), scored by the caller and by
 * evaluators, and compared with another run item by item.
 */
export function experimentRoutes({ store, now }: AppDeps) {
  const experimentOf = (c: Context<AppEnv>) => findExperiment(store, c.get('auth').projectId, c.req.param('id')!)
  return (
    new Hono<AppEnv>()
      .get('/', requireAccess('read-all'), async (c) => {
        const { projectId } = c.get('auth')
        const page = await store.listExperiments(projectId, parseWith(listQuerySchema, c.req.query()))
        return c.json({ ...page, data: await Promise.all(page.data.map((e) => summarize(store, projectId, e))) })
      })
      .post('/', requireAccess('write'), async (c) =>
        c.json(await createExperiment(store, c.get('auth').projectId, await jsonBody(c, experimentInputSchema), now()), 201),
      )
      // before /:id, which would take "compare" for an id
      .get('/compare', requireAccess('read-all'), async (c) => {
        const { base, candidate } = parseWith(compareQuerySchema, c.req.query())
        return c.json(await compare(store, c.get('auth').projectId, base, candidate))
      })
      .get('/compare/items', requireAccess('read-all'), async (c) =>
        c.json(await compareItems(store, c.get('auth').projectId, parseWith(compareItemsQuerySchema, c.req.query()))),
      )
      .get('/:id', requireAccess('read-all'), async (c) => c.json(await summarize(store, c.get('auth').projectId, await experimentOf(c))))
      .post('/:id/results', requireAccess('write'), async (c) => {
        const e = await experimentOf(c)
        return c.json(await postResults(store, c.get('auth').projectId, e, await jsonBody(c, postResultsSchema), now()))
      })
      .get('/:id/results', requireAccess('read-all'), async (c) => {
        const q = parseWith(listQuerySchema.omit({ datasetId: true }), c.req.query())
        return c.json(await listResults(store, c.get('auth').projectId, await experimentOf(c), q))
      })
  )
}
