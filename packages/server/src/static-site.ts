import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { AppEnv } from './auth/auth-context'

/** A built single-page front end at `/` (`--static`): its files, and index.html for other non-API paths. */
export function serveFrontEnd(app: Hono<AppEnv>, dir: string) {
  app.use('/*', serveStatic({ root: dir }))
  app.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root: dir, path: 'index.html' })(c, next)))
}
