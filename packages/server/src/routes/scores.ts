import { randomUUID } from 'node:crypto'
import { scoreInputSchema, SCORE_SOURCES, MAX_PAGE_SIZE } from '@sightline/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import type { AppDeps } from '../app'
import { notFound } from '../http-errors'
import { readerScope } from '../services/reader-scope'
import { writeBatch } from '../services/write'
import { jsonBody, parseWith } from '../validation'

export const scoreListQuerySchema = z.strictObject({
  /** repeat it for several traces (a table page's scores in one request) */
  traceId: z.array(z.string().min(1).max(256)).max(MAX_PAGE_SIZE).optional(),
  name: z.string().min(1).max(200).optional(),
  source: z.enum(SCORE_SOURCES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})

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
