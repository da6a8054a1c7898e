import { afterEach, describe, expect, it } from 'vitest'
import { metricsFixture } from '../store/metrics-contract'
import { T0 } from '../store/store-contract'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const H = 3_600_000
const range = `from=${T0}&to=${T0 + 4 * H}`

describe('GET /api/v1/metrics', () => {
  it('answers series, totals and the previous period over HTTP', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, metricsFixture())
    const res = await ctx.call(
      'GET',
      `/api/v1/metrics?metrics=count,cost.sum&${range}&interval=1h&groupBy=environment&compare=previous`,
      ctx.keys.p1,
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      series: { group: string; totals: Record<string, number> }[]
      totals: Record<string, number>
      previous: unknown
    }
    expect(body.series.map((s) => [s.group, s.totals.count])).toEqual([
      ['production', 3],
      ['staging', 1],
    ])
    expect(body.totals).toEqual({ count: 4, 'cost.sum': 0.0601 })
    expect(body.previous).toMatchObject({ totals: { count: 0, 'cost.sum': 0 } })
  })

  it('picks an interval for "auto" and defaults to the last 24 hours', async () => {
    ctx = await testApp({ now: () => T0 + 24 * H })
    const body = (await (await ctx.call('GET', '/api/v1/metrics?metrics=count', ctx.keys.p1)).json()) as {
      interval: string
      from: string
      series: { points: unknown[] }[]
    }
    expect(body.interval).toBe('5m')
    expect(body.from).toBe(new Date(T0).toISOString())
    expect(body.series[0]!.points).toHaveLength(288)
  })

  it('names every bad parameter', async () => {
    ctx = await testApp()
    for (const [qs, path] of [
      ['', 'metrics'],
      ['metrics=count,speed', 'metrics'],
      ['metrics=count&tz=Mars/Olympus', 'tz'],
      ['metrics=count&groupBy=colour', 'groupBy'],
      ['metrics=count&interval=7m', 'interval'],
      [`metrics=count&interval=1m&from=${T0}&to=${T0 + 30 * 24 * H}`, 'interval'],
      ['metrics=count&limit=0', 'limit'],
      ['metrics=count&compare=next', 'compare'],
      [`metrics=count&from=${T0 + H}&to=${T0}`, 'from'],
      ['metrics=count&sort=-cost', 'sort'],
      ['metrics=count&environment=', 'environment'],
    ]) {
      const res = await ctx.call('GET', `/api/v1/metrics?${qs}`, ctx.keys.p1)
      expect(res.status, qs).toBe(400)
      const issues = ((await res.json()) as { error: { issues: { path: string[] }[] } }).error.issues
      expect(
        issues.map((i) => i.path.join('.')),
        qs,
      ).toContain(path)
    }
  })

  it('holds a view token to its fixed filters', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, metricsFixture())
    const { token } = (await (
      await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view', filters: { environment: 'staging' } })
    ).json()) as { token: string }
    const body = (await (await ctx.call('GET', `/api/v1/metrics?metrics=count&${range}&environment=production`, token)).json()) as {
      totals: { count: number }
    }
    expect(body.totals.count).toBe(1)
    expect((await ctx.call('GET', `/api/v1/metrics?metrics=count`, ctx.keys.pk1)).status).toBe(403)
    expect((await ctx.call('GET', `/api/v1/metrics?metrics=count`, null)).status).toBe(401)
  })
})
