import { backfillSchema, evalRunQuerySchema, evaluatorInputSchema, evaluatorPatchSchema, evaluatorPreviewSchema } from '@sightline/core'
import { evaluatorKinds } from '@sightline/evals'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import {
  agreement,
  archiveEvaluator,
  backfill,
  createEvaluator,
  findEvaluator,
  previewEvaluator,
  updateEvaluator,
  withStats,
} from '../services/evaluators'
import { readerScope } from '../services/reader-scope'
import { jsonBody, parseWith, readJson } from '../validation'

const agreementQuerySchema = z.strictObject({ human: z.string().min(1, 'name the human score to compare with').max(200) })

/**
 * Evaluators: automatic scoring of live traces. Managing them needs the secret key; reads take a
 * view token too. The judge's key stays in the server's environment: a config only names it.
 */
export function evaluatorRoutes(deps: AppDeps) {
  const { store, now } = deps
  const evaluatorOf = (c: Context<AppEnv>) => findEvaluator(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/kinds', requireAccess('read'), (c) => c.json({ data: evaluatorKinds() }))
    .get('/', requireAccess('read'), async (c) => {
      const { projectId } = c.get('auth')
      const all = await store.listEvaluators(projectId)
      return c.json({ data: await Promise.all(all.map((e) => withStats(store, projectId, e, now()))) })
    })
    .post('/', requireAccess('write'), async (c) =>
      c.json(await createEvaluator(store, c.get('auth').projectId, await jsonBody(c, evaluatorInputSchema), now()), 201),
    )
    .post('/preview', requireAccess('write'), async (c) =>
      c.json(await previewEvaluator({ store, ...deps.evaluation }, c.get('auth'), await jsonBody(c, evaluatorPreviewSchema))),
    )
    .get('/:id', requireAccess('read'), async (c) => c.json(await withStats(store, c.get('auth').projectId, await evaluatorOf(c), now())))
    .patch('/:id', requireAccess('write'), async (c) => {
      const patch = await jsonBody(c, evaluatorPatchSchema)
      return c.json(await updateEvaluator(store, c.get('auth').projectId, await evaluatorOf(c), patch, now()))
    })
    .delete('/:id', requireAccess('write'), async (c) =>
      c.json(await archiveEvaluator(store, c.get('auth').projectId, await evaluatorOf(c), now())),
    )
    .get('/:id/runs', requireAccess('read'), async (c) => {
      const q = parseWith(evalRunQuerySchema, c.req.query())
      const e = await evaluatorOf(c)
      const traceFilters = readerScope(c.get('auth'), store).filters
      return c.json(await store.listEvalRuns(c.get('auth').projectId, e.id, { ...q, limit: q.limit ?? 50, traceFilters }))
    })
    .post('/:id/backfill', requireAccess('write'), async (c) => {
      const body = parseWith(backfillSchema, (await readJson(c, { optional: true })) ?? {})
      return c.json(await backfill(store, c.get('auth').projectId, await evaluatorOf(c), body, now()), 202)
    })
    .get('/:id/agreement', requireAccess('read'), async (c) => {
      const { human } = parseWith(agreementQuerySchema, c.req.query())
      return c.json(await agreement(store, c.get('auth'), await evaluatorOf(c), human))
    })
}
