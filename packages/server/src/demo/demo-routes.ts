import { createClient, type SightlineClient } from '@sightline/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
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

/**
 * The playground's stand-in for a customer's backend (mounted only with --demo). It holds the
 * secret key server-side, answers chat with the fake model and traces each exchange through the
 * typed client, mints short-lived view tokens, and hands out the public key for feedback widgets,
 * so the browser never sees the secret key.
 */
export function demoRoutes(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  demo: { secretKey: string; publicKey: string; reviewQueueId: string },
) {
  const client: SightlineClient = createClient({
    baseUrl: 'http://sightline.internal',
    secretKey: demo.secretKey,
    fetch: async (url, init) => app.fetch(new Request(url, init)),
  })
  return new Hono<AppEnv>()
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
    // What an internal tool's backend does for its signed-in reviewer.
    .get('/annotate-token', async (c) => {
      const { reviewer } = parseWith(z.strictObject({ reviewer: z.string().min(1).max(256).default('demo-reviewer') }), c.req.query(), ['query'])
      return c.json(await client.createToken({ kind: 'annotate', reviewer, queueIds: [demo.reviewQueueId], expiresIn: 3600 }))
    })
}
