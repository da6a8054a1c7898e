import { createClient, type SightlineClient } from '@sightline/core'
import { Hono, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { isLoopbackHost } from '../config'
import { ApiHttpError } from '../http-errors'
import { noStore } from '../security-headers'
import { jsonBody, parseWith } from '../validation'
import { buildExchange, DEMO_MODELS } from './demo-data'
import { hashString, seededRandom } from './fake-model'

const tokenQuerySchema = z.strictObject({
  environment: z.string().min(1).max(256).optional(),
  expiresIn: z.coerce.number<string>().int().min(1).max(3600).default(900),
})

const chatSchema = z.strictObject({
  sessionId: z.string().min(1).max(256),
  message: z.string().min(1).max(4000),
  userId: z.string().min(1).max(256).default('demo-user'),
})

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return null // Origin: null (sandboxed frames, files) is nobody's own page
  }
}

/**
 * Only the demo's own pages may call it. Browsers name a request's source in Sec-Fetch-Site, and
 * in Origin on every POST and cross-origin request; a request with neither comes from outside a
 * browser. Unless the demo is public, the host must be a loopback name too, so a page whose DNS
 * name is rebound to 127.0.0.1 does not pass for one of the demo's own.
 */
function ownPagesOnly(anyHost: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const own =
      (site === undefined || site === 'same-origin' || site === 'none') &&
      (origin === undefined || hostOf(origin) === url.host) &&
      (anyHost || isLoopbackHost(url.hostname))
    if (!own)
      throw new ApiHttpError(
        403,
        'forbidden',
        'the demo backend answers its own pages only (same origin, on this machine unless --demo-public)',
      )
    await next()
  }
}

/**
 * The playground's stand-in for a customer's backend (mounted only with --demo). It holds the
 * secret key server-side, answers chat with the fake model and traces each exchange through the
 * typed client, mints short-lived view tokens, manages evaluators, datasets, experiments, monitors and channels for their pages, and hands
 * out the public key for feedback widgets, so the browser never sees the secret key. It mints tokens for whoever asks, hence
 * `ownPagesOnly`.
 */
export function demoRoutes(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  demo: { secretKey: string; publicKey: string; reviewQueueId: string; anyHost: boolean },
) {
  const client: SightlineClient = createClient({
    baseUrl: 'http://sightline.internal',
    secretKey: demo.secretKey,
    fetch: async (url, init) => app.fetch(new Request(url, init)),
  })
  /** Forwards a page's request to the API with the secret key instead of the page's credentials. */
  const manage = async (req: Request) => {
    const url = new URL(req.url)
    url.pathname = url.pathname.replace(/^.*?\/manage\//, '/')
    const headers = new Headers({ authorization: `Bearer ${demo.secretKey}` })
    const type = req.headers.get('content-type')
    if (type) headers.set('content-type', type)
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : await req.text()
    return app.fetch(new Request(url, { method: req.method, headers, body }))
  }
  return (
    new Hono<AppEnv>()
      // It answers with keys and tokens.
      .use(noStore, ownPagesOnly(demo.anyHost))
      .post('/chat', async (c) => {
        const { sessionId, message, userId } = await jsonBody(c, chatSchema)
        const traceId = crypto.randomUUID().replace(/-/g, '')
        const rnd = seededRandom(hashString(message))
        const { spans, answer } = buildExchange({
          traceId,
          name: 'rag-qa',
          question: message,
          start: Date.now(),
          model: DEMO_MODELS[1],
          rnd,
        })
        await client.ingest({
          traces: [
            {
              id: traceId,
              name: 'playground-chat',
              userId,
              sessionId,
              environment: 'playground',
              release: 'dev',
              metadata: { plan: 'pro', region: 'eu' },
              input: message,
              output: answer,
            },
          ],
          spans,
        })
        return c.json({ traceId, answer })
      })
      // A host app would narrow its viewers; the demo lets the page ask, to show that tokens hold.
      .get('/token', async (c) => {
        const { environment, expiresIn } = parseWith(tokenQuerySchema, c.req.query(), ['query'])
        return c.json(await client.createToken({ kind: 'view', expiresIn, ...(environment && { filters: { environment } }) }))
      })
      // Public keys are meant for browsers: the playground's feedback widgets use this one.
      .get('/config', (c) => c.json({ publicKey: demo.publicKey, reviewQueueId: demo.reviewQueueId }))
      // What an internal tool's backend does for its signed-in admins: manage evaluators, datasets,
      // experiments, monitors and channels with the secret key it keeps, for pages that hold none. Nothing else passes.
      .all('/manage/api/v1/:resource{evaluators|datasets|experiments|monitors|channels|deliveries}/*', (c) => manage(c.req.raw))
      .all('/manage/api/v1/:resource{evaluators|datasets|experiments|monitors|channels|deliveries}', (c) => manage(c.req.raw))
      // What an internal tool's backend does for its signed-in reviewer.
      .get('/annotate-token', async (c) => {
        const { reviewer } = parseWith(z.strictObject({ reviewer: z.string().min(1).max(256).default('demo-reviewer') }), c.req.query(), [
          'query',
        ])
        return c.json(await client.createToken({ kind: 'annotate', reviewer, queueIds: [demo.reviewQueueId], expiresIn: 3600 }))
      })
  )
}
