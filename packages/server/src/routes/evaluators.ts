import {
  agreementSchema,
  backfillSchema,
  evalRunQuerySchema,
  evalRunSchema,
  evaluatorInputSchema,
  evaluatorKindSchema,
  evaluatorPatchSchema,
  evaluatorPreviewResultSchema,
  evaluatorPreviewSchema,
  evaluatorSchema,
  page,
} from '@sightline/core'
import { evaluatorKinds } from '@sightline/evals'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
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

const agreementQuerySchema = z.strictObject({
  human: z
    .string()
    .min(1, 'name the human score to compare with')
    .max(200)
    .describe('the name of the human (source "human") score to compare with'),
})

const kinds = describe({
  summary: 'Every evaluator kind with its config fields',
  access: 'read',
  response: z.object({ data: z.array(evaluatorKindSchema) }),
})
const list = describe({ summary: 'List evaluators', access: 'read', response: z.object({ data: z.array(evaluatorSchema) }) })
const create = describe({
  summary: 'Create an evaluator; it scores matching traces from now on',
  access: 'write',
  body: evaluatorInputSchema,
  response: evaluatorSchema,
  status: 201,
})
const preview = describe({
  summary: 'Run an unsaved evaluator on one trace; stores nothing',
  access: 'write',
  body: evaluatorPreviewSchema,
  response: evaluatorPreviewResultSchema,
  errors: [404, 502],
})
const get = describe({ summary: 'An evaluator with its stats', access: 'read', response: evaluatorSchema })
const update = describe({
  summary: 'Change an evaluator; `active: true` also resumes a paused one',
  access: 'write',
  body: evaluatorPatchSchema,
  response: evaluatorSchema,
})
const archive = describe({ summary: 'Archive an evaluator; its scores stay', access: 'write', response: evaluatorSchema })
const runs = describe({ summary: 'The run log, newest first', access: 'read', query: evalRunQuerySchema, response: page(evalRunSchema) })
const backfillRoute = describe({
  summary: "Score past traces that match (the evaluator's filter and sample, narrowed by the body)",
  access: 'write',
  body: backfillSchema,
  bodyOptional: true,
  response: z.object({ queued: z.number() }),
  status: 202,
})
const agreementRoute = describe({
  summary: "The evaluator's scores against reviewers' scores of one name",
  access: 'read',
  query: agreementQuerySchema,
  response: agreementSchema,
})

/**
 * Evaluators: automatic scoring of live traces. Managing them needs the secret key; reads take a
 * view token too. The judge's key stays in the server's environment: a config only names it.
 */
export function evaluatorRoutes(deps: AppDeps) {
  const { store, now } = deps
  const evaluatorOf = (c: Context<AppEnv>) => findEvaluator(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/kinds', kinds, (c) => c.json({ data: evaluatorKinds() }))
    .get('/', list, async (c) => {
      const { projectId } = c.get('auth')
      const all = await store.listEvaluators(projectId)
      return c.json({ data: await Promise.all(all.map((e) => withStats(store, projectId, e, now()))) })
    })
    .post('/', create, async (c) => c.json(await createEvaluator(store, c.get('auth').projectId, await create.body(c), now()), 201))
    .post('/preview', preview, async (c) =>
      c.json(await previewEvaluator({ store, ...deps.evaluation }, c.get('auth'), await preview.body(c))),
    )
    .get('/:id', get, async (c) => c.json(await withStats(store, c.get('auth').projectId, await evaluatorOf(c), now())))
    .patch('/:id', update, async (c) => {
      const patch = await update.body(c)
      return c.json(await updateEvaluator(store, c.get('auth').projectId, await evaluatorOf(c), patch, now()))
    })
    .delete('/:id', archive, async (c) => c.json(await archiveEvaluator(store, c.get('auth').projectId, await evaluatorOf(c), now())))
    .get('/:id/runs', runs, async (c) => {
      const q = runs.query(c)
      const e = await evaluatorOf(c)
      const traceFilters = readerScope(c.get('auth'), store).filters
      return c.json(await store.listEvalRuns(c.get('auth').projectId, e.id, { ...q, limit: q.limit ?? 50, traceFilters }))
    })
    .post('/:id/backfill', backfillRoute, async (c) => {
      const body = await backfillRoute.body(c)
      return c.json(await backfill(store, c.get('auth').projectId, await evaluatorOf(c), body, now()), 202)
    })
    .get('/:id/agreement', agreementRoute, async (c) => {
      const { human } = agreementRoute.query(c)
      return c.json(await agreement(store, c.get('auth'), await evaluatorOf(c), human))
    })
}
