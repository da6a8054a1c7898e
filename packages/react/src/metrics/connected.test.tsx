import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { ConnectedBreakdownTable, ConnectedMetricChart, ConnectedStatCard } from './connected'
import { byEnvironment, withPrevious } from './test-utils/fixtures'

describe('Connected metric panels', () => {
  it('add their metrics to the query; a stat card compares with the previous period, ungrouped', async () => {
    const fetch = vi.fn(async (url: string) => {
      const grouped = new URL(url, 'http://sightline.test').searchParams.has('groupBy')
      const body = grouped ? byEnvironment() : withPrevious({ count: 12 }, { count: 10 })
      return new Response(JSON.stringify(body), { status: 200 })
    })
    const client = createClient({ baseUrl: '', fetch })
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const query = { from: 0, to: 86_400_000, interval: '1h' as const, groupBy: 'environment' as const, filters: { release: '1.6.0' } }
    render(
      <SightlineProvider client={client} queryClient={queryClient}>
        <ConnectedStatCard metric="count" query={query} />
        <ConnectedMetricChart metric="latency.p95" query={query} width={500} />
        <ConnectedBreakdownTable metrics={['count', 'errors']} query={query} />
      </SightlineProvider>,
    )
    await waitFor(() => expect(screen.getByRole('group', { name: 'Traces' })).toHaveTextContent('+20%'))
    await screen.findByRole('table', { name: 'Breakdown by environment' })
    expect(screen.getByRole('heading', { name: 'Latency p95 by environment' })).toBeInTheDocument()
    const urls = fetch.mock.calls.map(([u]) => decodeURIComponent(u))
    expect(urls).toEqual([
      '/api/v1/metrics?metrics=count&from=1970-01-01T00:00:00.000Z&to=1970-01-02T00:00:00.000Z&interval=1h&compare=previous&release=1.6.0',
      '/api/v1/metrics?metrics=latency.p95&from=1970-01-01T00:00:00.000Z&to=1970-01-02T00:00:00.000Z&interval=1h&groupBy=environment&release=1.6.0',
      '/api/v1/metrics?metrics=count,errors&from=1970-01-01T00:00:00.000Z&to=1970-01-02T00:00:00.000Z&interval=1h&groupBy=environment&release=1.6.0',
    ])
  })
})
