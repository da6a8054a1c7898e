import type { Channel, ChannelInput, Delivery, Monitor, MonitorInput, MonitorPatch } from '@sightline/core'
import { vi } from 'vitest'
import { backtestFixture, channelListFixture, deliveryFixture, monitorEventFixture, monitorListFixture, NOW } from './fixtures'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const notFound = (what: string) => json(404, { error: { code: 'not_found', message: `${what} not found` } })

function page<T>(items: T[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 50)
  const start = Number(url.searchParams.get('cursor') ?? 0)
  const end = start + limit
  return { data: items.slice(start, end), nextCursor: end < items.length ? String(end) : null }
}

/**
 * Monitors and channels behind a fake `fetch`, close to the server's answers: events and deliveries
 * page with a numeric cursor; create checks what the tests need; create and rotate return a secret.
 */
export function fakeMonitorServer({ eventCount = 7, deliveryCount = 7 }: { eventCount?: number; deliveryCount?: number } = {}) {
  let monitors: Monitor[] = monitorListFixture.map((m) => ({ ...m }))
  let channels: Channel[] = channelListFixture.map((c) => ({ ...c }))
  const events = Array.from({ length: eventCount }, (_, i) => monitorEventFixture(i))
  let deliveries: Delivery[] = Array.from({ length: deliveryCount }, (_, i) => deliveryFixture(i))
  const calls: { method: string; path: string; body: unknown }[] = []
  let secrets = 0

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://sightline.test')
    const method = init?.method ?? 'GET'
    const path = url.pathname.replace(/^.*\/api\/v1/, '')
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined
    calls.push({ method, path: `${path}${url.search}`, body })
    let m: RegExpExecArray | null

    if (path === '/monitors' && method === 'GET') return json(200, { data: monitors })
    if (path === '/monitors' && method === 'POST') {
      const given = body as MonitorInput
      if (given.condition.kind === 'anomaly' && ['1m', '5m', '15m', '30m'].includes(given.window))
        return json(400, {
          error: {
            code: 'validation_failed',
            message: 'invalid monitor',
            issues: [{ path: ['window'], message: 'anomalies need windows of 1h or more' }],
          },
        })
      const created: Monitor = {
        ...monitors[1]!,
        filter: null,
        groupBy: null,
        minSamples: 1,
        channelIds: [],
        cooldownMinutes: 60,
        timeZone: 'UTC',
        active: true,
        ...given,
        condition: given.condition.kind === 'anomaly' ? { sensitivity: 'medium', ...given.condition } : given.condition,
        id: `mon-${monitors.length + 1}`,
        series: [],
        lastEvaluatedAt: null,
      } as Monitor
      monitors = [...monitors, created]
      return json(201, created)
    }
    if (path === '/monitors/backtest' && method === 'POST') return json(200, backtestFixture())
    if ((m = /^\/monitors\/([^/]+)\/events$/.exec(path))) return json(200, page(events, url))
    if ((m = /^\/monitors\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!)
      const found = monitors.find((x) => x.id === id)
      if (!found) return notFound('monitor')
      if (method === 'GET') return json(200, found)
      if (method === 'PATCH') {
        const next = { ...found, ...(body as MonitorPatch) } as Monitor
        monitors = monitors.map((x) => (x.id === id ? next : x))
        return json(200, next)
      }
      if (method === 'DELETE') {
        monitors = monitors.filter((x) => x.id !== id)
        return new Response(null, { status: 204 })
      }
    }
    if (path === '/channels' && method === 'GET') return json(200, { data: channels })
    if (path === '/channels' && method === 'POST') {
      const given = body as ChannelInput
      if (!/^https?:\/\//.test(given.url))
        return json(400, {
          error: {
            code: 'validation_failed',
            message: 'invalid channel',
            issues: [{ path: ['url'], message: 'url must be an http(s) URL' }],
          },
        })
      const created: Channel = {
        id: `ch-${channels.length + 1}`,
        name: given.name,
        kind: given.kind,
        url: given.url,
        disabledReason: null,
        createdAt: new Date(NOW).toISOString(),
      }
      channels = [...channels, created]
      return json(201, { ...created, secret: `whsec_new${++secrets}` })
    }
    if ((m = /^\/channels\/([^/]+)\/rotate-secret$/.exec(path))) {
      const found = channels.find((x) => x.id === decodeURIComponent(m![1]!))
      return found ? json(200, { ...found, secret: `whsec_rotated${++secrets}` }) : notFound('channel')
    }
    if ((m = /^\/channels\/([^/]+)\/deliveries$/.exec(path))) {
      const id = decodeURIComponent(m[1]!)
      return json(
        200,
        page(
          deliveries.filter((d) => d.channelId === id),
          url,
        ),
      )
    }
    if ((m = /^\/channels\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!)
      const found = channels.find((x) => x.id === id)
      if (!found) return notFound('channel')
      if (method === 'GET') return json(200, found)
      if (method === 'PATCH') {
        const { enabled, ...patch } = body as { enabled?: true; name?: string; url?: string }
        const next = { ...found, ...patch, ...(enabled && { disabledReason: null }) }
        channels = channels.map((x) => (x.id === id ? next : x))
        return json(200, next)
      }
      if (method === 'DELETE') {
        channels = channels.filter((x) => x.id !== id)
        return new Response(null, { status: 204 })
      }
    }
    if ((m = /^\/deliveries\/([^/]+)\/replay$/.exec(path))) {
      const id = decodeURIComponent(m[1]!)
      const found = deliveries.find((d) => d.id === id)
      if (!found) return notFound('delivery')
      const next: Delivery = { ...found, status: 'pending', nextAttemptAt: new Date(NOW).toISOString() }
      deliveries = deliveries.map((d) => (d.id === id ? next : d))
      return json(202, next)
    }
    return notFound(path)
  })

  return {
    fetch,
    calls,
    get monitors() {
      return monitors
    },
    get channels() {
      return channels
    },
  }
}
