import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { axeViolations } from '../test-utils/axe'
import { ConnectedAnnotationQueue, type ConnectedAnnotationQueueProps } from './connected-annotation-queue'
import { fakeQueueServer } from './test-utils/fake-queue-server'
import { noteConfig, qualityConfig, reviewQueue, verdictConfig } from './test-utils/fixtures'

type Server = ReturnType<typeof fakeQueueServer>

function renderQueue(server: Server, props: Partial<ConnectedAnnotationQueueProps> = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const client = createClient({ baseUrl: '', fetch: server.fetch })
  return render(
    <SightlineProvider client={client} queryClient={queryClient}>
      <ConnectedAnnotationQueue queueId={reviewQueue.id} progressInterval={false} {...props} />
    </SightlineProvider>,
  )
}

/** A key as a reviewer presses it: on whatever has focus (the page itself when nothing does). */
const press = (key: string, init: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init })

const QUESTIONS = ['How do I rotate my API key?', 'Can I export my invoices as CSV?', 'Why was my card declined?'] as const
const question = (i: 0 | 1 | 2) => QUESTIONS[i]
const showsItem = async (i: 0 | 1 | 2) => expect(await screen.findByText(question(i), {}, { timeout: 3000 })).toBeInTheDocument()
const calls = (server: Server, action: string) => server.calls.filter((c) => c.action === action)

afterEach(() => {
  vi.useRealTimers()
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
})

describe('ConnectedAnnotationQueue', () => {
  it('reviews by keyboard: number keys pick, Enter submits and the next item appears, S skips', async () => {
    const server = fakeQueueServer({ items: 3 })
    const { container } = renderQueue(server, { reviewer: 'ann' })
    expect(screen.getByText('Loading the next item…')).toBeInTheDocument()
    await showsItem(0)
    expect(screen.getByRole('heading', { name: 'Negative feedback' })).toBeInTheDocument()
    // The conversation: question, answer, the retrieved sources and the model call's messages.
    const conversation = screen.getByRole('region', { name: 'Conversation' })
    expect(within(conversation).getByRole('region', { name: 'Retrieved sources' })).toBeInTheDocument()
    expect(within(conversation).getByRole('region', { name: 'Model calls' })).toHaveTextContent(/You are the support assistant/)
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Queue progress' })).toHaveAttribute('aria-valuetext', '0 of 3 done'),
    )
    expect(await axeViolations(container)).toEqual([])

    press('2')
    expect(screen.getByRole('radio', { name: 'partly correct' })).toHaveAttribute('aria-checked', 'true')
    press('4')
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveValue(4)
    press('Enter')
    // Optimistic: the screen moves on before the server answers.
    expect(screen.queryByText(question(0))).toBeNull()
    await showsItem(1)
    expect(calls(server, 'complete')[0]!.body).toEqual({
      reviewer: 'ann',
      scores: [
        { configId: verdictConfig.id, value: 'partly correct' },
        { configId: qualityConfig.id, value: 4 },
      ],
    })
    // The fresh item starts with an empty form.
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveValue(null)
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Queue progress' })).toHaveAttribute('aria-valuetext', '1 of 3 done'),
    )

    press('s')
    await showsItem(2)
    expect(calls(server, 'skip')).toHaveLength(1)
    expect(server.store.map((f) => f.outcome)).toEqual(['done', 'skipped', null])
  })

  it('walks this session’s history with K and J, read-only', async () => {
    const server = fakeQueueServer({ items: 3 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('1')
    press('5')
    press('Enter')
    await showsItem(1)
    press('S')
    await showsItem(2)

    press('k')
    expect(await screen.findByText(/Reviewed earlier · 2 of 2 · skipped/)).toBeInTheDocument()
    expect(screen.getByText(question(1))).toBeInTheDocument()
    press('K')
    expect(screen.getByText(/Reviewed earlier · 1 of 2 · scored/)).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'correct' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveValue(5)
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveAttribute('readonly')
    expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull()
    // Read-only: number keys, Enter and S do nothing here.
    press('3')
    press('s')
    press('Enter')
    expect(screen.getByRole('radio', { name: 'correct' })).toHaveAttribute('aria-checked', 'true')
    expect(calls(server, 'skip')).toHaveLength(1)
    expect(calls(server, 'complete')).toHaveLength(1)

    press('j')
    expect(screen.getByText(/Reviewed earlier · 2 of 2/)).toBeInTheDocument()
    // Mouse works too.
    fireEvent.click(screen.getByRole('button', { name: 'Forward' }))
    expect(screen.queryByText(/Reviewed earlier/)).toBeNull()
    expect(screen.getByText(question(2))).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }))
    expect(screen.getByText(/Reviewed earlier · 2 of 2/)).toBeInTheDocument()
  })

  it('opens the shortcuts dialog with ?, closes it with Escape, and toggles details with D', async () => {
    const server = fakeQueueServer({ items: 2 })
    const { container } = renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('?', { shiftKey: true })
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toContainElement(document.activeElement as HTMLElement)
    expect(within(dialog).getByRole('table')).toHaveTextContent(/Skip this item/)
    expect(await axeViolations(container)).toEqual([])
    // Keys do not reach the queue behind the dialog.
    press('s')
    expect(calls(server, 'skip')).toHaveLength(0)
    press('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()

    const opener = screen.getByRole('button', { name: 'Shortcuts' })
    act(() => opener.focus())
    fireEvent.click(opener)
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(opener))

    expect(screen.queryByRole('region', { name: 'Trace details' })).toBeNull()
    press('d')
    const details = screen.getByRole('region', { name: 'Trace details' })
    expect(within(details).getByRole('group', { name: 'Trace metadata' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Details' })).toHaveAttribute('aria-pressed', 'true')
    press('D')
    expect(screen.queryByRole('region', { name: 'Trace details' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Details' })).toHaveAttribute('data-state', 'off')
    fireEvent.click(screen.getByRole('button', { name: 'Details' }))
    expect(screen.getByRole('region', { name: 'Trace details' })).toBeInTheDocument()
  })

  it('never takes keys typed in a text field, but Ctrl+Enter submits from a note', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('3')
    press('2')
    const note = screen.getByRole('textbox', { name: 'note (optional)' })
    note.focus()
    fireEvent.change(note, { target: { value: 'Says 2 days, docs say 24 hours' } })
    for (const key of ['s', 'k', 'd', '?', '1', 'Enter']) press(key)
    expect(calls(server, 'skip')).toHaveLength(0)
    expect(calls(server, 'complete')).toHaveLength(0)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('radio', { name: 'hallucinated' })).toHaveAttribute('aria-checked', 'true')

    press('Enter', { ctrlKey: true })
    await showsItem(1)
    expect(calls(server, 'complete')[0]!.body).toMatchObject({
      scores: [
        { configId: verdictConfig.id, value: 'hallucinated' },
        { configId: qualityConfig.id, value: 2 },
        { configId: noteConfig.id, value: 'Says 2 days, docs say 24 hours' },
      ],
    })
  })

  it('shows what is missing instead of submitting', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('Enter')
    expect(screen.getByText('Pick a verdict')).toBeInTheDocument()
    expect(screen.getByText('Give quality a value')).toBeInTheDocument()
    expect(calls(server, 'complete')).toHaveLength(0)
    expect(screen.getByText(question(0))).toBeInTheDocument()
  })

  it('rolls back to the item with its answers when completing fails (500)', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('1')
    press('3')
    server.failNext('complete', 500, 'database is locked')
    press('Enter')
    expect(screen.queryByText(question(0))).toBeNull()
    await showsItem(0)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not save your scores: database is locked. Try again.')
    expect(screen.getByRole('radio', { name: 'correct' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveValue(3)
    expect(screen.queryByText(/Reviewed earlier/)).toBeNull()
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled()

    // Submitting again goes through.
    press('Enter')
    await showsItem(1)
    expect(server.completed().map((c) => c.traceId)).toEqual(['trace-0'])
  })

  it('says the lease was lost when completing answers 409, and moves on', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('2')
    press('4')
    server.steal('item-0')
    press('Enter')
    await showsItem(0)
    expect(screen.getByRole('alert')).toHaveTextContent(/This item is no longer yours: your lease ran out and another reviewer has it/)
    expect(screen.getByText('Lease lost')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'partly correct' })).toHaveAttribute('aria-checked', 'true')
    fireEvent.click(screen.getByRole('button', { name: 'Next item' }))
    await showsItem(1)
  })

  it('puts the server’s validation messages on the fields (400)', async () => {
    const server = fakeQueueServer({ items: 2 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    press('1')
    press('5')
    server.failNext('complete', 400, 'invalid request', [{ path: ['scores', 1, 'value'], message: 'quality is at most 4' }])
    press('Enter')
    await showsItem(0)
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveAccessibleDescription(/quality is at most 4/)
    expect(screen.getByRole('alert')).toHaveTextContent('The server did not accept these scores; see the fields.')
  })

  it('renews the lease when under a minute is left while the page is visible', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const server = fakeQueueServer({ items: 2, leaseSeconds: 300 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    expect(screen.getByRole('timer')).toHaveTextContent(/Lease [45]:\d\d left/)

    // Hidden pages do not renew.
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    await act(async () => vi.advanceTimersByTime(250_000))
    expect(calls(server, 'renew')).toHaveLength(0)
    expect(screen.getByRole('timer')).toHaveTextContent(/Lease 0:[45]\d left/)
    expect(screen.getByText('Your lease on this item runs out in under a minute.')).toBeInTheDocument()

    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await waitFor(() => expect(calls(server, 'renew')).toHaveLength(1))
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent(/Lease [45]:\d\d left/))
    expect(calls(server, 'renew')[0]!.body).toEqual({ reviewer: 'ann' })

    // Visible: the clock alone triggers the next renewal.
    await act(async () => vi.advanceTimersByTime(245_000))
    await waitFor(() => expect(calls(server, 'renew')).toHaveLength(2))
    expect(screen.getByText(question(0))).toBeInTheDocument()
  })

  it('moves on with a clear message when the lease was lost (renew answers 409)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const server = fakeQueueServer({ items: 2, leaseSeconds: 300 })
    renderQueue(server, { reviewer: 'ann' })
    await showsItem(0)
    server.steal('item-0')
    await act(async () => vi.advanceTimersByTime(245_000))
    await showsItem(1)
    expect(screen.getByText(/Your lease on the last item ran out and another reviewer took it/)).toBeInTheDocument()
  })

  it('shows an empty queue', async () => {
    renderQueue(fakeQueueServer({ items: 0 }), { reviewer: 'ann' })
    expect(await screen.findByText('This queue has no items yet.')).toBeInTheDocument()
  })

  it('shows the finished state when nothing is left for the reviewer', async () => {
    const onFinished = vi.fn()
    const onReviewed = vi.fn()
    const server = fakeQueueServer({ items: 1 })
    const { container } = renderQueue(server, { reviewer: 'ann', onFinished, onReviewed })
    await showsItem(0)
    press('1')
    press('4')
    press('Enter')
    expect(await screen.findByText('Nothing left for you in this queue.')).toBeInTheDocument()
    expect(screen.getByText('This session you scored 1 item.')).toBeInTheDocument()
    expect(onFinished).toHaveBeenCalledWith({ done: 1, skipped: 0 })
    expect(onReviewed).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'done', status: 'saved' }))
    expect(await axeViolations(container)).toEqual([])
    // The reviewed item is still one key away.
    press('k')
    expect(await screen.findByText(/Reviewed earlier · 1 of 1/)).toBeInTheDocument()
  })

  it('shows why the queue cannot be worked, and retries', async () => {
    const server = fakeQueueServer({ items: 1 })
    server.failNext('claim', 400, 'invalid request', [{ path: ['reviewer'], message: 'name the reviewer' }])
    renderQueue(server)
    expect(await screen.findByRole('alert')).toHaveTextContent('with a secret key, pass the `reviewer` prop')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await showsItem(0)
    // With an annotate token no reviewer is sent: the token names it.
    expect(calls(server, 'claim')[1]!.body).toEqual({})
  })
})
