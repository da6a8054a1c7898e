import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ConnectedQueueList } from './connected-queue-list'
import { QueueList } from './queue-list'
import { fakeQueueServer } from './test-utils/fake-queue-server'
import { queueListFixture, reviewQueue } from './test-utils/fixtures'
import { renderWithClient } from './test-utils/render-with-client'

describe('QueueList', () => {
  it('lists queues with counts and progress, and opens one', async () => {
    const onOpen = vi.fn()
    const { container } = render(<QueueList queues={queueListFixture} onOpen={onOpen} currentQueueId="q-neg" />)
    const list = screen.getByRole('list', { name: 'Annotation queues' })
    const items = within(list).getAllByRole('listitem')
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Negative feedback', 'Weekly sample', 'Launch review'])
    expect(within(items[0]!).getByRole('progressbar', { name: 'Progress of Negative feedback' })).toHaveAttribute(
      'aria-valuetext',
      '14 of 40 done',
    )
    expect(items[0]).toHaveTextContent('21 pending · 2 in progress · 3 skipped')
    expect(items[0]).toHaveAttribute('aria-current', 'true')
    fireEvent.click(within(items[1]!).getByRole('button', { name: 'Review Weekly sample' }))
    expect(onOpen).toHaveBeenCalledWith(queueListFixture[1], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows empty and error states', () => {
    const { rerender } = render(<QueueList queues={[]} />)
    expect(screen.getByText('No annotation queues yet.')).toBeInTheDocument()
    const onRetry = vi.fn()
    rerender(<QueueList error="the view token has expired" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the queues: the view token has expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('ConnectedQueueList', () => {
  it('loads through the client, showing the loading state first', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderWithClient(<ConnectedQueueList refetchInterval={false} />, server.fetch)
    expect(screen.getByRole('status')).toHaveTextContent('Loading queues…')
    expect(await screen.findByRole('progressbar', { name: `Progress of ${reviewQueue.name}` })).toHaveAttribute(
      'aria-valuetext',
      '0 of 2 done',
    )
  })
})
