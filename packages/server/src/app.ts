import { Hono } from 'hono'
import { z } from 'zod'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './auth/auth-context'
import { authenticate } from './auth/middleware'
import { ApiHttpError, errorResponse } from './http-errors'
import { describe } from './openapi/describe'
import { docsRoutes } from './openapi/docs-page'
import { buildOpenApi } from './openapi/spec'
import { feedbackRoutes } from './routes/feedback'
import { ingestRoutes } from './routes/ingest'
import { metricsRoutes } from './routes/metrics'
import { queueRoutes } from './routes/queues'
import { datasetRoutes } from './routes/datasets'
import { evaluatorRoutes } from './routes/evaluators'
import { experimentRoutes } from './routes/experiments'
import { channelRoutes, deliveryRoutes, monitorRoutes } from './routes/monitors'
import { scoreConfigRoutes } from './routes/score-configs'
import { otlpFailureEncoding, otlpRoutes } from './routes/otlp'
import { scoreRoutes } from './routes/scores'
import { tokenRoutes } from './routes/tokens'
import { sessionRoutes, traceRoutes } from './routes/traces'
import { healthSchema } from '@sightline/core'
import { InvalidCursorError, QueueConflictError, QueueItemNotFoundError, type Store } from './store/types'
import { noStore, securityHeaders } from './security-headers'
import { invalidInput, refuseNul } from './validation'
import { type AppConfig, type AppDeps, DEFAULT_CONFIG, type EvaluationDeps } from './app-deps'

export { type AppConfig, type AppDeps, DEFAULT_CONFIG, type EvaluationDeps } from './app-deps'

export const VERSION = '0.1.0'

/** What a page on a refused origin should do; the kit shows it to the people embedding it. */
const originNotAllowed = (origin: string) =>
  `This page's origin (${origin}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`

export interface CreateAppOptions {
  store: Store
  config?: Partial<AppConfig>
  /** the clock; tests move it */
  now?: (() => number) | undefined
  /** extra sub-apps mounted before the 404 handler (static files, the demo backend) */
  mount?: (app: Hono<AppEnv>, deps: AppDeps) => void
  /** the judge's HTTP client and environment (default: fetch and process.env) */
  evaluation?: EvaluationDeps
}

/** The Sightline HTTP API as a Hono app: one sub-app per resource over one Store. */
export function createApp({ store, config, now = Date.now, mount, evaluation = {} }: CreateAppOptions) {
  const deps: AppDeps = { store, config: { ...DEFAULT_CONFIG, ...config }, now, evaluation }
  const app = new Hono<AppEnv>()

  app.onError((err, c) => {
    if (err instanceof ApiHttpError) return errorResponse(c, err)
    if (err instanceof QueueConflictError) return errorResponse(c, new ApiHttpError(409, 'conflict', err.message))
    if (err instanceof QueueItemNotFoundError) return errorResponse(c, new ApiHttpError(404, 'not_found', err.message))
    if (err instanceof InvalidCursorError) return errorResponse(c, invalidInput([{ path: ['cursor'], message: err.message }], err.message))
    if (err instanceof HTTPException && err.status < 500)
      return errorResponse(c, new ApiHttpError(err.status as 400, 'bad_request', err.message))
    console.error('sightline: request failed', c.req.method, c.req.path, err)
    return errorResponse(c, new ApiHttpError(500, 'internal', 'internal error; the request was not applied'))
  })
  app.notFound((c) => errorResponse(c, new ApiHttpError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)))

  app.use('*', securityHeaders)
  const origins = new Set([...deps.config.allowedOrigins, ...deps.config.ownOrigins])
  const allowed = (origin: string) => origins.has(origin)
  const corsOptions = { allowHeaders: ['authorization', 'content-type'], maxAge: 600 }
  // Health is public and readable from every origin (no credentials), so a page the allowlist
  // leaves out can still learn why its other calls fail: a CORS refusal is opaque to scripts.
  const healthCors = cors({ ...corsOptions, origin: '*', allowMethods: ['GET', 'OPTIONS'] })
  const apiCors = cors({
    ...corsOptions,
    origin: (origin) => (allowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  })
  const warned = new Set<string>()
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/health') return healthCors(c, next)
    const origin = c.req.header('origin')
    if (origin && !allowed(origin)) {
      // The page only sees a CORS error: say once per origin (a bounded few) what to change.
      if (warned.size < 100 && !warned.has(origin)) {
        warned.add(origin)
        console.warn(`sightline: refused a browser request from ${origin}; add it to SIGHTLINE_ALLOWED_ORIGINS to allow it`)
      }
      // A preflight refused with the reason, for whoever reads it in the browser's network panel.
      if (c.req.method === 'OPTIONS') return errorResponse(c, new ApiHttpError(403, 'forbidden', originNotAllowed(origin)))
    }
    return apiCors(c, next)
  })
  // Before the body limit and authentication, so protobuf exporters get their failures as protobuf.
  app.use('/v1/traces', otlpFailureEncoding)
  app.use('/api/v1/otel/v1/traces', otlpFailureEncoding)
  app.use(
    '/*',
    bodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: () => {
        throw new ApiHttpError(413, 'payload_too_large', `request body is over the ${deps.config.bodyLimitBytes} byte limit`)
      },
    }),
  )

  const health = describe({
    summary: "Liveness, version and storage backend; whether the calling page's origin is allowed",
    description: 'Readable from every origin, without credentials.',
    access: 'none',
    response: healthSchema,
  })
  app.get('/api/health', health, (c) => {
    const origin = c.req.header('origin')
    const ok = origin !== undefined && allowed(origin)
    // The answer depends on the caller's origin: caches must keep one per origin.
    c.header('vary', 'Origin')
    return c.json({
      status: 'ok' as const,
      version: VERSION,
      storage: store.kind,
      origin: origin === undefined ? null : { value: origin, allowed: ok, ...(ok ? {} : { message: originNotAllowed(origin) }) },
    })
  })
  const openApi = describe({ summary: 'This OpenAPI document', access: 'none', response: z.looseObject({ openapi: z.string() }) })
  // Built once, on first request: by then every route is mounted.
  let document: ReturnType<typeof buildOpenApi> | undefined
  app.get('/api/v1/openapi.json', openApi, (c) => c.json((document ??= buildOpenApi(app.routes, VERSION))))
  app.route('/api/docs', docsRoutes())

  app.use('/api/v1/*', noStore, refuseNul)
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
  app.route('/api/v1/evaluators', evaluatorRoutes(deps))
  app.route('/api/v1/datasets', datasetRoutes(deps))
  app.route('/api/v1/experiments', experimentRoutes(deps))
  app.route('/api/v1/monitors', monitorRoutes(deps))
  app.route('/api/v1/channels', channelRoutes(deps))
  app.route('/api/v1/deliveries', deliveryRoutes(deps))

  // OTLP/HTTP: SDKs post to <base>/v1/traces; the default endpoint is this server's port.
  app.use('/v1/*', noStore, authenticate(store, now))
  const otlp = otlpRoutes(deps)
  app.route('/v1/traces', otlp)
  app.route('/api/v1/otel/v1/traces', otlp)

  mount?.(app, deps)
  return app
}

export type SightlineApp = ReturnType<typeof createApp>
