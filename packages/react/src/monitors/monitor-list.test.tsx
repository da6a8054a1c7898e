import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ConnectedMonitorList } from './connected-monitor-list'
import { MonitorList } from './monitor-list'
import { MonitorSeries } from './monitor-series'
import { fakeMonitorServer } from './test-utils/fake-monitor-server'
import { monitorListFixture, NOW } from './test-utils/fixtures'
import { renderWithMonitorApi } from './test-utils/render-with-monitor-api'

describe('MonitorList', () => {
  it('shows what each monitor watches, its state and when it last fired; firing groups open their traces', async () => {
    const onSelect = vi.fn()
    const onOpenTraces = vi.fn()
    const { container } = render(
      <MonitorList monitors={monitorListFixture} selectedId="mon-errors" onSelect={onSelect} onOpenTraces={onOpenTraces} timeZone="UTC" />,
    )
    const rows = within(screen.getByRole('table', { name: 'Monitors' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'p95 latency by model',
      'Error rate in production',
      'Negative feedback',
      'Daily spend',
    ])
    expect(rows[0]).toHaveTextContent('latency.p95 rises unusually (medium sensitivity) · per 1h · by model')
    expect(rows[0]).toHaveTextContent('Firing')
    expect(rows[0]).toHaveTextContent('1 of 3 groups')
    expect(rows[0]).toHaveTextContent('Nov 30, 11:18:00 AM')
    expect(rows[1]).toHaveTextContent('errorRate above 5 %')
    expect(rows[1]).toHaveTextContent('OK')
    expect(rows[1]).toHaveAttribute('aria-current', 'true')
    expect(rows[2]).toHaveTextContent('Too little data')
    expect(rows[3]).toHaveTextContent('Off')
    expect(rows[3]).toHaveTextContent('cost.sum above $50')
    fireEvent.click(screen.getByRole('button', { name: 'Traces of p95 latency by model, gpt-4o' }))
    // From the start of the window it fired in to the end of the last evaluated window, narrowed to the group.
    expect(onOpenTraces).toHaveBeenCalledWith(
      { from: NOW - 42 * 60_000 - 3_600_000, to: NOW - 60_000, model: 'gpt-4o' },
      { monitor: monitorListFixture[0], group: 'gpt-4o' },
    )
    fireEvent.click(screen.getByRole('button', { name: 'Negative feedback' }))
    expect(onSelect).toHaveBeenCalledWith(monitorListFixture[2], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches in the empty state, and shows errors with Retry', async () => {
    const onCreate = vi.fn()
    const { container, rerender } = render(<MonitorList monitors={[]} onCreate={onCreate} />)
    expect(screen.getByText('No monitors yet — create one to be told when something goes wrong.')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Create a monitor' }))
    expect(onCreate).toHaveBeenCalled()
    expect(await axeViolations(container)).toEqual([])
    const onRetry = vi.fn()
    rerender(<MonitorList error="the secret key is needed" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the monitors: the secret key is needed')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
    rerender(<MonitorList loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading monitors…')
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('MonitorSeries', () => {
  it('lists the series firing first, with values in the metric unit', async () => {
    const onOpenTraces = vi.fn()
    const { container } = render(<MonitorSeries monitor={monitorListFixture[0]!} onOpenTraces={onOpenTraces} />)
    const rows = within(screen.getByRole('table', { name: 'Series' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['gpt-4o', 'llama-small', 'claude-sonnet'])
    expect(rows[0]).toHaveTextContent('8.4 s')
    expect(rows[0]).toHaveTextContent('3.1 s')
    fireEvent.click(screen.getByRole('button', { name: 'Traces of claude-sonnet' }))
    expect(onOpenTraces).toHaveBeenCalledWith(expect.objectContaining({ model: 'claude-sonnet' }), expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('ConnectedMonitorList', () => {
  it('loads through the monitor API', async () => {
    const server = fakeMonitorServer()
    renderWithMonitorApi(<ConnectedMonitorList refetchInterval={false} />, server.fetch)
    expect(screen.getByRole('status')).toHaveTextContent('Loading monitors…')
    expect(await screen.findByRole('table', { name: 'Monitors' })).toBeInTheDocument()
    expect(server.calls[0]).toEqual({ method: 'GET', path: '/monitors', body: undefined })
  })
})
