import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ConnectedQueueStats } from './connected-queue-stats'
import { formatSeconds, QueueStats } from './queue-stats'
import { fakeQueueServer } from './test-utils/fake-queue-server'
import { queueStatsFixture, reviewQueue } from './test-utils/fixtures'
import { renderWithClient } from './test-utils/render-with-client'

describe('QueueStats', () => {
  it('shows counts by status and a table per reviewer', async () => {
    const { container } = render(<QueueStats stats={queueStatsFixture} timeZone="UTC" locale="en-GB" />)
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
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('ann')
    expect(screen.getByText('In progress').nextSibling).toHaveTextContent('2')
    expect(await axeViolations(container)).toEqual([])
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

describe('ConnectedQueueStats', () => {
  it('loads through the client', async () => {
    const server = fakeQueueServer({ items: 3 })
    renderWithClient(<ConnectedQueueStats queueId={reviewQueue.id} refetchInterval={false} />, server.fetch)
    expect(await screen.findByText('Nobody has reviewed in this queue yet.')).toBeInTheDocument()
    expect(screen.getByText('Pending').nextSibling).toHaveTextContent('3')
  })
})
