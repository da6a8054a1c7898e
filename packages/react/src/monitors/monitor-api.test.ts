import { SightlineError } from '@sightline/core'
import { describe, expect, it, vi } from 'vitest'
import { createMonitorApi } from './monitor-api'
import { fakeMonitorServer } from './test-utils/fake-monitor-server'

describe('createMonitorApi', () => {
  it('calls the routes under baseUrl with the given headers, and pages with limit and cursor', async () => {
    const server = fakeMonitorServer()
    const api = createMonitorApi({ baseUrl: '/demo/manage/', fetch: server.fetch, getHeaders: () => ({ authorization: 'Bearer sk-test' }) })
    expect((await api.listMonitors()).map((m) => m.id)).toEqual(['mon-latency', 'mon-errors', 'mon-feedback', 'mon-cost'])
    const first = await api.listMonitorEvents('mon-latency', { limit: 3 })
    expect(first.data).toHaveLength(3)
    expect(first.nextCursor).toBe('3')
    const [url, init] = server.fetch.mock.calls[1]!
    expect(url).toBe('/demo/manage/api/v1/monitors/mon-latency/events?limit=3')
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer sk-test')
    expect((await api.rotateChannelSecret('ch-oncall')).secret).toMatch(/^whsec_/)
    expect((await api.replayDelivery('del-1')).status).toBe('pending')
    await expect(api.deleteMonitor('mon-cost')).resolves.toBeUndefined()
  })

  it('throws SightlineError with the status, code and issues of the error body', async () => {
    const server = fakeMonitorServer()
    const api = createMonitorApi({ baseUrl: '', fetch: server.fetch })
    const error = await api
      .createMonitor({ name: 'x', metric: 'errorRate', window: '5m', condition: { kind: 'anomaly', direction: 'up' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SightlineError)
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      issues: [{ path: ['window'], message: 'anomalies need windows of 1h or more' }],
    })
    await expect(api.getMonitor('nope')).rejects.toMatchObject({ status: 404, code: 'not_found' })
  })

  it('turns a bodiless error and a failed fetch into SightlineErrors', async () => {
    const bare = createMonitorApi({ baseUrl: '', fetch: async () => new Response('oops', { status: 502 }) })
    await expect(bare.listChannels()).rejects.toMatchObject({ status: 502, code: 'internal', message: 'HTTP 502' })
    const down = createMonitorApi({ baseUrl: '', fetch: vi.fn().mockRejectedValue(new TypeError('Failed to fetch')) })
    await expect(down.listChannels()).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})
