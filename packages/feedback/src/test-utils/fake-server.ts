import type { Health } from '@sightline/core'
import { vi } from 'vitest'
import type { FeedbackPayload } from '../client/types'

export interface SeenRequest {
  url: string
  authorization: string | null
  contentType: string | null
  keepalive: boolean | undefined
  body: FeedbackPayload
}

/** What the fake server does with the nth request (0-based): a reply, 'ok' (200), or a network failure. */
export type Responder = (request: SeenRequest, n: number) => Answer | Promise<Answer>
type Answer = Response | 'ok' | 'network'

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

export const apiError = (status: number, code: string, message = code) => json(status, { error: { code, message } })

/**
 * An in-memory stand-in for `POST /api/v1/feedback`: records requests, answers 200 unless told.
 * `GET /api/health` (the client's look after a network failure) answers with `origin`, and is
 * counted in `probes` rather than `requests`.
 */
export function fakeServer(respond?: Responder) {
  const requests: SeenRequest[] = []
  const probes: string[] = []
  const server = { origin: null as Health['origin'] }
  const fetch = vi.fn(async (url: string, init?: RequestInit): Promise<Response> => {
    if (url.endsWith('/api/health')) {
      probes.push(url)
      return json(200, { status: 'ok', version: '0', storage: 'sqlite', origin: server.origin })
    }
    const headers = new Headers(init?.headers)
    const request: SeenRequest = {
      url,
      authorization: headers.get('authorization'),
      contentType: headers.get('content-type'),
      keepalive: init?.keepalive,
      body: JSON.parse(String(init?.body)),
    }
    requests.push(request)
    const answer = (await respond?.(request, requests.length - 1)) ?? 'ok'
    if (answer === 'network') throw new TypeError('Failed to fetch')
    if (answer === 'ok') return json(200, { id: request.body.id, status: request.body.retract ? 'retracted' : 'stored' })
    return answer
  })
  return Object.assign(server, { fetch, requests, probes, bodies: () => requests.map((r) => r.body) })
}

/** A promise with its resolve exposed, to hold a request in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets queued promise callbacks and zero-delay timers run (fake timers stay in control). */
export const settle = () => vi.advanceTimersByTimeAsync(0)

export function setOnline(online: boolean): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online)
}

export function setVisibility(state: DocumentVisibilityState): void {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state)
}
