import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { deliver, parseRetryAfter, slackMessage } from './deliver'
import type { Resolver } from './destination'
import { generateSecret, verify } from './standard-webhooks'

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

const SECRET = generateSecret()
const PAYLOAD = {
  type: 'monitor.fired',
  monitor: { id: 'mon_1', name: 'Latency p95', metric: 'latency.p95' },
  state: 'firing',
  value: 2.3456,
  baseline: 1.2,
  samples: 120,
  window: '5m',
  link: 'http://sightline.example/monitors/mon_1',
}

// A real receiver on loopback: it checks signatures with verify(), as a user's endpoint would.
let server: Server
let base: string
let port: number
const received: Received[] = []
const seenIds = new Set<string>()
const routes: Record<string, (req: Received, res: ServerResponse) => void> = {
  '/ok': (req, res) => {
    try {
      verify({ headers: req.headers, body: req.body, secret: SECRET })
    } catch (error) {
      res.writeHead(401).end(String(error))
      return
    }
    // Idempotent by webhook-id, as the spec asks of receivers.
    const id = String(req.headers['webhook-id'])
    const repeat = seenIds.has(id)
    seenIds.add(id)
    res.writeHead(200, { 'content-type': 'text/plain' }).end(repeat ? 'duplicate, ignored' : 'ok')
  },
  '/accept': (_req, res) => res.writeHead(200).end('ok'),
  '/fail': (_req, res) => res.writeHead(500).end('internal error'),
  '/bad-request': (_req, res) => res.writeHead(400).end('no such event type'),
  '/gone': (_req, res) => res.writeHead(410).end('endpoint deleted'),
  '/busy': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
  '/down': (_req, res) => res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
  '/moved': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/big': (_req, res) => res.writeHead(200).end('x'.repeat(100_000)),
  '/hang': () => {}, // never answers
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const entry = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(entry)
      const route = routes[entry.path]
      if (route) route(entry, res)
      else res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

afterEach(() => {
  received.length = 0
  vi.unstubAllEnvs()
})

const now = () => Math.floor(Date.now() / 1000)
const send = (path: string, extra: Partial<Parameters<typeof deliver>[0]> = {}) =>
  deliver({
    url: `${base}${path}`,
    kind: 'webhook',
    id: 'dlv_1',
    timestamp: now(),
    payload: PAYLOAD,
    secrets: [SECRET],
    allowPrivate: true,
    ...extra,
  })

describe('deliver (webhook)', () => {
  it('posts the JSON payload with Standard Webhooks headers the receiver verifies', async () => {
    const result = await send('/ok', { id: 'dlv_ok' })
    expect(result).toMatchObject({ ok: true, status: 200, gone: false, retryable: false, responseSnippet: 'ok' })
    expect(result.error).toBeUndefined()
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
    const [request] = received
    expect(JSON.parse(request!.body)).toEqual(PAYLOAD)
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'dlv_ok',
      'user-agent': expect.stringContaining('Sightline'),
    })
    expect(request!.headers['webhook-signature']).toMatch(/^v1,\S+$/)
  })

  it('keeps the id across attempts so the receiver can drop repeats; each attempt has its own timestamp', async () => {
    const first = await send('/ok', { id: 'dlv_repeat', timestamp: now() - 10 })
    const second = await send('/ok', { id: 'dlv_repeat' })
    expect([first.responseSnippet, second.responseSnippet]).toEqual(['ok', 'duplicate, ignored'])
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['dlv_repeat', 'dlv_repeat'])
    expect(received[0]!.headers['webhook-timestamp']).not.toBe(received[1]!.headers['webhook-timestamp'])
  })

  it('signs with both secrets while rotating: a receiver on either verifies', async () => {
    const next = generateSecret()
    await send('/accept', { id: 'dlv_rot', secrets: [next, SECRET] })
    const [request] = received
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const secret of [next, SECRET]) expect(verify({ headers: request!.headers, body: request!.body, secret })).toBe(true)
  })

  it('a wrong secret is a 401 from the receiver: a failure, not retried', async () => {
    const result = await send('/ok', { secrets: [generateSecret()] })
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      failure: 'status',
      retryable: false,
      gone: false,
      error: 'the receiver answered 401',
    })
    expect(result.responseSnippet).toContain('no webhook-signature matches')
  })

  it('500 is retryable, 400 is not', async () => {
    expect(await send('/fail')).toMatchObject({ ok: false, status: 500, retryable: true, gone: false, responseSnippet: 'internal error' })
    expect(await send('/bad-request')).toMatchObject({ ok: false, status: 400, retryable: false, responseSnippet: 'no such event type' })
  })

  it('410 Gone says to disable the channel', async () => {
    expect(await send('/gone')).toMatchObject({
      ok: false,
      status: 410,
      gone: true,
      retryable: false,
      error: expect.stringContaining('410 Gone'),
    })
  })

  it('429 and 503 carry Retry-After (seconds or a date)', async () => {
    expect(await send('/busy')).toMatchObject({ ok: false, status: 429, retryable: true, retryAfterMs: 120_000 })
    const down = await send('/down')
    expect(down).toMatchObject({ ok: false, status: 503, retryable: true })
    expect(down.retryAfterMs).toBeGreaterThan(50_000)
    expect(down.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect((await send('/fail')).retryAfterMs).toBeUndefined()
  })

  it('does not follow a redirect: one request, a failure naming the target', async () => {
    const result = await send('/moved')
    expect(result).toMatchObject({ ok: false, status: 302, failure: 'redirect', retryable: false })
    expect(result.error).toBe(
      'the receiver redirected (302) to http://169.254.169.254/latest/meta-data/; redirects are not followed, update the channel URL',
    )
    expect(received).toHaveLength(1)
  })

  it('times out a receiver that never answers, as retryable', async () => {
    const result = await send('/hang', { timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, status: null, failure: 'timeout', retryable: true, error: 'no answer within 300 ms' })
    expect(result.durationMs).toBeGreaterThanOrEqual(250)
    expect(result.durationMs).toBeLessThan(5_000)
  })

  it('a refused connection is a retryable network failure', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await deliver({
      url: `http://127.0.0.1:${closedPort}/`,
      kind: 'webhook',
      id: 'dlv_x',
      payload: {},
      secrets: [SECRET],
      allowPrivate: true,
    })
    expect(result).toMatchObject({
      ok: false,
      status: null,
      failure: 'network',
      retryable: true,
      error: expect.stringContaining('ECONNREFUSED'),
    })
  })

  it('keeps only the start of a long response', async () => {
    const result = await send('/big')
    expect(result.ok).toBe(true)
    expect(result.responseSnippet).toBe('x'.repeat(500))
  })

  it('refuses loopback unless private destinations are allowed, by option or environment', async () => {
    const refused = await send('/ok', { allowPrivate: false })
    expect(refused).toMatchObject({ ok: false, status: null, failure: 'refused', retryable: false })
    expect(refused.error).toBe('127.0.0.1 is a loopback address; set SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS=1 to allow')
    vi.stubEnv('SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS', '')
    expect(await deliver({ url: `${base}/ok`, kind: 'webhook', id: 'dlv_env', payload: PAYLOAD, secrets: [SECRET] })).toMatchObject({
      failure: 'refused',
    })
    vi.stubEnv('SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS', '1')
    expect(await deliver({ url: `${base}/ok`, kind: 'webhook', id: 'dlv_env', payload: PAYLOAD, secrets: [SECRET] })).toMatchObject({
      ok: true,
    })
    expect(received).toHaveLength(1)
  })

  it('connects to the address it checked: the name is resolved once, and never by the system', async () => {
    let lookups = 0
    const resolve: Resolver = async (hostname) => {
      lookups++
      // A rebinding resolver: a second answer would differ.
      return lookups === 1 && hostname === 'receiver.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]
    }
    const result = await deliver({
      url: `http://receiver.test:${port}/ok`,
      kind: 'webhook',
      id: 'dlv_pin',
      payload: PAYLOAD,
      secrets: [SECRET],
      allowPrivate: true,
      resolve,
    })
    expect(result).toMatchObject({ ok: true, status: 200 })
    expect(lookups).toBe(1)
    expect(received[0]!.headers.host).toBe(`receiver.test:${port}`)
  })

  it('reports a name that does not resolve as retryable', async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' })
    }
    expect(
      await deliver({
        url: 'https://hooks.example.com/',
        kind: 'webhook',
        id: 'd',
        payload: {},
        secrets: [SECRET],
        allowPrivate: false,
        resolve,
      }),
    ).toMatchObject({
      ok: false,
      failure: 'unresolvable',
      retryable: true,
      error: 'could not resolve hooks.example.com (EAI_AGAIN)',
    })
  })

  it('works through an injected fetch, with redirects still not followed', async () => {
    const fetchSpy = vi.fn(globalThis.fetch)
    expect(await send('/ok', { id: 'dlv_fetch', fetch: fetchSpy })).toMatchObject({ ok: true, status: 200, responseSnippet: 'ok' })
    expect(fetchSpy.mock.calls[0]![1]).toMatchObject({ method: 'POST', redirect: 'manual' })
    expect(await send('/moved', { fetch: fetchSpy })).toMatchObject({ ok: false, status: 302, failure: 'redirect' })
    expect(await send('/hang', { fetch: fetchSpy, timeoutMs: 300 })).toMatchObject({ failure: 'timeout', retryable: true })
    expect(received.filter((r) => r.path === '/moved')).toHaveLength(1)
  })

  it('a webhook without a secret, or a payload JSON cannot hold, is a configuration failure', async () => {
    expect(await send('/ok', { secrets: [] })).toMatchObject({
      ok: false,
      failure: 'config',
      retryable: false,
      error: expect.stringContaining('secret'),
    })
    expect(await send('/ok', { payload: { n: 1n } })).toMatchObject({ ok: false, failure: 'config', retryable: false })
    expect(received).toHaveLength(0)
  })
})

describe('deliver (slack)', () => {
  it('posts an incoming-webhook message without signature headers', async () => {
    const result = await deliver({
      url: `${base}/accept`,
      kind: 'slack',
      id: 'dlv_s',
      payload: PAYLOAD,
      secrets: [SECRET],
      allowPrivate: true,
    })
    expect(result).toMatchObject({ ok: true, status: 200 })
    const [request] = received
    expect(JSON.parse(request!.body)).toEqual(slackMessage(PAYLOAD))
    expect(request!.headers['content-type']).toBe('application/json')
    expect(Object.keys(request!.headers).filter((h) => h.startsWith('webhook-'))).toEqual([])
  })
})

describe('slackMessage', () => {
  it('has a title, value vs baseline, samples, window and a link back', () => {
    const message = slackMessage(PAYLOAD)
    expect(message.text).toBe(
      [
        ':rotating_light: *Latency p95* is firing',
        '`latency.p95` value *2.346* vs baseline 1.2',
        '120 samples · window 5m',
        '<http://sightline.example/monitors/mon_1|Open in Sightline>',
      ].join('\n'),
    )
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: ':rotating_light: *Latency p95* is firing\n`latency.p95` value *2.346* vs baseline 1.2' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '120 samples · window 5m' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open in Sightline' }, url: 'http://sightline.example/monitors/mon_1' },
        ],
      },
    ])
  })

  it('reads a Standard Webhooks envelope and a monitor event: resolved, group, window bounds, null values', () => {
    const message = slackMessage({
      type: 'monitor.resolved',
      timestamp: '2026-12-02T18:00:00Z',
      data: {
        monitorName: 'Negative feedback',
        kind: 'resolved',
        group: 'gpt-4o',
        value: null,
        baseline: 0.05,
        samples: 1,
        windowStart: '2026-12-02T17:55:00Z',
        windowEnd: '2026-12-02T18:00:00Z',
      },
    })
    expect(message.text).toBe(
      [
        ':white_check_mark: *Negative feedback* (gpt-4o) resolved',
        'value *n/a* vs baseline 0.05',
        '1 sample · window 2026-12-02 17:55 UTC – 2026-12-02 18:00 UTC',
      ].join('\n'),
    )
    expect(message.blocks?.map((b) => b.type)).toEqual(['section', 'context'])
  })

  it('escapes mrkdwn in names and drops links that are not http(s)', () => {
    const message = slackMessage({ monitor: { name: '<!channel> & <http://evil|click>' }, state: 'firing', link: 'javascript:alert(1)' })
    expect(message.text).toBe(':rotating_light: *&lt;!channel&gt; &amp; &lt;http://evil|click&gt;* is firing')
    expect(message.blocks).toHaveLength(1)
    expect(slackMessage({ link: 'https://x.example/a|b>c' }).text).toContain('<https://x.example/a%7Cb%3Ec|Open in Sightline>')
    expect(slackMessage({}).text).toBe(':bell: *A monitor* changed state')
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores the rest', () => {
    const now = Date.parse('2026-12-02T18:00:00Z')
    expect(parseRetryAfter('30', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 02 Dec 2026 18:01:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfter('Wed, 02 Dec 2026 17:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
