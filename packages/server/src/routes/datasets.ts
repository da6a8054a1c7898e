import { addDatasetItemsSchema, datasetInputSchema, datasetItemPatchSchema, datasetItemsQuerySchema, MAX_PAGE_SIZE } from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import { addItems, archiveItem, createDataset, findDataset, updateItem } from '../services/datasets'
import { invalid, jsonBody, parseWith } from '../validation'

const listQuerySchema = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})

/** Datasets: versioned items, typed in or copied from traces. Changes need the secret key; reads take a view token too. */
export function datasetRoutes({ store, now }: AppDeps) {
  const datasetOf = (c: Context<AppEnv>) => findDataset(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/', requireAccess('read-all'), async (c) =>
      c.json(await store.listDatasets(c.get('auth').projectId, parseWith(listQuerySchema, c.req.query()))),
    )
    .post('/', requireAccess('write'), async (c) =>
      c.json(await createDataset(store, c.get('auth').projectId, await jsonBody(c, datasetInputSchema), now()), 201),
    )
    .get('/:id', requireAccess('read-all'), async (c) => c.json(await datasetOf(c)))
    .delete('/:id', requireAccess('write'), async (c) => {
      const dataset = await datasetOf(c)
      await store.archiveDataset(c.get('auth').projectId, dataset.id, now())
      return c.json(await datasetOf(c))
    })
    .get('/:id/items', requireAccess('read-all'), async (c) => {
      const q = parseWith(datasetItemsQuerySchema, c.req.query())
      const dataset = await datasetOf(c)
      if (q.version !== undefined && q.version > dataset.version) throw invalid(['version'], `the dataset is at version ${dataset.version}`)
      return c.json(await store.listDatasetItems(c.get('auth').projectId, dataset.id, { ...q, limit: q.limit ?? 100 }))
    })
    .post('/:id/items', requireAccess('write'), async (c) =>
      c.json(await addItems(store, c.get('auth').projectId, c.req.param('id'), await jsonBody(c, addDatasetItemsSchema), now())),
    )
    .patch('/:id/items/:itemId', requireAccess('write'), async (c) =>
      c.json(
        await updateItem(
          store,
          c.get('auth').projectId,
          c.req.param('id'),
          c.req.param('itemId'),
          await jsonBody(c, datasetItemPatchSchema),
          now(),
        ),
      ),
    )
    .delete('/:id/items/:itemId', requireAccess('write'), async (c) =>
      c.json(await archiveItem(store, c.get('auth').projectId, c.req.param('id'), c.req.param('itemId'), now())),
    )
}
