import { describe, expect, it } from 'vitest'
import { createClient } from '../client/create-client'
import { parseMetricsQuery } from './metrics-query'
import { metricsQueryToParams, prepareTimeRange } from './prepare-query'

const FROM = Date.UTC(2026, 10, 19)
const TO = Date.UTC(2026, 10, 26)

describe('metricsQueryToParams', () => {
  it('writes the parameters parseMetricsQuery reads back', () => {
    const params = metricsQueryToParams({
      metrics: ['count', 'latency.p95', 'score.helpfulness.avg'],
      from: FROM,
      to: new Date(TO),
      interval: '1d',
      tz: 'Europe/Berlin',
      groupBy: 'metadata.plan',
      limit: 5,
      compare: 'previous',
      filters: { environment: 'production', tag: ['a', 'b'], metadata: { region: 'us' }, from: 1 },
    })
    expect(params.toString()).toBe(
      'metrics=count%2Clatency.p95%2Cscore.helpfulness.avg&from=2026-11-19T00%3A00%3A00.000Z&to=2026-11-26T00%3A00%3A00.000Z' +
        '&interval=1d&tz=Europe%2FBerlin&groupBy=metadata.plan&limit=5&compare=previous&environment=production&tag=a&tag=b&metadata.region=us',
    )
    const parsed = parseMetricsQuery(params)
    expect(parsed).toEqual({
      success: true,
      data: {
        metrics: ['count', 'latency.p95', 'score.helpfulness.avg'],
        from: FROM,
        to: TO,
        interval: '1d',
        tz: 'Europe/Berlin',
        groupBy: 'metadata.plan',
        limit: 5,
        compare: 'previous',
        filters: { environment: 'production', tag: ['a', 'b'], metadata: { region: 'us' } },
      },
    })
  })

  it('uses the filters’ time range when the request has none, and leaves out what is not given', () => {
    expect(metricsQueryToParams({ metrics: ['count'], filters: { from: FROM } }).toString()).toBe(
      'metrics=count&from=2026-11-19T00%3A00%3A00.000Z',
    )
    expect(metricsQueryToParams({ metrics: ['count'], from: '2026-11-20T00:00:00Z' }).get('from')).toBe('2026-11-20T00:00:00Z')
  })

  it('is what client.getMetrics requests', async () => {
    const urls: string[] = []
    const client = createClient({
      baseUrl: 'http://sightline.test/',
      token: 'slt_x',
      fetch: async (url) => {
        urls.push(url)
        return new Response(
          JSON.stringify({ interval: '1h', from: '', to: '', series: [], totals: {}, percentiles: { relativeError: 0.01 } }),
        )
      },
    })
    const res = await client.getMetrics({ metrics: ['count'], groupBy: 'environment', filters: { status: 'error' } })
    expect(urls).toEqual(['http://sightline.test/api/v1/metrics?metrics=count&groupBy=environment&status=error'])
    expect(res.interval).toBe('1h')
  })
})

describe('prepareTimeRange', () => {
  it('ends at the next whole minute and picks an interval per preset', () => {
    const now = Date.UTC(2026, 10, 26, 12, 30, 15)
    const end = Date.UTC(2026, 10, 26, 12, 31)
    expect(prepareTimeRange('24h', now)).toEqual({ from: end - 86_400_000, to: end, interval: '1h', label: 'Last 24 hours' })
    expect(prepareTimeRange('7d', now)).toMatchObject({ from: end - 7 * 86_400_000, interval: '6h' })
    expect(prepareTimeRange('30d', now)).toMatchObject({ from: end - 30 * 86_400_000, interval: '1d' })
  })
})
