import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { fireEvent, render, screen, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { axeViolations } from '../test-utils/axe'
import { fakeQueueServer } from './test-utils/fake-queue-server'
import { queueListFixture, queueStatsFixture, reviewQueue } from './test-utils/fixtures'
import { QueueList, QueueListView } from './queue-list'
import { formatSeconds, QueueStats, QueueStatsView } from './queue-stats'

function withServer(ui: ReactNode, fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <SightlineProvider client={createClient({ baseUrl: '', fetch })} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
}

describe('QueueList', () => {
  it('lists queues with counts and progress, and opens one', async () => {
    const onOpen = vi.fn()
    const { container } = render(<QueueListView queues={queueListFixture} onOpen={onOpen} currentQueueId="q-neg" />)
    const list = screen.getByRole('list', { name: 'Annotation queues' })
    const items = within(list).getAllByRole('listitem')
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Negative feedback', 'Weekly sample', 'Launch review'])
    expect(within(items[0]).getByRole('progressbar', { name: 'Progress of Negative feedback' })).toHaveAttribute(
      'aria-valuetext',
      '14 of 40 done',
    )
    expect(items[0]).toHaveTextContent('21 pending · 2 in progress · 3 skipped')
    expect(items[0]).toHaveAttribute('aria-current', 'true')
    fireEvent.click(within(items[1]).getByRole('button', { name: 'Review Weekly sample' }))
    expect(onOpen).toHaveBeenCalledWith(queueListFixture[1], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('loads through the client, and shows loading, empty and error states', async () => {
    const server = fakeQueueServer({ items: 2 })
    withServer(<QueueList refetchInterval={false} />, server.fetch)
    expect(screen.getByRole('status')).toHaveTextContent('Loading queues…')
    expect(await screen.findByRole('progressbar', { name: `Progress of ${reviewQueue.name}` })).toHaveAttribute(
      'aria-valuetext',
      '0 of 2 done',
    )

    const { rerender } = render(<QueueListView queues={[]} />)
    expect(screen.getByText('No annotation queues yet.')).toBeInTheDocument()
    const onRetry = vi.fn()
    rerender(<QueueListView error="the view token has expired" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the queues: the view token has expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('QueueStats', () => {
  it('shows counts by status and a table per reviewer', async () => {
    const { container } = render(<QueueStatsView stats={queueStatsFixture} timeZone="UTC" locale="en-GB" />)
    const table = screen.getByRole('table', { name: 'Reviewers' })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Reviewer', 'Done', 'Skipped', 'Median time', 'Last hour', 'Last active'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent)
          .slice(0, 4),
      ),
    ).toEqual([
      ['9', '1', '42 s', '6'],
      ['5', '2', '3 min 8 s', '0'],
    ])
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('ann')
    expect(screen.getByText('In progress').nextSibling).toHaveTextContent('2')
    expect(await axeViolations(container)).toEqual([])
  })

  it('loads through the client', async () => {
    const server = fakeQueueServer({ items: 3 })
    withServer(<QueueStats queueId={reviewQueue.id} refetchInterval={false} />, server.fetch)
    expect(await screen.findByText('Nobody has reviewed in this queue yet.')).toBeInTheDocument()
    expect(screen.getByText('Pending').nextSibling).toHaveTextContent('3')
  })

  it('formats durations', () => {
    expect([formatSeconds(null), formatSeconds(9.6), formatSeconds(125), formatSeconds(3720)]).toEqual([
      '—',
      '10 s',
      '2 min 5 s',
      '1 h 2 min',
    ])
  })
})
