import type { TraceSummary } from '@sightline/core'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { traceSummaries, traceSummary } from '../test-utils/traces'
import { TraceList } from './trace-list'

const rows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-trace-id'))

describe('TraceList', () => {
  it('renders a labelled table with one row per trace', async () => {
    const traces = [
      traceSummary({ id: 'a', name: 'answer question', userId: 'u-42', models: ['gpt-4o', 'text-embedding-3'] }),
      traceSummary({ id: 'b', name: null, status: 'error', errorCount: 2, cost: null, latencyMs: null }),
    ]
    const { container } = render(<TraceList traces={traces} locale="en-US" timeZone="UTC" />)

    const table = screen.getByRole('table', { name: 'Traces' })
    expect(table).toHaveAttribute('aria-label', 'Traces')
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Time',
      'Name',
      'User',
      'Models',
      'Latency',
      'Tokens',
      'Cost',
      'Status',
    ])
    const [a, b] = rows()
    expect(a).toHaveAttribute('data-trace-id', 'a')
    expect(within(a).getByRole('rowheader')).toHaveTextContent('answer question')
    expect(a).toHaveTextContent('Nov 26, 6:59:03 PM')
    expect(within(a).getByText('Nov 26, 6:59:03 PM')).toHaveAttribute('title', 'Nov 26, 2026, 6:59:03 PM')
    expect(a).toHaveTextContent('u-42')
    expect(a).toHaveTextContent('gpt-4o, text-embedding-3')
    expect(a).toHaveTextContent('1.2 s')
    expect(a).toHaveTextContent('1.2K')
    expect(a).toHaveTextContent('$0.0012')
    expect(a).toHaveTextContent('OK')
    expect(within(b).getByRole('rowheader')).toHaveTextContent('b')
    expect(b).toHaveTextContent('Error, 2 failed spans')
    expect(b).toHaveTextContent('—')
    expect(screen.getByRole('status')).toHaveTextContent('2 traces')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows a loading state', async () => {
    const { container } = render(<TraceList traces={[]} loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading traces…')
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true')
    expect(container.firstElementChild).toHaveAttribute('data-state', 'loading')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows an empty state', async () => {
    const { container } = render(<TraceList traces={[]} emptyMessage="Nothing traced yet." />)
    expect(screen.getByText('Nothing traced yet.')).toBeInTheDocument()
    expect(container.firstElementChild).toHaveAttribute('data-state', 'empty')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows an error with a retry button', async () => {
    const onRetry = vi.fn()
    const { container } = render(<TraceList traces={[]} error={new Error('HTTP 500')} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load traces: HTTP 500')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(await axeViolations(container)).toEqual([])
  })

  it('selects a row by click, and lets onSelect veto it', () => {
    const onSelect = vi.fn<(trace: TraceSummary, event: { preventDefault(): void }) => void>()
    render(<TraceList traces={traceSummaries(3)} onSelect={onSelect} />)
    fireEvent.click(within(rows()[1]).getByText('chat t1'))
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 't1' }), expect.anything())
    expect(rows()[1]).toHaveAttribute('aria-selected', 'true')
    expect(rows()[1]).toHaveAttribute('data-state', 'selected')

    onSelect.mockImplementationOnce((_trace, event) => event.preventDefault())
    fireEvent.click(rows()[2])
    expect(rows()[1]).toHaveAttribute('aria-selected', 'true')
    expect(rows()[2]).toHaveAttribute('aria-selected', 'false')
  })

  it('moves between rows with the keyboard and selects with Enter or Space', () => {
    const onSelectedIdChange = vi.fn()
    render(<TraceList traces={traceSummaries(4)} onSelectedIdChange={onSelectedIdChange} />)
    const [first] = rows()
    expect(rows().map((r) => r.tabIndex)).toEqual([0, -1, -1, -1])

    first.focus()
    fireEvent.keyDown(first, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows()[1])
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(document.activeElement).toBe(rows()[3])
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows()[3])
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(rows()[2])
    expect(rows().map((r) => r.tabIndex)).toEqual([-1, -1, 0, -1])

    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    expect(onSelectedIdChange).toHaveBeenLastCalledWith('t2')
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    fireEvent.keyDown(document.activeElement!, { key: ' ' })
    expect(onSelectedIdChange).toHaveBeenLastCalledWith('t0')
    expect(rows()[0]).toHaveAttribute('aria-selected', 'true')
  })

  it('follows a controlled selection', () => {
    const { rerender } = render(<TraceList traces={traceSummaries(3)} selectedId="t2" />)
    expect(rows()[2]).toHaveAttribute('aria-selected', 'true')
    expect(rows()[2].tabIndex).toBe(0)
    fireEvent.click(rows()[0])
    expect(rows()[0]).toHaveAttribute('aria-selected', 'false')
    rerender(<TraceList traces={traceSummaries(3)} selectedId="t0" />)
    expect(rows()[0]).toHaveAttribute('aria-selected', 'true')
  })

  it('offers "Load more" while there are more pages', () => {
    const onLoadMore = vi.fn()
    const { rerender } = render(<TraceList traces={traceSummaries(2)} hasMore onLoadMore={onLoadMore} />)
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(onLoadMore).toHaveBeenCalledTimes(1)

    rerender(<TraceList traces={traceSummaries(2)} hasMore loadingMore onLoadMore={onLoadMore} />)
    const busy = screen.getByRole('button', { name: 'Loading more…' })
    expect(busy).toHaveAttribute('aria-disabled', 'true')
    fireEvent.click(busy)
    expect(onLoadMore).toHaveBeenCalledTimes(1)

    rerender(<TraceList traces={traceSummaries(2)} onLoadMore={onLoadMore} />)
    expect(screen.queryByRole('button', { name: /load more/i })).toBeNull()
  })
})
