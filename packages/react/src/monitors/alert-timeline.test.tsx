import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { AlertTimeline } from './alert-timeline'
import { ConnectedAlertTimeline } from './connected-alert-timeline'
import { fakeMonitorServer } from './test-utils/fake-monitor-server'
import { monitorEventsFixture, monitorListFixture, NOW } from './test-utils/fixtures'
import { renderWithMonitorApi } from './test-utils/render-with-monitor-api'

const monitor = monitorListFixture[0]!

describe('AlertTimeline', () => {
  it('lists fired and resolved events with value, baseline and window; a fired one opens its traces', async () => {
    const onOpenTraces = vi.fn()
    const { container } = render(
      <AlertTimeline events={monitorEventsFixture} monitor={monitor} onOpenTraces={onOpenTraces} timeZone="UTC" />,
    )
    const items = screen.getAllByRole('listitem')
    expect(items).toHaveLength(4)
    expect(items[0]).toHaveTextContent('Fired')
    expect(items[0]).toHaveTextContent('gpt-4o')
    expect(items[0]).toHaveTextContent('8.4 s (usually 3.1 s) over 400 samples')
    expect(items[1]).toHaveTextContent('Resolved')
    // Only fired events link to traces.
    const buttons = screen.getAllByRole('button', { name: /^Traces/ })
    expect(buttons).toHaveLength(2)
    fireEvent.click(buttons[0]!)
    expect(onOpenTraces).toHaveBeenCalledWith({ from: NOW - 3_600_000, to: NOW, model: 'gpt-4o' }, { monitor, group: 'gpt-4o' })
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches when empty, and shows errors with Retry', async () => {
    const { container, rerender } = render(<AlertTimeline events={[]} monitor={monitor} />)
    expect(screen.getByText('No alerts yet.')).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    const onRetry = vi.fn()
    rerender(<AlertTimeline error="HTTP 500" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the alerts: HTTP 500')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('ConnectedAlertTimeline', () => {
  it('loads a page at a time and fetches the monitor for its unit', async () => {
    const server = fakeMonitorServer({ eventCount: 7 })
    renderWithMonitorApi(<ConnectedAlertTimeline monitorId="mon-latency" pageSize={5} refetchInterval={false} />, server.fetch)
    expect(screen.getByRole('status')).toHaveTextContent('Loading alerts…')
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(5))
    await waitFor(() => expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('8.4 s'))
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(7))
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
    expect(server.calls.map((c) => c.path)).toContain('/monitors/mon-latency/events?limit=5&cursor=5')
  })
})
