import { ingestBatchSchema } from '@sightline/core'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import { ingestBatch } from '../services/ingest'
import type { AppDeps } from '../app-deps'
import { jsonBody } from '../validation'

export function ingestRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().post('/', requireAccess('write'), async (c) => {
    const batch = await jsonBody(c, ingestBatchSchema)
    return c.json(await ingestBatch(store, c.get('auth').projectId, batch, now()))
  })
}
