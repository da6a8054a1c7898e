import { createClient, type Page, type TraceDetail, type TraceSummary } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { axeViolations } from '../test-utils/axe'
import { traceSummaries, traceSummary } from '../test-utils/traces'
import { ConnectedTraceList } from './connected-trace-list'
import { useTrace } from './use-trace'
import { useTraces } from './use-traces'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A fake server: two pages of traces, the second behind cursor "c2". */
function fakeFetch(pages: Record<string, Page<TraceSummary>>) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://sightline.test')
    const page = pages[url.searchParams.get('cursor') ?? '']
    if (url.pathname !== '/api/v1/traces' || !page) return json(404, { error: { code: 'not_found', message: 'no such page' } })
    return json(200, page)
  })
}

function renderWithProvider(ui: ReactNode, fetch: typeof globalThis.fetch) {
  // Retries would only slow the error tests down.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const client = createClient({ baseUrl: '', fetch })
  return render(
    <SightlineProvider client={client} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
}

const dataRows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-trace-id'))

describe('ConnectedTraceList', () => {
  it('loads the first page, then the next one on "Load more"', async () => {
    const fetch = fakeFetch({
      '': { data: traceSummaries(3), nextCursor: 'c2' },
      c2: { data: traceSummaries(2, 3), nextCursor: null },
    })
    const onSelect = vi.fn()
    const { container } = renderWithProvider(
      <ConnectedTraceList query={{ limit: 3, environment: 'production' }} onSelect={onSelect} />,
      fetch,
    )

    expect(screen.getByRole('status')).toHaveTextContent('Loading traces…')
    await waitFor(() => expect(dataRows()).toHaveLength(3))
    expect(String(fetch.mock.calls[0][0])).toBe('/api/v1/traces?limit=3&environment=production')
    expect(await axeViolations(container)).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(dataRows()).toHaveLength(5))
    expect(String(fetch.mock.calls[1][0])).toBe('/api/v1/traces?limit=3&environment=production&cursor=c2')
    expect(dataRows().map((r) => r.dataset.traceId)).toEqual(['t0', 't1', 't2', 't3', 't4'])
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()

    fireEvent.click(dataRows()[4])
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 't4' }), expect.anything())
  })

  it('shows an empty list', async () => {
    renderWithProvider(<ConnectedTraceList />, fakeFetch({ '': { data: [], nextCursor: null } }))
    expect(await screen.findByText('No traces to show.')).toBeInTheDocument()
  })

  it('shows the server error and retries', async () => {
    let fail = true
    const fetch = vi.fn(async () =>
      fail
        ? json(400, { error: { code: 'validation_failed', message: 'minCost: expected a number' } })
        : json(200, { data: [traceSummary({ id: 'x' })], nextCursor: null }),
    )
    renderWithProvider(<ConnectedTraceList />, fetch)
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load traces: minCost: expected a number')
    fail = false
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(dataRows()).toHaveLength(1))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('keeps loaded rows when the next page fails, and retries that page', async () => {
    let failNext = true
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const cursor = new URL(String(input), 'http://sightline.test').searchParams.get('cursor')
      if (!cursor) return json(200, { data: traceSummaries(2), nextCursor: 'c2' })
      if (failNext) return json(503, { error: { code: 'internal', message: 'busy' } })
      return json(200, { data: traceSummaries(1, 2), nextCursor: null })
    })
    renderWithProvider(<ConnectedTraceList />, fetch)
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('busy')
    expect(dataRows()).toHaveLength(2)
    failNext = false
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(dataRows()).toHaveLength(3))
  })
})

describe('useTraces and useTrace', () => {
  it('type their data', () => {
    expectTypeOf<ReturnType<typeof useTraces>['data']>().toExtend<
      { pages: Page<TraceSummary>[]; pageParams: (string | null)[] } | undefined
    >()
    expectTypeOf<ReturnType<typeof useTrace>['data']>().toEqualTypeOf<TraceDetail | undefined>()
  })

  it('fetch a trace only once an id is given', async () => {
    const detail: TraceDetail = {
      trace: { ...traceSummary({ id: 'a' }), input: 'Hello', output: 'Hi there' },
      spans: [],
      scores: [],
    }
    const fetch = vi.fn(async () => json(200, detail))
    const client = createClient({ baseUrl: '', fetch })
    const wrapper = ({ children }: { children?: ReactNode }) => <SightlineProvider client={client}>{children}</SightlineProvider>
    const { result, rerender } = renderHook(({ id }: { id: string | null }) => useTrace(id), {
      wrapper,
      initialProps: { id: null as string | null },
    })
    expect(result.current.fetchStatus).toBe('idle')
    expect(fetch).not.toHaveBeenCalled()
    rerender({ id: 'a b' })
    await waitFor(() => expect(result.current.data?.trace.output).toBe('Hi there'))
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('/api/v1/traces/a%20b')
  })
})
