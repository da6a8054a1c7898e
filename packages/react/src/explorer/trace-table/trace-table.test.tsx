import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../../test-utils/axe'
import { traceSummaries, traceSummary } from '../../test-utils/traces'
import { FORBIDDEN_SELECTOR, INJECTIONS, score } from '../test-utils/spans'
import { nextSort, TraceTable } from './trace-table'

const rows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-trace-id'))
const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent)

describe('TraceTable', () => {
  it('is a labelled grid with the chosen columns', async () => {
    const traces = [
      traceSummary({ id: 'a', name: 'rag-qa', sessionId: 's-9', tags: ['beta', 'vip'], release: '1.6.0', version: 'prompt-v7' }),
      traceSummary({ id: 'b', status: 'error', errorCount: 1 }),
    ]
    const { container } = render(
      <TraceTable
        traces={traces}
        columns={['time', 'name', 'session', 'release', 'tags', 'feedback', 'scores', 'latency', 'status']}
        scores={{
          a: [
            score({ id: 'f', traceId: 'a' }),
            score({ id: 'e', traceId: 'a', name: 'helpfulness', value: 0.9, source: 'eval', dataType: 'numeric' }),
          ],
        }}
        locale="en-US"
        timeZone="UTC"
      />,
    )
    const grid = screen.getByRole('grid', { name: 'Traces' })
    expect(headers()).toEqual(['Time', 'Name', 'Session', 'Release', 'Tags', 'Feedback', 'Scores', 'Latency', 'Status'])
    const a = rows()[0]!
    const b = rows()[1]!
    expect(within(a).getAllByRole('gridcell')).toHaveLength(8)
    expect(within(a).getByRole('rowheader')).toHaveTextContent('rag-qa')
    expect(a).toHaveTextContent('s-9')
    expect(a).toHaveTextContent('1.6.0 · prompt-v7')
    expect(a).toHaveTextContent('betavip')
    expect(a).toHaveTextContent('1 helpful')
    expect(a).toHaveTextContent('helpfulness: 0.9')
    expect(b).toHaveTextContent('Error, 1 failed span')
    expect(grid).toHaveAttribute('aria-readonly', 'true')
    expect(await axeViolations(container)).toEqual([])
    // The failed spans behind a status also show as a tooltip.
    fireEvent.pointerMove(within(b).getByText('Error'), { pointerType: 'mouse' })
    expect(await screen.findByRole('tooltip')).toHaveTextContent('1 failed span')
  })

  it('sorts by clicking headers, with aria-sort', () => {
    const onSortChange = vi.fn()
    render(<TraceTable traces={traceSummaries(2)} onSortChange={onSortChange} />)
    const time = screen.getByRole('columnheader', { name: /Time/ })
    expect(time).toHaveAttribute('aria-sort', 'descending')
    expect(screen.getByRole('columnheader', { name: /Latency/ })).not.toHaveAttribute('aria-sort')
    fireEvent.click(screen.getByRole('button', { name: 'Latency' }))
    expect(onSortChange).toHaveBeenLastCalledWith('-latencyMs')
    expect(screen.getByRole('columnheader', { name: /Latency/ })).toHaveAttribute('aria-sort', 'descending')
    fireEvent.click(screen.getByRole('button', { name: 'Latency' }))
    expect(onSortChange).toHaveBeenLastCalledWith('latencyMs')
    expect(screen.getByRole('columnheader', { name: /Latency/ })).toHaveAttribute('aria-sort', 'ascending')
    expect(screen.queryByRole('button', { name: 'User' })).toBeNull()
    expect(nextSort(undefined, 'startTime')).toBe('startTime')
    expect(nextSort('cost', 'totalTokens')).toBe('-totalTokens')
  })

  it('moves between rows with arrows, Home, End and opens with Enter', () => {
    const onSelect = vi.fn()
    render(<TraceTable traces={traceSummaries(25)} onSelect={onSelect} />)
    rows()[0]!.focus()
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows()[1])
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' })
    expect(document.activeElement).toBe(rows()[11])
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(document.activeElement).toBe(rows()[24])
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    expect(
      rows()
        .map((r) => r.tabIndex)
        .filter((t) => t === 0),
    ).toHaveLength(1)
    expect(rows()[1]!.tabIndex).toBe(0)
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    expect(onSelect).toHaveBeenLastCalledWith('t1', expect.anything())
    expect(rows()[1]).toHaveAttribute('aria-selected', 'true')
    fireEvent.click(within(rows()[3]!).getByText('chat t3'))
    expect(onSelect).toHaveBeenLastCalledWith('t3', expect.anything())
  })

  it('lets onSelect veto the selection', () => {
    render(<TraceTable traces={traceSummaries(3)} onSelect={(_, e) => e.preventDefault()} />)
    fireEvent.click(rows()[2]!)
    expect(rows()[2]).toHaveAttribute('aria-selected', 'false')
  })

  it('shows loading, empty and error states', async () => {
    const onRetry = vi.fn()
    const { container, rerender } = render(<TraceTable traces={[]} loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading traces…')
    expect(screen.getByRole('grid')).toHaveAttribute('aria-busy', 'true')
    expect(await axeViolations(container)).toEqual([])
    rerender(<TraceTable traces={[]} />)
    expect(container.firstElementChild).toHaveAttribute('data-state', 'empty')
    expect(screen.getByText('No traces match.')).toBeInTheDocument()
    rerender(<TraceTable traces={[]} error={new Error('the view token has expired')} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load traces: the view token has expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(await axeViolations(container)).toEqual([])
  })

  it('pages with "Load more"', () => {
    const onLoadMore = vi.fn()
    const { rerender } = render(<TraceTable traces={traceSummaries(2)} hasMore onLoadMore={onLoadMore} />)
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(onLoadMore).toHaveBeenCalledTimes(1)
    rerender(<TraceTable traces={traceSummaries(2)} hasMore loadingMore onLoadMore={onLoadMore} />)
    fireEvent.click(screen.getByRole('button', { name: 'Loading more…' }))
    expect(onLoadMore).toHaveBeenCalledTimes(1)
  })

  it.each(INJECTIONS)('shows %s in previews and labels as text', (text) => {
    const { container } = render(
      <TraceTable
        traces={[
          traceSummary({ id: 'x', name: text, inputPreview: text, outputPreview: text, userId: text, tags: [text], models: [text] }),
        ]}
        columns={['name', 'input', 'output', 'user', 'tags', 'models']}
      />,
    )
    expect(container.querySelector(FORBIDDEN_SELECTOR)).toBeNull()
    expect(within(rows()[0]!).getByRole('rowheader')).toHaveTextContent(text)
  })
})

describe('TraceTable checked rows', () => {
  it('checks rows by their box or with x, offers the selection actions, and a checkbox does not open the trace', async () => {
    const traces = [
      traceSummary({ id: 'a', name: 'first' }),
      traceSummary({ id: 'b', name: 'second' }),
      traceSummary({ id: 'c', name: 'third' }),
    ]
    const onSelect = vi.fn()
    const { container } = render(
      <TraceTable
        traces={traces}
        onSelect={onSelect}
        selectionActions={(ids) => <button type="button">Add {ids.join(',')} to dataset</button>}
      />,
    )
    fireEvent.click(screen.getByRole('checkbox', { name: 'Check first' }))
    expect(onSelect).not.toHaveBeenCalled()
    const second = container.querySelector<HTMLElement>('tr[data-trace-id="b"]')!
    second.focus()
    fireEvent.keyDown(second, { key: 'x' })
    expect(screen.getByRole('button', { name: 'Add a,b to dataset' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('2 checked')
    fireEvent.keyDown(second, { key: 'x' })
    expect(screen.getByRole('button', { name: 'Add a to dataset' })).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Check every loaded trace' }))
    expect(screen.getByRole('button', { name: 'Add a,b,c to dataset' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
    expect(screen.queryByRole('button', { name: /to dataset/ })).toBeNull()
    expect(await axeViolations(container)).toEqual([])
  })
})
