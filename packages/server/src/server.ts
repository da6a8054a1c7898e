import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app'
import { bootstrapDefaultProject } from './bootstrap'
import type { ServeConfig } from './config'
import { demoRoutes } from './demo/demo-routes'
import { ensureDemoQueue, seedDemoIfEmpty } from './demo/seed'
import { openStore } from './store/open-store'

export interface RunningServer {
  url: string
  /** requests being handled right now */
  inflight(): number
  close(): Promise<void>
}

/** Starts the HTTP server: opens and migrates the store, bootstraps keys, seeds demo data. */
export async function startServer(config: ServeConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  if (config.staticDir && !existsSync(join(config.staticDir, 'index.html')))
    throw new Error(`--static ${config.staticDir} has no index.html; build the front end first`)
  const store = await openStore(config)
  await store.migrate()
  const keys = await bootstrapDefaultProject(store, { ...config, log })
  let demoQueueId: string | undefined
  if (config.demo) {
    demoQueueId = await ensureDemoQueue(store, keys.projectId, Date.now())
    const seeded = await seedDemoIfEmpty(store, keys.projectId, Date.now())
    log(seeded ? `Demo data: ${seeded.traces} traces, ${seeded.spans} spans` : 'Demo data: project not empty, left as is')
  }

  const app = createApp({
    store,
    config,
    mount: (root) => {
      if (demoQueueId) root.route('/demo', demoRoutes(root, { ...keys, reviewQueueId: demoQueueId }))
      if (config.staticDir) {
        const dir = config.staticDir
        root.use('/*', serveStatic({ root: dir }))
        // Single-page app: unknown non-API paths get index.html.
        root.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root: dir, path: 'index.html' })(c, next)))
      }
    },
  })

  let inflight = 0
  const fetch = async (req: Request, env: unknown) => {
    inflight++
    try {
      return await app.fetch(req, env)
    } finally {
      inflight--
    }
  }
  // serve() makes a plain HTTP/1.1 server unless told otherwise.
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  log(`Sightline ${store.kind} store, listening on ${url}`)

  let closing: Promise<void> | undefined
  return {
    url,
    inflight: () => inflight,
    // Stop accepting, let in-flight requests finish, then close the database. Keep-alive
    // connections turn idle as their requests end: close them as they do.
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 50)
        server.close(() => {
          clearInterval(idle)
          resolve()
        })
        server.closeIdleConnections()
      }).then(() => store.close())),
  }
}
