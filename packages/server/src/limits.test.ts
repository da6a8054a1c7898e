import { MAX_METRIC_CELLS, MAX_RANGE_DAYS } from '@sightline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { metricsFixture } from './store/metrics-contract'
import { T0 } from './store/store-contract'
import { testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const H = 3_600_000
const D = 24 * H
type ErrorBody = { error: { message: string; issues: { path: (string | number)[]; message: string }[] } }
type MetricsBody = {
  interval: string
  series: { group: string | null; points: { t: string }[] }[]
  previous?: { series: { points: unknown[] }[] }
}

async function viewToken() {
  return ((await (await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view' })).json()) as { token: string }).token
}

/** 400 naming `field`, with a message that names the limit. */
async function expectRefused(res: Response, field: string, limit: RegExp) {
  expect(res.status).toBe(400)
  const { error } = (await res.json()) as ErrorBody
  const issue = error.issues.find((i) => i.path.join('.') === field)
  expect(issue, JSON.stringify(error.issues)).toBeDefined()
  expect(issue!.message).toMatch(limit)
}

describe('metrics answer within a bounded size', () => {
  it('refuse a range past the limit before doing any work', async () => {
    ctx = await testApp()
    const token = await viewToken()
    const res = await ctx.call(
      'GET',
      '/api/v1/metrics?metrics=count,latency.p95&from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z&groupBy=name&compare=previous',
      token,
    )
    await expectRefused(res, 'from', new RegExp(`${MAX_RANGE_DAYS} days`))
  })

  it('coarsen "auto" to weeks and months so buckets × groups × periods fit', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, metricsFixture())
    const token = await viewToken()
    const metrics = async (qs: string) =>
      (await (
        await ctx.call('GET', `/api/v1/metrics?metrics=count&from=${T0 - 9 * 365 * D}&to=${T0 + D}&${qs}`, token)
      ).json()) as MetricsBody
    const weekly = await metrics('groupBy=name')
    expect(weekly.interval).toBe('1w')
    // weeks start on Monday: T0 (a Thursday) falls in the week of 2025-12-29
    expect(weekly.series[0]!.points.at(-1)!.t).toBe('2025-12-29T00:00:00.000Z')
    const monthly = await metrics('groupBy=name&limit=100&compare=previous')
    expect(monthly.interval).toBe('1mo')
    expect(monthly.series[0]!.points.at(-1)!.t).toBe('2026-01-01T00:00:00.000Z')
    const cells = [...monthly.series, ...monthly.previous!.series].reduce((n, s) => n + s.points.length, 0)
    expect(cells).toBeLessThanOrEqual(MAX_METRIC_CELLS)
  })

  it('refuse an explicit interval whose answer would be too big, naming the limit', async () => {
    ctx = await testApp()
    const res = await ctx.call(
      'GET',
      `/api/v1/metrics?metrics=count&from=${T0}&to=${T0 + 30 * D}&interval=1h&groupBy=name&limit=100&compare=previous`,
      ctx.keys.p1,
    )
    await expectRefused(res, 'interval', new RegExp(`limit of ${MAX_METRIC_CELLS}`))
    const metrics = Array.from({ length: 31 }, (_, i) => `score.s${i}.avg`).join(',')
    await expectRefused(await ctx.call('GET', `/api/v1/metrics?metrics=${metrics}`, ctx.keys.p1), 'metrics', /at most 30 metrics/)
  })
})

describe('every other request is bounded too', () => {
  it('caps repeated filters, list parameters and items per request', async () => {
    ctx = await testApp()
    const many = (name: string) => Array.from({ length: 21 }, (_, i) => `${name}${i}=x`).join('&')
    const tags = Array.from({ length: 21 }, (_, i) => `tag=t${i}`).join('&')
    await expectRefused(await ctx.call('GET', `/api/v1/traces?${tags}`, ctx.keys.p1), 'tag', /at most 20/)
    await expectRefused(await ctx.call('GET', `/api/v1/traces?${many('metadata.k')}`, ctx.keys.p1), 'metadata', /at most 20/)
    await expectRefused(await ctx.call('GET', `/api/v1/metrics?metrics=count&${many('score.s')}`, ctx.keys.p1), 'score', /at most 20/)
    const long = 'n'.repeat(300)
    expect((await ctx.call('GET', `/api/v1/scores?name=${long}`, ctx.keys.p1)).status).toBe(400)
    const filters = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`metadata.k${i}`, 'v']))
    await expectRefused(await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view', filters }), 'filters', /at most 30/)
    const config = (await (await ctx.call('POST', '/api/v1/score-configs', ctx.keys.p1, { name: 'ok', dataType: 'boolean' })).json()) as {
      id: string
    }
    const queue = (await (await ctx.call('POST', '/api/v1/queues', ctx.keys.p1, { name: 'q', scoreConfigIds: [config.id] })).json()) as {
      id: string
    }
    const scores = Array.from({ length: 51 }, () => ({ name: 'ok', value: true }))
    const complete = await ctx.call('POST', `/api/v1/queues/${queue.id}/items/x/complete`, ctx.keys.p1, { reviewer: 'r', scores })
    await expectRefused(complete, 'scores', /at most 50/)
  })
})
