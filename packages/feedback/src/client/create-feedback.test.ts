import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiError, deferred, fakeServer, json, type Responder, setOnline, setVisibility, settle } from '../test-utils/fake-server'
import { createFeedback, memoryStorage } from './create-feedback'
import type { FeedbackChange, FeedbackClient, FeedbackEventMap, FeedbackOptions, FeedbackStorage } from './types'

const ENDPOINT = 'https://sl.test'
const URL_ = 'https://sl.test/api/v1/feedback'
const KEY = 'pk-sl-test'

let clients: FeedbackClient[] = []

function setup(options: Partial<FeedbackOptions> & { respond?: Responder } = {}) {
  const { respond, ...rest } = options
  const server = fakeServer(respond)
  // `storage: undefined` given on purpose means the client's default.
  const storage = 'storage' in rest ? rest.storage : memoryStorage()
  const client = createFeedback({ endpoint: ENDPOINT, publicKey: KEY, fetch: server.fetch, ...rest, storage })
  clients.push(client)
  return { client, server, storage }
}

function record<E extends keyof FeedbackEventMap>(client: FeedbackClient, event: E): FeedbackEventMap[E][] {
  const seen: FeedbackEventMap[E][] = []
  client.on(event, (d) => seen.push(d))
  return seen
}

beforeEach(() => {
  vi.useFakeTimers()
  localStorage.clear()
  // Refusals warn; the tests that care read the calls.
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  clients.forEach((c) => c.destroy())
  clients = []
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('options', () => {
  it('needs exactly one credential', () => {
    expect(() => createFeedback({ endpoint: '' })).toThrow(TypeError)
    expect(() => createFeedback({ endpoint: '', publicKey: KEY, token: 'slt_x' })).toThrow(TypeError)
  })

  it('posts JSON with the bearer credential to {endpoint}/api/v1/feedback', async () => {
    const { client, server } = setup({ endpoint: 'https://sl.test/' })
    await client.vote('t1', true)
    await client.flush()
    expect(server.requests).toEqual([
      {
        url: URL_,
        authorization: `Bearer ${KEY}`,
        contentType: 'application/json',
        keepalive: true,
        body: { id: expect.stringMatching(/^fb_[0-9a-f]{16}$/), traceId: 't1', name: 'user_feedback', value: true },
      },
    ])
  })

  it('uses the same origin when endpoint is ""', async () => {
    const { client, server } = setup({ endpoint: '' })
    await client.vote('t1', 1)
    await client.flush()
    expect(server.requests[0]!.url).toBe('/api/v1/feedback')
  })

  it('asks getToken before each send', async () => {
    let n = 0
    const getToken = vi.fn(async () => `slt_${++n}`)
    const { client, server } = setup({ publicKey: undefined, getToken })
    await client.vote('t1', true)
    await client.flush()
    await client.vote('t2', true)
    await client.flush()
    expect(server.requests.map((r) => r.authorization)).toEqual(['Bearer slt_1', 'Bearer slt_2'])
  })

  it('sends the fields of a vote and the host user as authorId', async () => {
    const { client, server } = setup({ userId: 'user-7' })
    await client.vote('t1', 2, {
      name: 'rating',
      spanId: 's1',
      comment: 'too long',
      reasons: ['verbose'],
      correction: 'short answer',
      metadata: { scale: { min: 1, max: 5 } },
    })
    await client.flush()
    expect(server.bodies()[0]).toEqual({
      id: expect.any(String),
      traceId: 't1',
      spanId: 's1',
      name: 'rating',
      value: 2,
      comment: 'too long',
      reasons: ['verbose'],
      correction: 'short answer',
      metadata: { scale: { min: 1, max: 5 } },
      authorId: 'user-7',
    })
  })

  it('refuses values the server would reject, before queueing them', async () => {
    const { client } = setup()
    await expect(client.vote('t1', false, { comment: 'x'.repeat(2001) })).rejects.toThrow(RangeError)
    await expect(client.vote('t1', false, { correction: 'x'.repeat(10_001) })).rejects.toThrow(RangeError)
    await expect(client.vote('t1', false, { reasons: Array.from({ length: 21 }, (_, i) => `r${i}`) })).rejects.toThrow(RangeError)
    await expect(client.vote('t1', Number.NaN)).rejects.toThrow(RangeError)
    expect(client.pending()).toBe(0)
  })

  it('falls back to localStorage by default and to memory when storage is null', async () => {
    setOnline(false)
    const stored = () => Array.from({ length: localStorage.length }, (_, i) => localStorage.getItem(localStorage.key(i)!)).join()
    const a = setup({ storage: undefined })
    await a.client.vote('t1', true)
    expect(stored()).toContain('"t1"')

    const b = setup({ storage: null, endpoint: 'https://other.test' })
    await b.client.vote('t2', true)
    expect(b.client.pending()).toBe(1)
    expect(stored()).not.toContain('"t2"')
  })
})

describe('idempotent toggle', () => {
  it('sends every change of one answer as an update of one score id', async () => {
    const { client, server } = setup()
    for (const value of [true, false, true]) {
      await client.vote('t1', value)
      await client.flush()
    }
    const ids = new Set(server.bodies().map((b) => b.id))
    expect(ids.size).toBe(1)
    expect(server.bodies().map((b) => b.value)).toEqual([true, false, true])
  })

  it('retracts when the active value is toggled again', async () => {
    const { client, server } = setup()
    await client.toggle('t1', true)
    expect(client.current('t1')).toBe(true)
    await client.flush()
    await client.toggle('t1', true)
    expect(client.current('t1')).toBeUndefined()
    await client.flush()
    await client.toggle('t1', false)
    expect(client.current('t1')).toBe(false)
    await client.flush()

    const [up, retract, down] = server.bodies()
    expect(retract).toEqual({ id: up!.id, traceId: 't1', name: 'user_feedback', retract: true })
    expect(down).toMatchObject({ id: up!.id, value: false })
  })

  it('retract sends only the id, trace, span and name', async () => {
    const { client, server } = setup()
    await client.retract('t1', { name: 'helpful', spanId: 's1' })
    await client.flush()
    expect(server.bodies()).toEqual([{ id: expect.any(String), traceId: 't1', spanId: 's1', name: 'helpful', retract: true }])
  })

  it('gives different answers, names and users different ids', async () => {
    const { client, server, storage } = setup({ userId: 'u1' })
    await client.vote('t1', true)
    await client.vote('t1', true, { spanId: 's1' })
    await client.vote('t1', true, { name: 'accuracy' })
    await client.vote('t2', true)
    const other = setup({ userId: 'u2', storage, fetch: server.fetch })
    await other.client.vote('t1', true)
    await client.flush()
    await other.client.flush()
    expect(new Set(server.bodies().map((b) => b.id)).size).toBe(5)
  })

  it('never makes two scores when two code paths vote on the same answer', async () => {
    const storage = memoryStorage()
    const one = setup({ storage })
    const two = setup({ storage, fetch: one.server.fetch })
    await one.client.vote('t1', true)
    await two.client.vote('t1', false)
    await one.client.flush()
    await two.client.flush()
    expect(new Set(one.server.bodies().map((b) => b.id)).size).toBe(1)
    expect(one.client.current('t1')).toBe(false)
    expect(two.client.current('t1')).toBe(false)
  })

  it('keeps an anonymous id in storage when the host app names no user', async () => {
    const storage = memoryStorage()
    const first = setup({ storage })
    await first.client.vote('t1', true)
    await first.client.flush()
    first.client.destroy()
    const second = setup({ storage })
    await second.client.vote('t1', false)
    await second.client.flush()
    expect(second.server.bodies()[0]!.id).toBe(first.server.bodies()[0]!.id)
    expect(first.server.bodies()[0]!.authorId).toBeUndefined()
  })

  it('emits change with the local view, and stops after unsubscribe', async () => {
    const { client } = setup()
    const changes = record(client, 'change')
    await client.vote('t1', true)
    await client.retract('t1')
    expect(changes.map((c) => [c.traceId, c.name, c.value])).toEqual([
      ['t1', 'user_feedback', true],
      ['t1', 'user_feedback', undefined],
    ])
    const seen: unknown[] = []
    const off = client.on('change', (c) => seen.push(c))
    off()
    await client.vote('t1', false)
    expect(seen).toEqual([])
  })
})

describe('status', () => {
  const statuses = (changes: FeedbackChange[]) => changes.map((c) => [c.value, c.status])

  it('is pending until the server has the vote, then sent; an accepted retraction leaves none', async () => {
    const hold = deferred<Response>()
    const { client } = setup({ respond: (_, n) => (n === 0 ? hold.promise : 'ok') })
    const changes = record(client, 'change')
    expect(client.state('t1')).toEqual({})
    await client.vote('t1', true)
    await settle()
    expect(client.state('t1')).toMatchObject({ value: true, status: 'pending' })
    hold.resolve(json(200, {}))
    await client.flush()
    expect(client.state('t1')).toMatchObject({ value: true, status: 'sent' })
    await client.retract('t1')
    await client.flush()
    expect(statuses(changes)).toEqual([
      [true, 'pending'],
      [true, 'sent'],
      [undefined, 'pending'],
      [undefined, undefined],
    ])
  })

  it('stays pending while retrying and after a beacon, which confirms nothing', async () => {
    const sendBeacon = vi.fn(() => true)
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true })
    try {
      const { client } = setup({ respond: () => 'network' })
      const changes = record(client, 'change')
      await client.vote('t1', false)
      await settle()
      await vi.advanceTimersByTimeAsync(5000)
      window.dispatchEvent(new Event('pagehide'))
      expect(sendBeacon).toHaveBeenCalled()
      expect(client.state('t1')).toMatchObject({ value: false, status: 'pending' })
      expect(statuses(changes)).toEqual([[false, 'pending']])
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon
    }
  })

  it('takes a refused vote back, says why, and warns once per client', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client } = setup({ respond: () => apiError(401, 'unauthorized', 'API key is not valid') })
    const changes = record(client, 'change')
    await client.vote('t1', true)
    await client.vote('t2', false)
    await client.flush()
    const error = { code: 'unauthorized', message: 'API key is not valid', status: 401 }
    expect(client.state('t1')).toEqual({ status: 'failed', error })
    expect(client.current('t1')).toBeUndefined()
    expect(changes.filter((c) => c.traceId == 't1').map((c) => [c.value, c.status, c.error])).toEqual([
      [true, 'pending', undefined],
      [undefined, 'failed', error],
    ])
    expect(warn.mock.calls).toEqual([['Sightline feedback refused: API key is not valid']])

    // The next vote starts afresh; another client warns for itself.
    await client.vote('t1', false)
    expect(client.state('t1')).toEqual({ value: false, status: 'pending' })
    const other = setup({ endpoint: 'https://other.test', respond: () => apiError(401, 'unauthorized', 'token expired') })
    await other.client.vote('t1', true)
    await other.client.flush()
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      'Sightline feedback refused: API key is not valid',
      'Sightline feedback refused: token expired',
    ])
  })

  it('keeps a newer change queued behind a refused one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const hold = deferred<Response>()
    const { client } = setup({ respond: (_, n) => (n === 0 ? hold.promise : 'ok') })
    await client.vote('t1', true)
    await settle()
    const changes = record(client, 'change')
    await client.vote('t1', false)
    hold.resolve(apiError(400, 'validation_failed', 'no'))
    await client.flush()
    expect(statuses(changes)).toEqual([
      [false, 'pending'],
      [false, 'pending'],
      [false, 'sent'],
    ])
  })

  it('gives the same state object until the vote changes', async () => {
    const { client } = setup()
    const before = client.state('t1')
    expect(client.state('t1')).toBe(before)
    await client.vote('t1', true)
    const pending = client.state('t1')
    expect(pending).not.toBe(before)
    expect(client.state('t1')).toBe(pending)
    expect(client.state('t1', { name: 'other' })).not.toBe(pending)
  })
})

describe('origin not allowed', () => {
  const origin = {
    value: 'https://app.example',
    allowed: false,
    message: "This page's origin (https://app.example) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS",
  }

  it('asks health after a network failure and drops the vote with what to change, without retrying', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client, server } = setup({ respond: () => 'network' })
    server.origin = origin
    const errors = record(client, 'error')
    await client.vote('t1', true)
    await settle()
    expect(server.probes).toEqual([`${ENDPOINT}/api/health`])
    expect(errors.map((e) => e.error)).toEqual([{ code: 'origin_not_allowed', message: origin.message }])
    expect(client.state('t1')).toMatchObject({ status: 'failed' })
    expect(client.pending()).toBe(0)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(server.requests).toHaveLength(1)
    expect(warn.mock.calls).toEqual([[`Sightline feedback refused: ${origin.message}`]])
  })

  it('keeps retrying when health allows the origin, cannot tell, or does not answer', async () => {
    for (const answer of [{ ...origin, allowed: true }, null]) {
      const { client, server } = setup({ endpoint: `https://sl-${answer ? 'a' : 'b'}.test`, respond: () => 'network' })
      server.origin = answer
      await client.vote('t1', true)
      await settle()
      expect(server.probes).toHaveLength(1)
      expect(client.state('t1')).toMatchObject({ status: 'pending' })
    }
    const down = setup({
      endpoint: 'https://down.test',
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await down.client.vote('t1', true)
    await settle()
    expect(down.client.state('t1')).toMatchObject({ status: 'pending' })
  })
})

describe('retries', () => {
  it('backs off exponentially with full jitter on network errors', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { client, server } = setup({ respond: (_, n) => (n < 4 ? 'network' : 'ok') })
    const sent = record(client, 'sent')
    await client.vote('t1', true)
    await settle()
    expect(server.requests).toHaveLength(1)
    // Delays: random × min(60 s, 1 s × 2^attempt) = 0.5 s, 1 s, 2 s, 4 s.
    for (const [delay, calls] of [
      [500, 2],
      [1000, 3],
      [2000, 4],
      [4000, 5],
    ] as const) {
      await vi.advanceTimersByTimeAsync(delay - 1)
      expect(server.requests).toHaveLength(calls - 1)
      await vi.advanceTimersByTimeAsync(1)
      expect(server.requests).toHaveLength(calls)
    }
    expect(sent).toHaveLength(1)
    expect(client.pending()).toBe(0)
  })

  it('keeps each delay within [0, cap) and caps growth at 60 s', async () => {
    const delays: number[] = []
    const realSetTimeout = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0)
      return realSetTimeout(fn, ms)
    }) as typeof setTimeout)
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999999)
    const { client } = setup({ respond: () => 'network' })
    await client.vote('t1', true)
    await settle()
    for (let i = 0; i < 9; i++) await vi.runOnlyPendingTimersAsync()
    expect(delays.length).toBeGreaterThanOrEqual(9)
    const caps = [1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000)
    caps.forEach((cap, i) => {
      expect(delays[i]).toBeLessThan(cap)
      expect(delays[i]).toBeGreaterThan(cap * 0.99)
    })
    random.mockReturnValue(0)
    await vi.runOnlyPendingTimersAsync()
    expect(delays.at(-1)).toBe(0)
  })

  it.each([500, 502, 503, 408, 429])('retries on %i', async (status) => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { client, server } = setup({ respond: (_, n) => (n === 0 ? apiError(status, 'internal') : 'ok') })
    const errors = record(client, 'error')
    await client.vote('t1', true)
    await settle()
    await settle()
    expect(server.requests).toHaveLength(2)
    expect(errors).toEqual([])
    expect(client.pending()).toBe(0)
  })

  it('honours Retry-After in seconds', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { client, server } = setup({
      respond: (_, n) => (n === 0 ? json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '7' }) : 'ok'),
    })
    await client.vote('t1', true)
    await settle()
    await vi.advanceTimersByTimeAsync(6999)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After as an HTTP date', async () => {
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const { client, server } = setup({
      respond: (_, n) => (n === 0 ? json(503, {}, { 'retry-after': 'Tue, 01 Jan 2030 00:00:30 GMT' }) : 'ok'),
    })
    await client.vote('t1', true)
    await settle()
    await vi.advanceTimersByTimeAsync(29_999)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(2)
  })

  it('flush() skips the backoff wait', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9)
    const { client, server } = setup({ respond: (_, n) => (n === 0 ? 'network' : 'ok') })
    await client.vote('t1', true)
    await settle()
    await client.flush()
    expect(server.requests).toHaveLength(2)
    expect(client.pending()).toBe(0)
  })

  it('retries when getToken fails', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const getToken = vi.fn().mockRejectedValueOnce(new Error('offline backend')).mockResolvedValue('slt_ok')
    const { client, server } = setup({ publicKey: undefined, getToken })
    await client.vote('t1', true)
    await settle()
    await settle()
    expect(server.requests.map((r) => r.authorization)).toEqual(['Bearer slt_ok'])
  })

  it.each([
    [400, 'validation_failed'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
  ])('drops the op with an error event on %i and goes on with the next', async (status, code) => {
    const { client, server } = setup({ respond: (_, n) => (n === 0 ? apiError(status, code, 'no') : 'ok') })
    const errors = record(client, 'error')
    const sent = record(client, 'sent')
    await client.vote('t1', true)
    await client.vote('t2', true)
    await client.flush()
    expect(errors).toEqual([{ payload: expect.objectContaining({ traceId: 't1' }), error: { code, message: 'no', status } }])
    expect(sent.map((s) => s.payload.traceId)).toEqual(['t2'])
    expect(server.requests).toHaveLength(2)
    expect(client.pending()).toBe(0)
  })

  it('names the status when a 4xx has no error body', async () => {
    const { client } = setup({ respond: () => new Response('nope', { status: 404, statusText: 'Not Found' }) })
    const errors = record(client, 'error')
    await client.vote('t1', true)
    await client.flush()
    expect(errors[0]!.error).toEqual({ code: 'http_404', message: 'Not Found', status: 404 })
  })
})

describe('queue', () => {
  it('is written to storage before anything is sent, and stays there until sent', async () => {
    const hold = deferred<Response>()
    const storage = memoryStorage()
    const setItem = vi.spyOn(storage, 'setItem')
    const { client, server } = setup({ storage, respond: () => hold.promise })
    await client.vote('t1', true)
    await settle()
    expect(server.requests).toHaveLength(1)
    const queueWrite = setItem.mock.calls.findIndex(([, v]) => v.includes('"op"'))
    expect(setItem.mock.invocationCallOrder[queueWrite]).toBeLessThan(server.fetch.mock.invocationCallOrder[0]!)
    expect(client.pending()).toBe(1)
    hold.resolve(json(200, {}))
    await client.flush()
    expect(client.pending()).toBe(0)
  })

  it('coalesces queued updates of one score into the latest', async () => {
    setOnline(false)
    const { client, server } = setup()
    const queued = record(client, 'queued')
    await client.vote('t1', true)
    await client.vote('t2', true)
    await client.vote('t1', false)
    await client.vote('t1', false, { reasons: ['wrong'] })
    expect(queued).toHaveLength(4)
    expect(client.pending()).toBe(2)

    setOnline(true)
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(server.bodies().map((b) => [b.traceId, b.value, b.reasons])).toEqual([
      ['t1', false, ['wrong']],
      ['t2', true, undefined],
    ])
  })

  it('sends an update made while the older one is in flight, after it', async () => {
    const hold = deferred<Response>()
    const { client, server } = setup({ respond: (_, n) => (n === 0 ? hold.promise : 'ok') })
    await client.vote('t1', true)
    await settle()
    await client.vote('t1', false)
    expect(client.pending()).toBe(1)
    hold.resolve(json(200, {}))
    await client.flush()
    expect(server.bodies().map((b) => b.value)).toEqual([true, false])
    expect(client.pending()).toBe(0)
  })

  it('sends ops one at a time, in order', async () => {
    const holds = [deferred<Response>(), deferred<Response>(), deferred<Response>()]
    const { client, server } = setup({ respond: (_, n) => holds[n]!.promise })
    for (const t of ['a', 'b', 'c']) await client.vote(t, true)
    for (let i = 0; i < 3; i++) {
      await settle()
      expect(server.requests).toHaveLength(i + 1)
      holds[i]!.resolve(json(200, {}))
    }
    await settle()
    expect(server.bodies().map((b) => b.traceId)).toEqual(['a', 'b', 'c'])
  })

  it('drops the oldest op with an error beyond queueLimit', async () => {
    setOnline(false)
    const { client } = setup({ queueLimit: 3 })
    const errors = record(client, 'error')
    for (const t of ['t1', 't2', 't3', 't4', 't5']) await client.vote(t, true)
    expect(client.pending()).toBe(3)
    expect(errors.map((e) => [e.payload.traceId, e.error.code])).toEqual([
      ['t1', 'queue_full'],
      ['t2', 'queue_full'],
    ])
    // Dropped votes are taken back rather than shown as given.
    expect(client.state('t1')).toMatchObject({ status: 'failed', error: { code: 'queue_full' } })
  })

  it('keeps going in memory when storage refuses writes', async () => {
    setOnline(false)
    const storage = memoryStorage()
    const { client } = setup({ storage })
    await client.vote('t1', true)
    vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    await client.vote('t2', true)
    expect(client.pending()).toBe(2)
    expect(client.current('t1')).toBe(true)
  })

  it('ignores a corrupt stored queue', () => {
    const storage = memoryStorage()
    storage.setItem(`sightline-feedback:${ENDPOINT}|${KEY}:`, '{not json')
    const { client } = setup({ storage })
    expect(client.pending()).toBe(0)
  })

  it('does not stall when a listener throws', async () => {
    const { client, server } = setup()
    client.on('queued', () => {
      throw new Error('listener bug')
    })
    await client.vote('t1', true)
    await client.flush()
    expect(server.requests).toHaveLength(1)
    expect(client.pending()).toBe(0)
    // The listener's error still surfaces, as an uncaught error of its own.
    await expect(settle()).rejects.toThrow('listener bug')
  })
})

describe('reloads', () => {
  it('a new client sends what an earlier page left, exactly once', async () => {
    const storage = memoryStorage()
    setOnline(false)
    const old = setup({ storage })
    await old.client.vote('t1', false, { comment: 'wrong year' })
    await old.client.vote('t2', true)
    old.client.destroy()
    setOnline(true)

    const fresh = setup({ storage })
    expect(fresh.client.current('t1')).toBe(false)
    await fresh.client.flush()
    await vi.runAllTimersAsync()
    expect(fresh.server.bodies().map((b) => [b.traceId, b.value, b.comment])).toEqual([
      ['t1', false, 'wrong year'],
      ['t2', true, undefined],
    ])
    expect(old.server.requests).toEqual([])

    const later = setup({ storage })
    await later.client.flush()
    expect(later.server.requests).toEqual([])
  })

  it('sends a queued op with the token it was made under', async () => {
    const storage = memoryStorage()
    setOnline(false)
    const old = setup({ storage, publicKey: undefined, token: 'slt_old' })
    await old.client.vote('t1', true)
    old.client.destroy()
    setOnline(true)

    const fresh = setup({ storage, publicKey: undefined, token: 'slt_new' })
    await fresh.client.vote('t2', true)
    await fresh.client.flush()
    expect(fresh.server.requests.map((r) => [r.body.traceId, r.authorization])).toEqual([
      ['t1', 'Bearer slt_old'],
      ['t2', 'Bearer slt_new'],
    ])
  })

  it('keeps queues of different servers apart', async () => {
    const storage = memoryStorage()
    setOnline(false)
    const a = setup({ storage })
    await a.client.vote('t1', true)
    const b = setup({ storage, endpoint: 'https://other.test' })
    expect(b.client.pending()).toBe(0)
    expect(b.client.current('t1')).toBeUndefined()
  })
})

describe('page hide', () => {
  let sendBeacon: ReturnType<typeof vi.fn<(url: string, data?: BodyInit | null) => boolean>>

  beforeEach(() => {
    sendBeacon = vi.fn<(url: string, data?: BodyInit | null) => boolean>(() => true)
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true })
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
  })

  afterEach(() => {
    delete (navigator as { sendBeacon?: unknown }).sendBeacon
  })

  async function beacons() {
    return Promise.all(
      // A string body goes as text/plain;charset=UTF-8.
      sendBeacon.mock.calls.map(async ([url, data]) => ({ url, type: typeof data, body: JSON.parse(data as string) })),
    )
  }

  async function stuck(options: Parameters<typeof setup>[0] = {}) {
    const setup_ = setup({ respond: () => 'network', ...options })
    await setup_.client.vote('t1', false, { reasons: ['wrong'] })
    await setup_.client.vote('t2', true)
    await settle()
    expect(setup_.client.pending()).toBe(2)
    return setup_
  }

  it('flushes the queue with sendBeacon on pagehide', async () => {
    const { client } = await stuck()
    const sent = record(client, 'sent')
    window.dispatchEvent(new Event('pagehide'))
    expect(await beacons()).toEqual([
      {
        url: `${URL_}?key=${KEY}`,
        type: 'string',
        body: expect.objectContaining({ traceId: 't1', value: false, reasons: ['wrong'] }),
      },
      { url: `${URL_}?key=${KEY}`, type: 'string', body: expect.objectContaining({ traceId: 't2' }) },
    ])
    expect(sent.map((s) => [s.payload.traceId, s.beacon])).toEqual([
      ['t1', true],
      ['t2', true],
    ])
    // A beacon reports no delivery, so the ops stay queued for an idempotent re-send.
    expect(client.pending()).toBe(2)
  })

  it('re-sends beaconed ops on the next page, so a lost beacon loses no vote', async () => {
    const storage = memoryStorage()
    const old = setup({ storage, respond: () => 'network' })
    await old.client.vote('t1', false)
    await settle()
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    old.client.destroy()

    const next = setup({ storage })
    await next.client.flush()
    expect(next.server.bodies().map((b) => [b.id, b.traceId, b.value])).toEqual([[expect.stringMatching(/^fb_/), 't1', false]])
    expect(next.server.bodies()[0]!.id).toBe(JSON.parse(sendBeacon.mock.calls[0]![1] as string).id)
    expect(next.client.pending()).toBe(0)
  })

  it('re-sends by fetch when the page is shown again', async () => {
    let down = true
    const { client } = await stuck({ respond: () => (down ? 'network' : 'ok') })
    setVisibility('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    down = false
    setVisibility('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.runAllTimersAsync()
    expect(client.pending()).toBe(0)
  })

  it('flushes on visibilitychange to hidden only', async () => {
    const { client } = await stuck()
    setVisibility('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(sendBeacon).not.toHaveBeenCalled()
    setVisibility('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(sendBeacon).toHaveBeenCalledTimes(2)
    expect(client.pending()).toBe(2)
  })

  it('keeps ops the browser would not take for the next page', async () => {
    sendBeacon.mockReturnValue(false)
    const { client } = await stuck()
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    expect(client.pending()).toBe(2)
  })

  it('uses the last token getToken gave, URL-encoded', async () => {
    let calls = 0
    const { client } = await stuck({ publicKey: undefined, getToken: () => `slt_a+b/${++calls}` })
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon.mock.calls[0]![0]).toBe(`${URL_}?key=${encodeURIComponent(`slt_a+b/${calls}`)}`)
    expect(client.pending()).toBe(2)
  })

  it('stops listening once destroyed', async () => {
    const { client } = await stuck()
    client.destroy()
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).not.toHaveBeenCalled()
  })
})

describe('offline', () => {
  it('waits while offline and resumes on the online event', async () => {
    setOnline(false)
    const { client, server } = setup()
    const sent = record(client, 'sent')
    await client.vote('t1', true)
    await client.flush()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(server.requests).toEqual([])
    expect(client.pending()).toBe(1)

    setOnline(true)
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(server.requests).toHaveLength(1)
    expect(sent).toHaveLength(1)
    expect(client.pending()).toBe(0)
  })

  it('does not beacon while offline', async () => {
    const sendBeacon = vi.fn(() => true)
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true })
    try {
      setOnline(false)
      const { client } = setup()
      await client.vote('t1', true)
      window.dispatchEvent(new Event('pagehide'))
      expect(sendBeacon).not.toHaveBeenCalled()
      expect(client.pending()).toBe(1)
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon
    }
  })
})

// Compile-time: storage accepts the Web Storage API.
const _storage: FeedbackStorage = localStorage
void _storage
