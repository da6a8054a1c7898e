import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, SightlineError, SightlineNetworkError } from './create-client'

const PAGE = 'https://app.example'
const SERVER = 'https://sightline.example'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const health = (origin: { value: string; allowed: boolean } | null) => json({ status: 'ok', version: '0', storage: 'sqlite', origin })

/** A fetch on which every API call fails as a CORS refusal does, and health answers with `probe`. */
function blocked(probe: () => Response | Promise<Response>) {
  return vi.fn(async (url: string, _init?: RequestInit) => {
    if (url.endsWith('/api/health') && !url.includes('/v1/')) return probe()
    throw new TypeError('Failed to fetch')
  })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('network failures', () => {
  it('says which origin to add when the server refuses this page (a CORS failure)', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/admin` })
    const fetch = blocked(() => health({ value: PAGE, allowed: false }))
    const client = createClient({ baseUrl: SERVER, token: 'slt_x', fetch })
    const error = await client.listTraces().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SightlineNetworkError)
    expect(error).toBeInstanceOf(SightlineError)
    expect(error).toMatchObject({
      reason: 'origin-not-allowed',
      status: 0,
      code: 'network',
      message: `This page's origin (${PAGE}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`,
    })
    // The probe carries no credential, so the browser sends it without a preflight.
    const [url, init] = fetch.mock.calls[1]!
    expect(url).toBe(`${SERVER}/api/health`)
    expect(new Headers(init?.headers).get('authorization')).toBeNull()
  })

  it('says the server could not be reached when health does not answer either', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/` })
    const client = createClient({ baseUrl: `${SERVER}/`, fetch: blocked(() => Promise.reject(new TypeError('Failed to fetch'))) })
    await expect(client.listTraces()).rejects.toMatchObject({
      name: 'SightlineNetworkError',
      reason: 'unreachable',
      message: `The Sightline server at ${SERVER} could not be reached (Failed to fetch)`,
    })
  })

  it('does not blame the origin when health says it is allowed, or cannot tell', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/` })
    for (const answer of [health({ value: PAGE, allowed: true }), health(null), json({ error: {} }, 500)]) {
      const client = createClient({ baseUrl: SERVER, fetch: blocked(() => answer) })
      await expect(client.getTrace('t1')).rejects.toMatchObject({ reason: 'unreachable' })
    }
  })

  it('does not probe for a same-origin server, which CORS cannot refuse', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/admin` })
    for (const baseUrl of ['', PAGE, '/sightline']) {
      const fetch = blocked(() => health({ value: PAGE, allowed: false }))
      const client = createClient({ baseUrl, fetch })
      await expect(client.listTraces()).rejects.toMatchObject({
        reason: 'unreachable',
        message: `The Sightline server at ${baseUrl || PAGE} could not be reached (Failed to fetch)`,
      })
      expect(fetch).toHaveBeenCalledTimes(1)
    }
  })

  it('does not probe outside a browser page', async () => {
    const fetch = blocked(() => health({ value: PAGE, allowed: false }))
    const client = createClient({ baseUrl: SERVER, fetch })
    await expect(client.listTraces()).rejects.toMatchObject({ reason: 'unreachable' })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('looks once for requests that fail together', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/` })
    const fetch = blocked(() => health({ value: PAGE, allowed: false }))
    const client = createClient({ baseUrl: SERVER, fetch })
    const errors = await Promise.all(
      [client.listTraces(), client.getMetrics({ metrics: ['count'] }), client.listQueues()].map((p) => p.catch((e: unknown) => e)),
    )
    expect(errors.map((e) => (e as SightlineNetworkError).reason)).toEqual([
      'origin-not-allowed',
      'origin-not-allowed',
      'origin-not-allowed',
    ])
    expect(fetch.mock.calls.filter(([url]) => url === `${SERVER}/api/health`)).toHaveLength(1)
  })

  it('passes an abort through untouched', async () => {
    vi.stubGlobal('location', { origin: PAGE, href: `${PAGE}/` })
    const fetch = vi.fn(async () => {
      throw new DOMException('aborted', 'AbortError')
    })
    const client = createClient({ baseUrl: SERVER, fetch })
    await expect(client.listTraces()).rejects.toMatchObject({ name: 'AbortError' })
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})

describe('evaluation-loop routes', () => {
  it('reach the monitor, channel, experiment and evaluator paths with their query strings', async () => {
    const seen: string[] = []
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      seen.push(`${init?.method} ${url}`)
      return url.includes('/monitors/m 1') && init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : json({ data: [], nextCursor: null })
    })
    const client = createClient({ baseUrl: `${SERVER}/manage/`, secretKey: 'sk-sl-x', fetch })
    await client.listMonitorEvents('m1', { limit: 5, cursor: undefined })
    await client.deleteMonitor('m 1')
    await client.backtestMonitor({
      monitor: { name: 'x', metric: 'errorRate', window: '1h', condition: { kind: 'threshold', op: '>', value: 0.1 } },
      from: 1,
      to: 2,
    })
    await client.listDeliveries('c1', { cursor: 'abc' })
    await client.replayDelivery('msg_1')
    await client.compareExperimentItems({ base: 'a', candidate: 'b', change: 'regressed' })
    await client.listEvaluatorRuns('e1', { status: 'error' })
    expect(seen).toEqual([
      `GET ${SERVER}/manage/api/v1/monitors/m1/events?limit=5`,
      `DELETE ${SERVER}/manage/api/v1/monitors/m%201`,
      `POST ${SERVER}/manage/api/v1/monitors/backtest`,
      `GET ${SERVER}/manage/api/v1/channels/c1/deliveries?cursor=abc`,
      `POST ${SERVER}/manage/api/v1/deliveries/msg_1/replay`,
      `GET ${SERVER}/manage/api/v1/experiments/compare/items?base=a&candidate=b&change=regressed`,
      `GET ${SERVER}/manage/api/v1/evaluators/e1/runs?status=error`,
    ])
  })
})
