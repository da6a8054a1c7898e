import type { Queue } from '@sightline/core'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../../annotation/test-utils/render-with-client'
import { axeViolations } from '../../test-utils/axe'
import { pickOption } from '../../test-utils/select'
import { AddToQueueButton } from './add-to-queue-button'
import { ConnectedAddToQueueButton } from './connected-add-to-queue-button'

const queue = (id: string, name: string, change: Partial<Queue> = {}): Queue & { counts: { pending: number } } => ({
  id,
  name,
  description: null,
  scoreConfigIds: ['helpful'],
  reviewersPerItem: 1,
  leaseSeconds: 300,
  rules: [],
  archivedAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  counts: { pending: 4 },
  ...change,
})

const queues = [
  queue('q-neg', 'Negative feedback'),
  queue('q-old', 'Last year', { archivedAt: '2026-01-01T00:00:00.000Z' }),
  queue('q-tools', 'Tool failures', { counts: { pending: 0 } } as Partial<Queue>),
]

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function fakeQueueServer() {
  const calls: { method: string; path: string; body: unknown }[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://sightline.test')
    const method = init?.method ?? 'GET'
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined
    calls.push({ method, path: url.pathname, body })
    if (url.pathname === '/api/v1/queues' && method === 'GET') return json(200, { data: queues })
    if (url.pathname === '/api/v1/queues/q-neg/items' && method === 'POST') return json(200, { added: 1, skipped: 1 })
    return json(404, { error: { code: 'not_found', message: 'no such route' } })
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

describe('AddToQueueButton', () => {
  it('picks a queue (archived ones left out) and adds the traces; without traces it is off', async () => {
    const onAdd = vi.fn()
    const { container, rerender } = render(<AddToQueueButton traceIds={['tr-1', 'tr-2']} queues={queues} onAdd={onAdd} />)
    fireEvent.click(screen.getByRole('button', { name: 'Add to review queue (2)' }))
    const picker = screen.getByRole('combobox', { name: 'Queue' })
    expect(picker).toHaveTextContent('Negative feedback (4 pending)')
    fireEvent.pointerDown(picker, { button: 0, ctrlKey: false, pointerType: 'mouse' })
    expect(screen.getAllByRole('option').map((o) => o.textContent?.replace('✓', ''))).toEqual([
      'Negative feedback (4 pending)',
      'Tool failures (0 pending)',
    ])
    fireEvent.click(screen.getByRole('option', { name: 'Tool failures (0 pending)' }))
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 traces' }))
    expect(onAdd).toHaveBeenCalledWith('q-tools', ['tr-1', 'tr-2'])
    expect(await axeViolations(container)).toEqual([])
    rerender(<AddToQueueButton traceIds={[]} queues={queues} onAdd={onAdd} />)
    expect(screen.getByRole('button', { name: 'Add to review queue' })).toBeDisabled()
  })

  it('says what an add did, and when there is no queue to add to', async () => {
    const { container, rerender } = render(
      <AddToQueueButton
        traceIds={['tr-1', 'tr-2']}
        queues={queues}
        defaultOpen
        result={{ queue: { id: 'q-neg', name: 'Negative feedback' }, added: 1, skipped: 1 }}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Added 1 trace to Negative feedback. 1 was in it already.')
    rerender(<AddToQueueButton traceIds={['tr-1']} queues={[]} defaultOpen />)
    expect(screen.getByText(/There is no review queue yet/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Add 1 trace/ })).toBeNull()
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('ConnectedAddToQueueButton', () => {
  it('loads the queues when opened, calls addQueueItems with the trace ids, and says what it did', async () => {
    const server = fakeQueueServer()
    const onAdded = vi.fn()
    renderWithClient(<ConnectedAddToQueueButton traceIds={['tr-9', 'tr-10']} onAdded={onAdded} />, server.fetch)
    expect(server.calls).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Add to review queue (2)' }))
    pickOption(await screen.findByRole('combobox', { name: 'Queue' }), 'Negative feedback (4 pending)')
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 traces' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Added 1 trace to Negative feedback. 1 was in it already.'))
    expect(server.calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/v1/queues/q-neg/items',
      body: { traceIds: ['tr-9', 'tr-10'] },
    })
    expect(onAdded).toHaveBeenCalledWith({ queue: { id: 'q-neg', name: 'Negative feedback' }, added: 1, skipped: 1 })
  })
})
