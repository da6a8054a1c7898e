import { createClient, type MetricSeries, type MetricsResponse } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { MonitoringDashboard, statColumns } from './monitoring-dashboard'

const HOUR = 3_600_000
/** Rendering ten charts takes a while on a busy machine. */
const SLOW = { timeout: 8000 }
const NOW = Date.UTC(2026, 10, 26, 12, 0)

/** A fake metrics endpoint: every metric gets a value per bucket, split by environment when grouped. */
function metricsEndpoint(url: string): MetricsResponse {
  const params = new URL(url, 'http://sightline.test').searchParams
  const metrics = params.get('metrics')!.split(',')
  const from = Date.parse(params.get('from')!)
  const to = Date.parse(params.get('to')!)
  const step = params.get('interval') === '1h' ? HOUR : 6 * HOUR
  const times = Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step)
  const values = (scale: number) =>
    Object.fromEntries(
      metrics.flatMap((m) =>
        m.endsWith('.distribution')
          ? [
              [`${m}.true`, 3 * scale],
              [`${m}.false`, scale],
            ]
          : [[m, m === 'errorRate' || m.endsWith('positiveRate') || m.endsWith('.avg') ? 0.5 : 10 * scale]],
      ),
    )
  const series = (group: string | null, scale: number): MetricSeries => ({
    group,
    points: times.map((t) => ({ t: new Date(t).toISOString(), values: values(scale) })),
    totals: values(scale * times.length),
  })
  const grouped = params.get('groupBy') === 'environment'
  return {
    interval: step === HOUR ? '1h' : '6h',
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    series: grouped ? [series('production', 3), series('staging', 1)] : [series(null, 4)],
    totals: values(4 * times.length),
    ...(params.get('compare') === 'previous' && { previous: { from: '', to: '', totals: values(2 * times.length), series: [] } }),
    percentiles: { relativeError: 0.01 },
  }
}

function renderDashboard(ui: ReactNode) {
  const fetch = vi.fn(async (url: string) => new Response(JSON.stringify(metricsEndpoint(url)), { status: 200 }))
  const client = createClient({ baseUrl: '', fetch })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const result = render(
    <SightlineProvider client={client} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
  const requests = () => fetch.mock.calls.map(([url]) => new URL(url, 'http://sightline.test').searchParams)
  return { ...result, fetch, requests }
}

// ResponsiveContainer measures its box; happy-dom lays nothing out, so give charts a size.
let rect: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  const original = HTMLElement.prototype.getBoundingClientRect
  rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('recharts-responsive-container') ? new DOMRect(0, 0, 480, 220) : original.call(this)
  })
})
afterEach(() => rect.mockRestore())

// A whole dashboard (ten charts, an axe run over all of it) is slow on a busy two-core machine.
describe('MonitoringDashboard', { timeout: 120_000 }, () => {
  it('fetches key figures, series and score distributions for the range, and draws them', async () => {
    const { container, requests } = renderDashboard(
      <MonitoringDashboard now={NOW} timeZone="UTC" defaultRange="24h" scoreNames={['helpfulness']} />,
    )
    const traces = screen.getByRole('group', { name: 'Traces' })
    await waitFor(() => expect(traces).toHaveTextContent('960'), SLOW)
    expect(traces).toHaveTextContent('+100%')
    expect(screen.getByRole('group', { name: 'helpfulness (avg)' })).toHaveTextContent('0.5')

    const sent = requests()
    expect(sent).toHaveLength(3)
    expect(sent[0]!.get('compare')).toBe('previous')
    expect(sent[0]!.get('metrics')).toBe(
      'count,errorRate,latency.p50,latency.p95,tokens.total.sum,cost.sum,feedback.positiveRate,score.helpfulness.avg',
    )
    expect(sent[0]!.get('from')).toBe(new Date(NOW - 24 * HOUR).toISOString())
    expect(sent[0]!.get('to')).toBe(new Date(NOW).toISOString())
    expect(sent[0]!.get('interval')).toBe('1h')
    expect(sent[0]!.get('tz')).toBe('UTC')
    expect(sent[1]!.get('groupBy')).toBeNull()
    expect(sent[2]!.get('metrics')).toBe('score.helpfulness.distribution')

    await waitFor(() => expect(container.querySelectorAll('path.recharts-line-curve').length).toBeGreaterThan(0), SLOW)
    expect(screen.getByRole('heading', { name: 'Volume' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'helpfulness distribution' })).toBeInTheDocument()
    expect(screen.queryByRole('table', { name: /Breakdown/ })).toBeNull()
    expect(await axeViolations(container)).toEqual([])
  })

  it('groups every chart by the chosen field and hands a picked group to onFilter', async () => {
    const onFilter = vi.fn()
    const onGroupByChange = vi.fn()
    const { requests } = renderDashboard(
      <MonitoringDashboard now={NOW} timeZone="UTC" defaultRange="24h" onFilter={onFilter} onGroupByChange={onGroupByChange} />,
    )
    await waitFor(() => expect(screen.getByRole('group', { name: 'Traces' })).toHaveTextContent('960'), SLOW)

    pickOption(screen.getByRole('combobox', { name: 'Group by' }), 'Environment')
    expect(onGroupByChange).toHaveBeenCalledWith('environment')
    const breakdown = await screen.findByRole('table', { name: 'Breakdown by environment' }, SLOW)
    await waitFor(
      () =>
        expect(
          within(breakdown)
            .getAllByRole('rowheader')
            .map((h) => h.textContent),
        ).toEqual(['production', 'staging']),
      SLOW,
    )
    const grouped = requests().find((p) => p.get('groupBy') === 'environment')!
    expect(grouped.get('limit')).toBe('8')

    fireEvent.click(within(breakdown).getByRole('button', { name: 'staging' }))
    expect(onFilter).toHaveBeenCalledWith({ environment: 'staging', from: NOW - 24 * HOUR, to: NOW })

    // One legend for all: hiding staging in one chart hides it in every chart.
    const legends = screen.getAllByRole('list', { name: /: groups$/ })
    fireEvent.click(within(legends[0]!).getByRole('button', { name: 'staging' }))
    for (const legend of screen.getAllByRole('list', { name: /: groups$/ }))
      expect(within(legend).getByRole('button', { name: 'staging' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('says once per failed request that it failed, and retries', async () => {
    let fail = true
    const fetch = vi.fn(async (url: string) =>
      fail
        ? new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'the view token has expired' } }), { status: 401 })
        : new Response(JSON.stringify(metricsEndpoint(url)), { status: 200 }),
    )
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <SightlineProvider client={createClient({ baseUrl: '', fetch })} queryClient={queryClient}>
        <MonitoringDashboard now={NOW} timeZone="UTC" />
      </SightlineProvider>,
    )
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2), SLOW)
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Could not load the key figures: the view token has expiredRetry',
      'Could not load the charts: the view token has expiredRetry',
    ])
    fail = false
    for (const button of screen.getAllByRole('button', { name: 'Retry' })) fireEvent.click(button)
    await waitFor(() => expect(screen.getByRole('group', { name: 'Traces' })).toHaveTextContent(/\d/), SLOW)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('teaches how to send a first trace when the project has none, with the server’s URL', async () => {
    const empty = (url: string): MetricsResponse => {
      const answer = metricsEndpoint(url)
      const zero = (t: Record<string, number | null>) => Object.fromEntries(Object.keys(t).map((k) => [k, 0]))
      return {
        ...answer,
        totals: zero(answer.totals),
        ...(answer.previous && { previous: { ...answer.previous, totals: zero(answer.previous.totals) } }),
      }
    }
    const fetch = vi.fn(async (url: string) => new Response(JSON.stringify(empty(url)), { status: 200 }))
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const { container } = render(
      <SightlineProvider client={createClient({ baseUrl: '', fetch })} queryClient={queryClient}>
        <MonitoringDashboard now={NOW} timeZone="UTC" serverUrl="http://127.0.0.1:4318" />
      </SightlineProvider>,
    )
    const guide = await screen.findByRole('region', { name: 'Send your first trace' }, SLOW)
    expect(within(guide).getByLabelText('curl command')).toHaveTextContent('curl -s http://127.0.0.1:4318/api/v1/ingest')
    expect(within(guide).getByLabelText('OpenTelemetry settings')).toHaveTextContent('OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318')
    expect(await axeViolations(container)).toEqual([])
  })

  it('lays eight key figures out four by two, never leaving one card alone on a row', async () => {
    renderDashboard(<MonitoringDashboard now={NOW} timeZone="UTC" defaultRange="24h" scoreNames={['helpfulness']} />)
    const stats = screen.getByRole('list', { name: 'Key figures' })
    expect(within(stats).getAllByRole('listitem')).toHaveLength(8)
    expect(stats).toHaveAttribute('data-columns', '4')
    expect(stats.style.getPropertyValue('--sl-stat-columns')).toBe('4')
    expect([5, 6, 7, 8, 9, 10, 11, 12].map(statColumns)).toEqual([3, 3, 4, 4, 3, 4, 4, 4])
    expect([1, 2, 3, 4].map(statColumns)).toEqual([1, 2, 3, 4])
    // Every card says what it counts (the key figures are over traces, whatever the grouping).
    await waitFor(
      () => expect(screen.getByRole('group', { name: 'Error rate' })).toHaveAccessibleDescription('share of traces with an error'),
      SLOW,
    )
  })

  it('draws tokens and cost as bars, and grouped by model says the charts count LLM calls', async () => {
    const { container } = renderDashboard(<MonitoringDashboard now={NOW} timeZone="UTC" defaultRange="24h" defaultGroupBy="model" />)
    const tokens = await screen.findByRole('region', { name: 'Tokens by model' }, SLOW)
    expect(tokens).toHaveAttribute('data-kind', 'bar')
    expect(screen.getByRole('region', { name: 'Cost by model' })).toHaveAttribute('data-kind', 'bar')
    expect(container.querySelector('[data-kind="area"]')).toBeNull()
    expect(tokens).toHaveAccessibleDescription('summed over LLM calls')
    expect(screen.getByRole('region', { name: 'Volume by model' })).toHaveAccessibleDescription('LLM calls')
    await waitFor(
      () =>
        expect(screen.getByRole('region', { name: 'Errors by model' })).toHaveAccessibleDescription(
          'LLM calls with an error LLM calls: errors on tool spans are not counted here',
        ),
      SLOW,
    )
  })

  it('refetches for another time range', async () => {
    const onRangeChange = vi.fn()
    const { requests } = renderDashboard(<MonitoringDashboard now={NOW} timeZone="UTC" onRangeChange={onRangeChange} />)
    await waitFor(() => expect(requests()).toHaveLength(2), SLOW)
    expect(requests()[0]!.get('interval')).toBe('6h')
    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toBeChecked()
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }))
    expect(onRangeChange).toHaveBeenCalledWith('30d')
    await waitFor(
      () =>
        expect(requests().some((p) => p.get('interval') === '1d' && p.get('from') === new Date(NOW - 30 * 24 * HOUR).toISOString())).toBe(
          true,
        ),
      SLOW,
    )
  })
})
