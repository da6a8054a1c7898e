import { randomUUID } from 'node:crypto'
import {
  FEEDBACK_DEFAULT_NAME,
  scoreConfigInputSchema,
  scoreConfigPatchSchema,
  scoreConfigSchema,
  toIso,
  type ScoreConfig,
} from '@sightline/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import type { AppDeps } from '../app-deps'
import { ApiHttpError, notFound } from '../http-errors'
import { feedbackNameConflict } from '../services/feedback-names'
import { invalidInput } from '../validation'

const conflict = (path: string, message: string) => new ApiHttpError(409, 'conflict', message, [{ path: [path], message }])

const list = describe({ summary: 'List score configs', access: 'read', response: z.object({ data: z.array(scoreConfigSchema) }) })
const get = describe({ summary: 'A score config', access: 'read', response: scoreConfigSchema })
const create = describe({
  summary: 'Create a score config (a rubric; `feedback: true` makes its name one end users may score)',
  access: 'write',
  body: scoreConfigInputSchema,
  response: scoreConfigSchema,
  status: 201,
  errors: [409],
})
const update = describe({
  summary: 'Change a score config; `archived` archives or restores it',
  access: 'write',
  body: scoreConfigPatchSchema,
  response: scoreConfigSchema,
  errors: [409],
})
const remove = describe({
  summary: 'Delete a score config, or archive it once scores use it',
  access: 'write',
  response: z.object({ id: z.string(), outcome: z.enum(['archived', 'deleted']) }),
})

/**
 * Score configs: the rubrics queues ask for, and (`feedback: true`) the names end users may
 * score beside `user_feedback`. Once used they are archived, never deleted.
 */
export function scoreConfigRoutes({ store, now }: AppDeps) {
  const find = async (projectId: string, id: string) => {
    const config = await store.getScoreConfig(projectId, id)
    if (!config) throw notFound('score config')
    return config
  }
  /** A name becomes a feedback name only while nobody else scores it. */
  const checkFeedback = async (projectId: string, config: { id?: string; name: string }) => {
    const problem = await feedbackNameConflict(store, projectId, config)
    if (problem) throw conflict('feedback', problem)
  }
  return new Hono<AppEnv>()
    .get('/', list, async (c) => c.json({ data: await store.listScoreConfigs(c.get('auth').projectId) }))
    .get('/:id', get, async (c) => c.json(await find(c.get('auth').projectId, c.req.param('id'))))
    .post('/', create, async (c) => {
      const input = await create.body(c)
      const { projectId } = c.get('auth')
      if ((await store.listScoreConfigs(projectId)).some((s) => s.name === input.name))
        throw conflict('name', `a score config named ${input.name} exists`)
      // End users' thumbs and ratings have this name; a rubric of its own would mix with them.
      if (input.name === FEEDBACK_DEFAULT_NAME) throw conflict('name', `${FEEDBACK_DEFAULT_NAME} is the built-in end-user feedback name`)
      if (input.feedback) await checkFeedback(projectId, input)
      const config: ScoreConfig = {
        id: randomUUID(),
        name: input.name,
        dataType: input.dataType,
        min: input.min ?? null,
        max: input.max ?? null,
        step: input.step ?? null,
        categories: input.categories ?? null,
        description: input.description ?? null,
        feedback: input.feedback ?? false,
        archivedAt: null,
        createdAt: toIso(now()),
      }
      await store.createScoreConfig(projectId, config)
      return c.json(config, 201)
    })
    .patch('/:id', update, async (c) => {
      const { archived, ...patch } = await update.body(c)
      const { projectId } = c.get('auth')
      const config = await find(projectId, c.req.param('id'))
      const next = { ...config, ...patch }
      if (next.min != null && next.max != null && next.min >= next.max)
        throw invalidInput([{ path: ['max'], message: 'max must be above min' }], 'max must be above min')
      if (patch.categories && config.dataType !== 'categorical')
        throw invalidInput([{ path: ['categories'], message: 'not categorical' }], 'only categorical configs have categories')
      if (patch.feedback && !config.feedback) await checkFeedback(projectId, config)
      const archivedAt = archived === undefined ? undefined : archived ? toIso(now()) : null
      return c.json(await store.updateScoreConfig(projectId, config.id, { ...patch, ...(archivedAt !== undefined && { archivedAt }) }))
    })
    .delete('/:id', remove, async (c) => {
      const { projectId } = c.get('auth')
      const config = await find(projectId, c.req.param('id'))
      if (await store.scoreConfigInUse(projectId, config)) {
        await store.updateScoreConfig(projectId, config.id, { archivedAt: config.archivedAt ?? toIso(now()) })
        return c.json({ id: config.id, outcome: 'archived' as const })
      }
      await store.deleteScoreConfig(projectId, config.id)
      return c.json({ id: config.id, outcome: 'deleted' as const })
    })
}
