import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp, type SightlineApp } from './app'
import { bootstrapDefaultProject, type ProjectKeys } from './bootstrap'
import type { ServeConfig } from './config'
import { demoJudgeFetch } from './demo/demo-judge'
import { demoRoutes } from './demo/demo-routes'
import { prepareDemo } from './demo/seed'
import { evalJobHandler } from './jobs/eval-job'
import { createJobRunner } from './jobs/job-runner'
import { deliveryJobHandler } from './monitors/channels'
import { DELIVERY_JOB, MONITOR_TICK, monitorTickHandler } from './monitors/monitors'
import { EVAL_JOB } from './services/eval-schedule'
import { openStore } from './store/open-store'
import { ownOrigins } from './own-origins'
import { serveFrontEnd } from './static-site'

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
  let keys: ProjectKeys
  let demoQueueId: string | undefined
  try {
    await store.migrate()
    keys = await bootstrapDefaultProject(store, { ...config, log })
    if (config.demo) demoQueueId = await prepareDemo(store, keys.projectId, config.dataDir, Date.now(), log)
  } catch (err) {
    await store.close() // a refused start leaves no database open
    throw err
  }

  let inflight = 0
  // The app is made once the server is bound: its own origins are the bound address and port.
  let app: SightlineApp | undefined
  const fetch = async (req: Request, env: unknown) => {
    inflight++
    try {
      return await app!.fetch(req, env)
    } finally {
      inflight--
    }
  }
  // serve() makes a plain HTTP/1.1 server unless told otherwise.
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
  })
  const address = server.address() as AddressInfo
  const own = ownOrigins(config.publicOrigin, address)
  // The demo's judge is answered in process by the fake model.
  const evaluation = config.demo ? { fetch: demoJudgeFetch() } : {}
  // Set right after the listening callback, before the event loop reads any connection.
  app = createApp({
    store,
    evaluation,
    config: { ...config, ownOrigins: own },
    mount: (root) => {
      if (demoQueueId) root.route('/demo', demoRoutes(root, { ...keys, reviewQueueId: demoQueueId, anyHost: config.demoPublic }))
      if (config.staticDir) serveFrontEnd(root, config.staticDir)
    },
  })
  // Durable jobs (evaluations): every instance runs a worker; leases keep them from doubling up.
  const jobs = createJobRunner({
    store,
    handlers: {
      [EVAL_JOB]: evalJobHandler({ store, now: Date.now, ...evaluation }),
      [MONITOR_TICK]: monitorTickHandler({ store, now: Date.now, intervalMs: config.monitorIntervalMs, baseUrl: () => own[0]! }),
      [DELIVERY_JOB]: deliveryJobHandler({ store, now: Date.now, allowPrivate: config.allowPrivateWebhooks }),
    },
  })
  jobs.start()
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`
  log(`Sightline ${store.kind} store, listening on ${url}`)
  log(`Own origin${own.length === 1 ? '' : 's'} (pages that need no SIGHTLINE_ALLOWED_ORIGINS entry): ${own.join(', ')}`)

  const drain = drainOnClose(server)
  let closing: Promise<void> | undefined
  return {
    url,
    inflight: () => inflight,
    close: () =>
      (closing ??= drain(config.shutdownGraceMs).then(async (cut) => {
        if (cut) log(`shutdown: ${cut} connection(s) still writing after the ${config.shutdownGraceMs / 1000} s grace period were cut`)
        await jobs.stop()
        await store.close()
      })),
  }
}

/**
 * Graceful close: stop accepting, end each connection once its responses are written out, and
 * after `graceMs` cut the ones left; resolves with how many were cut. Not http.Server#close: it
 * destroys connections whose response is ended but still flushing (a large body to a slow reader).
 */
function drainOnClose(server: Server) {
  const unwritten = new Map<Socket, number>() // each open connection → its responses not yet written out
  let draining = false
  server.on('connection', (socket: Socket) => {
    unwritten.set(socket, 0)
    socket.once('close', () => unwritten.delete(socket))
  })
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket
    unwritten.set(socket, (unwritten.get(socket) ?? 0) + 1)
    if (draining) res.shouldKeepAlive = false
    // 'close' follows 'finish', which waits until the last byte is handed to the OS.
    res.once('close', () => {
      const pending = unwritten.get(socket)
      if (pending === undefined) return
      unwritten.set(socket, pending - 1)
      if (draining && pending === 1) socket.end()
    })
  })
  return (graceMs: number) =>
    new Promise<number>((resolve) => {
      draining = true
      let cut = 0
      const grace = setTimeout(() => {
        cut = unwritten.size
        for (const socket of unwritten.keys()) socket.destroy()
      }, graceMs)
      NetServer.prototype.close.call(server, () => {
        clearTimeout(grace)
        resolve(cut)
      })
      for (const [socket, left] of unwritten) if (left === 0) socket.end()
    })
}
