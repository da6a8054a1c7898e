import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './auth/auth-context'
import { authenticate } from './auth/middleware'
import { ApiHttpError, errorResponse } from './http-errors'
import { buildOpenApi } from './openapi/spec'
import { feedbackRoutes } from './routes/feedback'
import { ingestRoutes } from './routes/ingest'
import { metricsRoutes } from './routes/metrics'
import { queueRoutes } from './routes/queues'
import { scoreConfigRoutes } from './routes/score-configs'
import { otlpRoutes } from './routes/otlp'
import { scoreRoutes } from './routes/scores'
import { tokenRoutes } from './routes/tokens'
import { sessionRoutes, traceRoutes } from './routes/traces'
import { InvalidCursorError, QueueConflictError, QueueItemNotFoundError, type Store } from './store/types'
import { refuseNul } from './validation'

export const VERSION = '0.1.0'

export interface AppConfig {
  /** request bodies above this are refused with 413 (default 10 MB) */
  bodyLimitBytes: number
  /** browser origins allowed by CORS, and for public keys */
  allowedOrigins: string[]
  /** end-user feedback per credential and client address: sustained rate and burst */
  feedbackPerMinute: number
  feedbackBurst: number
  /** OTLP requests handled at once before 503 + Retry-After */
  otlpMaxInflight: number
}

export const DEFAULT_CONFIG: AppConfig = {
  bodyLimitBytes: 10 * 1024 * 1024,
  allowedOrigins: [],
  feedbackPerMinute: 60,
  feedbackBurst: 30,
  otlpMaxInflight: 8,
}

export interface AppDeps {
  store: Store
  config: AppConfig
  now: () => number
}

export interface CreateAppOptions {
  store: Store
  config?: Partial<AppConfig>
  /** the clock; tests move it */
  now?: () => number
  /** extra sub-apps mounted before the 404 handler (static files, the demo backend) */
  mount?: (app: Hono<AppEnv>, deps: AppDeps) => void
}

/** The Sightline HTTP API as a Hono app: one sub-app per resource over one Store. */
export function createApp({ store, config, now = Date.now, mount }: CreateAppOptions) {
  const deps: AppDeps = { store, config: { ...DEFAULT_CONFIG, ...config }, now }
  const app = new Hono<AppEnv>()

  app.onError((err, c) => {
    if (err instanceof ApiHttpError) return errorResponse(c, err)
    if (err instanceof QueueConflictError) return errorResponse(c, new ApiHttpError(409, 'conflict', err.message))
    if (err instanceof QueueItemNotFoundError) return errorResponse(c, new ApiHttpError(404, 'not_found', err.message))
    if (err instanceof InvalidCursorError)
      return errorResponse(c, new ApiHttpError(400, 'validation_failed', err.message, [{ path: ['cursor'], message: err.message }]))
    if (err instanceof HTTPException && err.status < 500)
      return errorResponse(c, new ApiHttpError(err.status as 400, 'bad_request', err.message))
    console.error('sightline: request failed', c.req.method, c.req.path, err)
    return errorResponse(c, new ApiHttpError(500, 'internal', 'internal error; the request was not applied'))
  })
  app.notFound((c) => errorResponse(c, new ApiHttpError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)))

  const origins = new Set(deps.config.allowedOrigins)
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }),
  )
  app.use(
    '/*',
    bodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: () => {
        throw new ApiHttpError(413, 'payload_too_large', `request body is over the ${deps.config.bodyLimitBytes} byte limit`)
      },
    }),
  )

  app.get('/api/health', (c) => c.json({ status: 'ok' as const, version: VERSION, storage: store.kind }))
  app.get('/api/v1/openapi.json', (c) => c.json(buildOpenApi(VERSION)))

  app.use('/api/v1/*', refuseNul)
  app.use('/api/v1/*', authenticate(store, now))
  app.route('/api/v1/ingest', ingestRoutes(deps))
  app.route('/api/v1/traces', traceRoutes(deps))
  app.route('/api/v1/sessions', sessionRoutes(deps))
  app.route('/api/v1/scores', scoreRoutes(deps))
  app.route('/api/v1/tokens', tokenRoutes(deps))
  app.route('/api/v1/feedback', feedbackRoutes(deps))
  app.route('/api/v1/metrics', metricsRoutes(deps))
  app.route('/api/v1/score-configs', scoreConfigRoutes(deps))
  app.route('/api/v1/queues', queueRoutes(deps))

  // OTLP/HTTP: SDKs post to <base>/v1/traces; the default endpoint is this server's port.
  app.use('/v1/*', authenticate(store, now))
  const otlp = otlpRoutes(deps)
  app.route('/v1/traces', otlp)
  app.route('/api/v1/otel/v1/traces', otlp)

  mount?.(app, deps)
  return app
}

export type SightlineApp = ReturnType<typeof createApp>
