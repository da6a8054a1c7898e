import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app'
import { bootstrapDefaultProject } from './bootstrap'
import type { ServeConfig } from './config'
import { demoRoutes } from './demo/demo-routes'
import { seedDemoIfEmpty } from './demo/seed'
import { openStore } from './store/open-store'

export interface RunningServer {
  url: string
  close(): Promise<void>
}

/** Starts the HTTP server: opens and migrates the store, bootstraps keys, seeds demo data. */
export async function startServer(config: ServeConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  if (config.staticDir && !existsSync(join(config.staticDir, 'index.html')))
    throw new Error(`--static ${config.staticDir} has no index.html; build the front end first`)
  const store = await openStore(config)
  await store.migrate()
  const keys = await bootstrapDefaultProject(store, { ...config, log })
  if (config.demo) {
    const seeded = await seedDemoIfEmpty(store, keys.projectId, Date.now())
    log(seeded ? `Demo data: ${seeded.traces} traces, ${seeded.spans} spans` : 'Demo data: project not empty, left as is')
  }

  const app = createApp({
    store,
    config,
    mount: (root) => {
      if (config.demo) root.route('/demo', demoRoutes(root, keys.secretKey))
      if (config.staticDir) {
        const dir = config.staticDir
        root.use('/*', serveStatic({ root: dir }))
        // Single-page app: unknown non-API paths get index.html.
        root.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root: dir, path: 'index.html' })(c, next)))
      }
    },
  })

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  log(`Sightline ${store.kind} store, listening on ${url}`)

  let closing: Promise<void> | undefined
  return {
    url,
    // Stop accepting, let in-flight requests finish, then close the database.
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeIdleConnections' in server) server.closeIdleConnections()
      }).then(() => store.close())),
  }
}
