import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../../test-utils/axe'
import { traceSummaries } from '../../test-utils/traces'
import { FirstTraceGuide } from '../first-trace/first-trace-guide'
import { fakeServer, renderWithServer } from '../test-utils/fake-server'
import { useScrollerHeight } from '../test-utils/layout'
import { skeleton } from '../test-utils/spans'
import { ColumnPicker } from './column-picker'
import { ConnectedTraceExplorer } from './connected-trace-explorer'
import { TraceExplorer } from './trace-explorer'

useScrollerHeight()

describe('TraceExplorer', () => {
  it('lays out the table alone, then beside the open trace with a separator that resizes by keyboard', async () => {
    const onSplitChange = vi.fn()
    const onClose = vi.fn()
    const { container, rerender } = render(<TraceExplorer toolbar={<p>filters</p>} table={<p>table</p>} onSplitChange={onSplitChange} />)
    const root = container.firstElementChild as HTMLElement
    expect(root).toHaveAttribute('data-state', 'closed')
    expect(screen.queryByRole('separator')).toBeNull()

    rerender(
      <TraceExplorer
        toolbar={<p>filters</p>}
        table={<p>table</p>}
        viewer={<p>viewer</p>}
        onSplitChange={onSplitChange}
        onClose={onClose}
      />,
    )
    expect(root).toHaveAttribute('data-state', 'open')
    const pane = screen.getByRole('region', { name: 'Trace' })
    expect(pane).toHaveTextContent('viewer')
    const separator = screen.getByRole('separator', { name: 'Resize the trace table' })
    expect(separator).toHaveAttribute('aria-valuenow', '50')
    fireEvent.keyDown(separator, { key: 'ArrowRight' })
    expect(onSplitChange).toHaveBeenLastCalledWith(0.55)
    expect(separator).toHaveAttribute('aria-valuenow', '55')
    expect(root.style.getPropertyValue('--sl-trace-explorer-split')).toBe('55%')
    fireEvent.keyDown(separator, { key: 'End' })
    expect(separator).toHaveAttribute('aria-valuenow', '80')
    fireEvent.keyDown(separator, { key: 'Home' })
    expect(separator).toHaveAttribute('aria-valuenow', '20')
    fireEvent.keyDown(separator, { key: 'ArrowLeft' })
    expect(separator).toHaveAttribute('aria-valuenow', '20')
    fireEvent.click(within(pane).getByRole('button', { name: 'Close trace' }))
    expect(onClose).toHaveBeenCalledOnce()
    expect(await axeViolations(container)).toEqual([])
  })

  it('keeps a controlled split', () => {
    render(<TraceExplorer table={<p>table</p>} viewer={<p>viewer</p>} split={0.3} />)
    const separator = screen.getByRole('separator')
    fireEvent.keyDown(separator, { key: 'ArrowRight' })
    expect(separator).toHaveAttribute('aria-valuenow', '30')
  })
})

describe('ColumnPicker', () => {
  it('lists the columns as checkboxes and keeps the options order', async () => {
    const onValueChange = vi.fn()
    render(<ColumnPicker value={['time', 'name', 'cost']} onValueChange={onValueChange} />)
    const trigger = screen.getByRole('button', { name: 'Columns (3)' })
    fireEvent.pointerDown(trigger, { button: 0, ctrlKey: false, pointerType: 'mouse' })
    const menu = await screen.findByRole('menu')
    expect(within(menu).getByRole('menuitemcheckbox', { name: /Cost/ })).toHaveAttribute('aria-checked', 'true')
    expect(within(menu).getByRole('menuitemcheckbox', { name: /Name/ })).toHaveAttribute('aria-disabled', 'true')
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: /Status/ }))
    expect(onValueChange).toHaveBeenLastCalledWith(['time', 'name', 'cost', 'status'])
  })
})

describe('FirstTraceGuide', () => {
  it('shows curl and OpenTelemetry settings for the server, never a key', async () => {
    const { container } = render(<FirstTraceGuide serverUrl="http://127.0.0.1:4318/" />)
    const curl = screen.getByLabelText('curl command')
    expect(curl).toHaveTextContent('curl -s http://127.0.0.1:4318/api/v1/ingest')
    expect(curl).toHaveTextContent('Bearer $SIGHTLINE_SECRET_KEY')
    expect(screen.getByLabelText('OpenTelemetry settings')).toHaveTextContent('OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318')
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('ConnectedTraceExplorer', () => {
  it('opens a trace beside the table with fewer columns, and closes it', async () => {
    const traces = traceSummaries(3)
    const server = fakeServer({
      traces,
      skeletons: {
        [traces[0]!.id]: { trace: traces[0]!, spans: [skeleton({ id: 'root', traceId: traces[0]!.id })], scores: [] },
      },
    })
    const onTraceIdChange = vi.fn()
    renderWithServer(<ConnectedTraceExplorer live={false} onTraceIdChange={onTraceIdChange} />, server.fetch)
    const grid = await screen.findByRole('grid', { name: 'Traces' })
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(4))
    expect(within(grid).getByRole('columnheader', { name: /Environment/ })).toBeInTheDocument()
    fireEvent.click(within(grid).getAllByRole('row')[1]!)
    expect(onTraceIdChange).toHaveBeenLastCalledWith(traces[0]!.id)
    const pane = await screen.findByRole('region', { name: 'Trace' })
    await within(pane).findByRole('tree', { name: 'Spans' })
    expect(within(grid).queryByRole('columnheader', { name: /Environment/ })).toBeNull()
    expect(within(grid).getByRole('columnheader', { name: /Cost/ })).toBeInTheDocument()
    fireEvent.click(within(pane).getByRole('button', { name: 'Close trace' }))
    expect(screen.queryByRole('region', { name: 'Trace' })).toBeNull()
  })

  it('teaches how to send a first trace when the project is empty, and offers to clear filters otherwise', async () => {
    const server = fakeServer({ traces: [] })
    const { unmount } = renderWithServer(<ConnectedTraceExplorer live={false} serverUrl="http://127.0.0.1:4318" />, server.fetch)
    expect(await screen.findByRole('region', { name: 'Send your first trace' })).toHaveTextContent('127.0.0.1:4318/api/v1/ingest')
    unmount()
    const onQueryChange = vi.fn()
    renderWithServer(
      <ConnectedTraceExplorer live={false} query={{ environment: 'nowhere', sort: 'cost' }} onQueryChange={onQueryChange} />,
      server.fetch,
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Clear filters' }))
    expect(onQueryChange).toHaveBeenLastCalledWith({ sort: 'cost' })
  })
})
