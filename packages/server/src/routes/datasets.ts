import {
  addDatasetItemsSchema,
  datasetInputSchema,
  datasetItemPatchSchema,
  datasetItemSchema,
  datasetItemsQuerySchema,
  datasetSchema,
  MAX_PAGE_SIZE,
  page,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { addItems, archiveItem, createDataset, findDataset, updateItem } from '../services/datasets'
import { invalid } from '../validation'

const listQuerySchema = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})

const list = describe({ summary: 'List datasets, newest first', access: 'read-all', query: listQuerySchema, response: page(datasetSchema) })
const create = describe({ summary: 'Create a dataset', access: 'write', body: datasetInputSchema, response: datasetSchema, status: 201 })
const get = describe({ summary: 'A dataset with its current version and item count', access: 'read-all', response: datasetSchema })
const archive = describe({ summary: 'Archive a dataset', access: 'write', response: datasetSchema })
const items = describe({
  summary: 'The items as of a version (default: current), in the order they were added',
  access: 'read-all',
  query: datasetItemsQuerySchema,
  response: page(datasetItemSchema),
})
const addItem = describe({
  summary: 'Add items, or copy traces as items (a correction wins as expected output), in one new version',
  access: 'write',
  body: addDatasetItemsSchema,
  response: z.object({ added: z.number(), version: z.number() }),
})
const updateItemRoute = describe({
  summary: 'Change an item in a new version',
  access: 'write',
  body: datasetItemPatchSchema,
  response: datasetItemSchema.extend({ datasetVersion: z.number() }),
})
const archiveItemRoute = describe({
  summary: 'Archive an item in a new version',
  access: 'write',
  response: z.object({ version: z.number() }),
})

/** Datasets: versioned items, typed in or copied from traces. Changes need the secret key; reads take a view token too. */
export function datasetRoutes({ store, now }: AppDeps) {
  const datasetOf = (c: Context<AppEnv>) => findDataset(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/', list, async (c) => c.json(await store.listDatasets(c.get('auth').projectId, list.query(c))))
    .post('/', create, async (c) => c.json(await createDataset(store, c.get('auth').projectId, await create.body(c), now()), 201))
    .get('/:id', get, async (c) => c.json(await datasetOf(c)))
    .delete('/:id', archive, async (c) => {
      const dataset = await datasetOf(c)
      await store.archiveDataset(c.get('auth').projectId, dataset.id, now())
      return c.json(await datasetOf(c))
    })
    .get('/:id/items', items, async (c) => {
      const q = items.query(c)
      const dataset = await datasetOf(c)
      if (q.version !== undefined && q.version > dataset.version) throw invalid(['version'], `the dataset is at version ${dataset.version}`)
      return c.json(await store.listDatasetItems(c.get('auth').projectId, dataset.id, { ...q, limit: q.limit ?? 100 }))
    })
    .post('/:id/items', addItem, async (c) =>
      c.json(await addItems(store, c.get('auth').projectId, c.req.param('id'), await addItem.body(c), now())),
    )
    .patch('/:id/items/:itemId', updateItemRoute, async (c) =>
      c.json(
        await updateItem(store, c.get('auth').projectId, c.req.param('id'), c.req.param('itemId'), await updateItemRoute.body(c), now()),
      ),
    )
    .delete('/:id/items/:itemId', archiveItemRoute, async (c) =>
      c.json(await archiveItem(store, c.get('auth').projectId, c.req.param('id'), c.req.param('itemId'), now())),
    )
}
