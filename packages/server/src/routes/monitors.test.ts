import { afterEach, describe, expect, it } from 'vitest'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

// biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely; the routes' own schemas are tested elsewhere
type Json = Record<string, any>
const json = async (res: Response) => (await res.json()) as Json
const issuesOf = async (res: Response) => ((await json(res)).error.issues as { path: (string | number)[] }[]).map((i) => i.path.join('.'))
const H0 = Date.UTC(2026, 0, 5)
const HOUR = 3_600_000

const monitor = {
  name: 'thumbs-down',
  metric: 'feedback.negativeRate',
  window: '1h',
  condition: { kind: 'threshold', op: '>', value: 0.2 },
  minSamples: 10,
}

describe('monitors and channels over HTTP', () => {
  it('validate metrics, groups, windows and channels, naming the field', async () => {
    ctx = await testApp({ now: () => H0, config: { allowPrivateWebhooks: true } })
    const call = (method: string, path: string, body?: unknown, key: string | null = ctx.keys.p1) => ctx.call(method, path, key, body)
    expect(await issuesOf(await call('POST', '/api/v1/monitors', { ...monitor, metric: 'vibes' }))).toEqual(['metric'])
    expect(await issuesOf(await call('POST', '/api/v1/monitors', { ...monitor, groupBy: 'colour' }))).toEqual(['groupBy'])
    expect(
      await issuesOf(await call('POST', '/api/v1/monitors', { ...monitor, window: '5m', condition: { kind: 'anomaly', direction: 'up' } })),
    ).toEqual(['window'])
    expect(await issuesOf(await call('POST', '/api/v1/monitors', { ...monitor, channelIds: ['nope'] }))).toEqual(['channelIds.0'])
    expect(await issuesOf(await call('POST', '/api/v1/monitors', { ...monitor, timeZone: 'Mars/Olympus' }))).toEqual(['timeZone'])
    expect(await issuesOf(await call('POST', '/api/v1/channels', { name: 'x', kind: 'webhook', url: 'ftp://x' }))).toEqual(['url'])
    const channel = await json(await call('POST', '/api/v1/channels', { name: 'hook', kind: 'webhook', url: 'http://127.0.0.1:9/hook' }))
    expect(channel.secret).toMatch(/^whsec_/)
    expect((await json(await call('GET', `/api/v1/channels/${channel.id}`))).secret).toBeUndefined()
    const rotated = await json(await call('POST', `/api/v1/channels/${channel.id}/rotate-secret`))
    expect(rotated.secret).not.toBe(channel.secret)
    const m = await json(await call('POST', '/api/v1/monitors', { ...monitor, channelIds: [channel.id] }))
    expect(m).toMatchObject({ cooldownMinutes: 60, timeZone: 'UTC', active: true, series: [], lastEvaluatedAt: null })
    expect((await json(await call('PATCH', `/api/v1/monitors/${m.id}`, { timeZone: 'Europe/Berlin' }))).timeZone).toBe('Europe/Berlin')
    expect((await json(await call('GET', '/api/v1/monitors'))).data.map((x: Json) => x.id)).toEqual([m.id])
    expect((await json(await call('PATCH', `/api/v1/monitors/${m.id}`, { active: false }))).active).toBe(false)
    expect((await json(await call('GET', `/api/v1/monitors/${m.id}/events`))).data).toEqual([])
    // view tokens read monitors but not channels (they hold secrets), and write nothing
    const { token } = await json(await call('POST', '/api/v1/tokens', { kind: 'view' }))
    expect((await call('GET', '/api/v1/monitors', undefined, token)).status).toBe(200)
    expect((await call('GET', '/api/v1/channels', undefined, token)).status).toBe(403)
    expect((await call('POST', '/api/v1/monitors', monitor, token)).status).toBe(403)
    expect((await call('DELETE', `/api/v1/monitors/${m.id}`)).status).toBe(204)
    expect((await call('GET', `/api/v1/monitors/${m.id}`)).status).toBe(404)
  })

  it('a private webhook destination is refused unless the server allows it', async () => {
    ctx = await testApp({ now: () => H0 })
    const res = await ctx.call('POST', '/api/v1/channels', ctx.keys.p1, { name: 'x', kind: 'webhook', url: 'http://127.0.0.1:9/hook' })
    expect(res.status).toBe(400)
    expect((await json(res)).error.message).toContain('SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS')
  })

  it('backtest replays the detector over history: when it would have fired and resolved', async () => {
    ctx = await testApp({ now: () => H0 + 10 * HOUR })
    const call = (method: string, path: string, body?: unknown) => ctx.call(method, path, ctx.keys.p1, body)
    // hours 0–9: 20 votes each; hours 3 and 4 have 10 thumbs-down, the rest 1
    const traces = []
    const scores = []
    for (let h = 0; h < 10; h++)
      for (let i = 0; i < 20; i++) {
        traces.push({ id: `h${h}-${i}`, name: 'chat', startTime: H0 + h * HOUR + i * 1000 })
        scores.push({ traceId: `h${h}-${i}`, name: 'user_feedback', value: !(h === 3 || h === 4 ? i < 10 : i < 1), source: 'feedback' })
      }
    await call('POST', '/api/v1/ingest', { traces, scores })
    const res = await json(
      await call('POST', '/api/v1/monitors/backtest', { monitor: { ...monitor, cooldownMinutes: 0 }, from: H0, to: H0 + 10 * HOUR }),
    )
    // fires on hour 3; two clear windows (5, 6) resolve it at the end of hour 6
    expect(res.alerts).toEqual([
      {
        group: null,
        start: new Date(H0 + 3 * HOUR).toISOString(),
        end: new Date(H0 + 7 * HOUR).toISOString(),
        peak: 0.5,
        baseline: 0.2,
        samples: 20, // the peak window's votes
      },
    ])
    expect(res.series[0].points).toHaveLength(10)
    expect(res.series[0].points.filter((p: Json) => p.breach).map((p: Json) => p.t)).toEqual([
      new Date(H0 + 4 * HOUR).toISOString(),
      new Date(H0 + 5 * HOUR).toISOString(),
    ])
    expect(await issuesOf(await call('POST', '/api/v1/monitors/backtest', { monitor, from: H0, to: H0 + 40 * 86_400_000 }))).toEqual(['to'])
  })
})
