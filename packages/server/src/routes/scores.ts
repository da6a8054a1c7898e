import { randomUUID } from 'node:crypto'
import { scoreInputSchema, scoreListQuerySchema } from '@sightline/core'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import type { AppDeps } from '../app-deps'
import { notFound } from '../http-errors'
import { readerScope } from '../services/reader-scope'
import { writeBatch } from '../services/write'
import { jsonBody, parseWith } from '../validation'

export function scoreRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requireAccess('read'), async (c) => {
      const { traceId, ...rest } = c.req.query()
      const query = parseWith(scoreListQuerySchema, { ...rest, ...(traceId !== undefined && { traceId: c.req.queries('traceId') }) }, [
        'query',
      ])
      const auth = c.get('auth')
      const { filters } = readerScope(auth, store)
      return c.json(await store.listScores(auth.projectId, { ...query, ...(filters && { traceFilters: filters }) }))
    })
    .post('/', requireAccess('write'), async (c) => {
      const score = await jsonBody(c, scoreInputSchema)
      const id = score.id ?? randomUUID()
      const { projectId } = c.get('auth')
      await writeBatch(store, projectId, { traces: [], spans: [], scores: [{ ...score, id }] }, now())
      return c.json(await store.getScore(projectId, id))
    })
    .delete('/:id', requireAccess('write'), async (c) => {
      if (!(await store.deleteScore(c.get('auth').projectId, c.req.param('id')))) throw notFound('score')
      return c.body(null, 204)
    })
}
