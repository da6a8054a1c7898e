import { randomUUID } from 'node:crypto'
import { scoreInputSchema, scoreListQuerySchema, scoreListSchema, scoreSchema } from '@sightline/core'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import type { AppDeps } from '../app-deps'
import { notFound } from '../http-errors'
import { readerScope } from '../services/reader-scope'
import { writeBatch } from '../services/write'
import { parseWith } from '../validation'

const list = describe({
  summary: 'List scores, newest first',
  access: 'read',
  query: scoreListQuerySchema,
  params: [{ name: 'traceId', description: 'repeat it for several traces' }],
  response: scoreListSchema,
})
const create = describe({
  summary: 'Create a score, or update the one with the same id',
  access: 'write',
  body: scoreInputSchema,
  response: scoreSchema,
})
const remove = describe({ summary: 'Delete a score', access: 'write', status: 204 })

export function scoreRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', list, async (c) => {
      const { traceId, ...rest } = c.req.query()
      // traceId may repeat: read as a list, the rest as single values.
      const query = parseWith(list.doc.query!, { ...rest, ...(traceId !== undefined && { traceId: c.req.queries('traceId') }) }, ['query'])
      const auth = c.get('auth')
      const { filters } = readerScope(auth, store)
      return c.json(await store.listScores(auth.projectId, { ...query, ...(filters && { traceFilters: filters }) }))
    })
    .post('/', create, async (c) => {
      const score = await create.body(c)
      const id = score.id ?? randomUUID()
      const { projectId } = c.get('auth')
      await writeBatch(store, projectId, { traces: [], spans: [], scores: [{ ...score, id }] }, now())
      return c.json(await store.getScore(projectId, id))
    })
    .delete('/:id', remove, async (c) => {
      if (!(await store.deleteScore(c.get('auth').projectId, c.req.param('id')))) throw notFound('score')
      return c.body(null, 204)
    })
}
