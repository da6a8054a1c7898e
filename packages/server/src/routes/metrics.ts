import { parseMetricsQuery } from '@sightline/core'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { requireAccess } from '../auth/middleware'
import type { AppDeps } from '../app-deps'
import { queryMetrics } from '../services/metrics'
import { readerScope } from '../services/reader-scope'
import { invalidQuery } from '../validation'

export function metricsRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().get('/', requireAccess('read'), async (c) => {
    const parsed = parseMetricsQuery(new URL(c.req.url).searchParams, now())
    if (!parsed.success) throw invalidQuery(parsed.issues)
    const auth = c.get('auth')
    const q = parsed.data
    return c.json(await queryMetrics(store, auth.projectId, { ...q, filters: readerScope(auth, store).narrow(q.filters) }))
  })
}
