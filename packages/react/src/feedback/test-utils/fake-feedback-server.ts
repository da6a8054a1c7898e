import type { Health } from '@sightline/core'
import { createFeedback, memoryStorage, type FeedbackClient, type FeedbackPayload } from '@sightline/feedback'
import { vi } from 'vitest'

/** How the fake server answers: 'ok' (200), 'network' (fetch rejects) or an HTTP error status. */
export type FakeAnswer = 'ok' | 'network' | number

/**
 * A stand-in for `POST /api/v1/feedback` that records bodies; `answer` may change mid-test.
 * `GET /api/health` (the client's look after a network failure) reports `origin`.
 */
export function fakeFeedbackServer(answer: FakeAnswer = 'ok') {
  const server = {
    answer,
    origin: null as Health['origin'],
    bodies: [] as FeedbackPayload[],
    fetch: vi.fn(async (url: string, init?: RequestInit): Promise<Response> => {
      if (url.endsWith('/api/health'))
        return new Response(JSON.stringify({ status: 'ok', version: '0', storage: 'sqlite', origin: server.origin }))
      const body = JSON.parse(String(init?.body)) as FeedbackPayload
      server.bodies.push(body)
      if (server.answer == 'network') throw new TypeError('Failed to fetch')
      const status = server.answer == 'ok' ? 200 : server.answer
      const reply = status == 200 ? { id: body.id, status: 'stored' } : { error: { code: 'validation_failed', message: 'refused' } }
      return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } })
    }),
  }
  return server
}

/** A client on the fake server with its own memory storage, so tests never share votes. */
export function fakeClient(server = fakeFeedbackServer()): FeedbackClient {
  return createFeedback({
    endpoint: 'https://sightline.test',
    publicKey: 'pk-sl-test',
    fetch: server.fetch,
    storage: memoryStorage(),
    userId: 'u1',
  })
}
