import { FEEDBACK_BODY_MAX_BYTES, feedbackRequestSchema, feedbackResponseSchema, type JsonValue } from '@sightline/core'
import { getConnInfo } from '@hono/node-server/conninfo'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv, AuthContext } from '../auth/auth-context'
import type { AppDeps } from '../app-deps'
import { ApiHttpError } from '../http-errors'
import { describe } from '../openapi/describe'
import { feedbackName, feedbackValue } from '../services/feedback-names'
import { createRateLimiter } from '../services/rate-limit'
import { writeBatch } from '../services/write'
import { invalid } from '../validation'

const send = describe({
  summary: 'End-user feedback from browsers: the same id updates it, `retract` deletes it',
  description: `Stored as a \`source: feedback\` score. CORS for allowed origins; \`text/plain\` bodies are read as JSON too, so \`navigator.sendBeacon\` works. Bodies from browsers are at most ${FEEDBACK_BODY_MAX_BYTES} bytes.`,
  access: 'feedback',
  body: feedbackRequestSchema,
  bodyContent: { 'text/plain': { schema: { type: 'string', description: 'the same JSON, for navigator.sendBeacon' } } },
  response: feedbackResponseSchema,
})

const forbidden = (message: string) => new ApiHttpError(403, 'forbidden', message)

/** Where the request came from, for rate limiting; in-process requests have no socket. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local'
  } catch {
    return 'local'
  }
}

/** Public keys only work from pages on allowed origins (or the server's own); tokens and secret keys anywhere. */
function checkOrigin(c: Context, auth: AuthContext, ownOrigins: readonly string[]) {
  if (auth.kind !== 'public') return
  if (auth.requireToken) throw forbidden('this public key requires a feedback token; mint one with POST /api/v1/tokens')
  const origin = c.req.header('origin')
  // Browsers name the page's origin on every POST, sendBeacon's included: a request without one is no page's.
  if (!origin)
    throw forbidden(
      'a public key works only from a browser page on an allowed origin, and this request names none (no Origin header); send feedback from a server with the secret key',
    )
  if (ownOrigins.includes(origin) || auth.origins.includes(origin)) return
  throw forbidden(`origin ${origin} is not allowed for this public key; add it to SIGHTLINE_ALLOWED_ORIGINS`)
}

/** A feedback token scores only the traces and names it was minted for. */
function checkScope(auth: AuthContext, traceId: string, name: string) {
  if (auth.kind === 'token') {
    const { claims } = auth
    if (claims.k !== 'feedback') throw forbidden('only a feedback token can send feedback')
    if (!claims.traceIds?.includes(traceId)) throw forbidden(`this token may not score trace ${traceId}`)
    if (claims.names && !claims.names.includes(name)) throw forbidden(`this token may not send scores named ${name}`)
  }
}

/**
 * End-user feedback from browsers: public key (allowed origins, rate limited) or feedback
 * token. Stored as `source = feedback` scores; a re-sent id updates, `retract` deletes.
 */
export function feedbackRoutes({ store, config, now }: AppDeps) {
  const limiter = createRateLimiter({ perMinute: config.feedbackPerMinute, burst: config.feedbackBurst, now })
  const browserLimit = bodyLimit({
    maxSize: FEEDBACK_BODY_MAX_BYTES,
    onError: () => {
      throw new ApiHttpError(413, 'payload_too_large', `feedback from a browser is at most ${FEEDBACK_BODY_MAX_BYTES} bytes`)
    },
  })
  /** Browser credentials send small bodies; the secret key keeps the server's limit. */
  const smallFromBrowsers: MiddlewareHandler<AppEnv> = (c, next) => (c.get('auth').kind === 'secret' ? next() : browserLimit(c, next))

  return new Hono<AppEnv>().post('/', send, smallFromBrowsers, async (c) => {
    const auth = c.get('auth')
    checkOrigin(c, auth, config.ownOrigins)
    if (auth.kind !== 'secret') {
      const credential = auth.kind === 'token' ? JSON.stringify(auth.claims) : auth.projectId
      const wait = limiter.take(`${credential}|${clientAddress(c)}`)
      if (wait)
        throw new ApiHttpError(429, 'rate_limited', `too much feedback; retry in ${wait} s`, undefined, { 'retry-after': String(wait) })
    }
    const f = await send.body(c)
    checkScope(auth, f.traceId, f.name)
    const { projectId } = auth
    const existing = await store.getScore(projectId, f.id)
    if (existing && (existing.source !== 'feedback' || existing.traceId !== f.traceId || existing.name !== f.name))
      throw forbidden(`score ${f.id} is not this trace's ${f.name} feedback`)

    if (f.retract) {
      if (existing) await store.deleteScore(projectId, f.id)
      return c.json({ id: f.id, status: 'retracted' as const })
    }

    const value = f.value!
    const declared = await feedbackName(store, projectId, f.name)
    const fit = feedbackValue(declared, value, f.metadata)
    if ('issue' in fit) throw invalid(fit.issue.path, fit.issue.message)
    const { dataType } = fit
    if (f.dataType && f.dataType !== dataType) throw invalid(['dataType'], `${f.name} holds ${dataType} values`)
    const extra: Record<string, JsonValue> = {}
    // A declared numeric range is the rating's scale, so feedback polarity reads it as declared.
    if (!declared.builtIn && declared.config.min != null && declared.config.max != null)
      extra.scale = { min: declared.config.min, max: declared.config.max }
    if (f.reasons?.length) extra.reasons = f.reasons
    const metadata = Object.keys(extra).length ? { ...f.metadata, ...extra } : (f.metadata ?? null)
    await writeBatch(
      store,
      projectId,
      {
        traces: [],
        spans: [],
        scores: [
          {
            id: f.id,
            traceId: f.traceId,
            spanId: f.spanId ?? null,
            name: f.name,
            dataType,
            value,
            comment: f.comment ?? null,
            correction: f.correction ?? undefined,
            source: 'feedback',
            authorId: f.authorId ?? null,
            metadata,
          },
        ],
      },
      now(),
    )
    return c.json({ id: f.id, status: 'stored' as const })
  })
}
