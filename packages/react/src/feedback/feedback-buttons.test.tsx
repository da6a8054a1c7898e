import type { FeedbackClient } from '@sightline/feedback'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { fakeClient, fakeFeedbackServer } from './test-utils/fake-feedback-server'
import { FeedbackButtons } from './feedback-buttons'

const REASONS = ['Wrong answer', 'Too slow', 'Made something up']
const clients: FeedbackClient[] = []

function setup(answer?: Parameters<typeof fakeFeedbackServer>[0]) {
  const server = fakeFeedbackServer(answer)
  const client = fakeClient(server)
  clients.push(client)
  return { server, client }
}

const up = () => screen.getByRole('button', { name: 'Helpful' })
const down = () => screen.getByRole('button', { name: 'Not helpful' })
const status = () => screen.getByRole('status')

afterEach(() => {
  // Stops retry timers of clients on a failing fake server.
  clients.splice(0).forEach((c) => c.destroy())
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  localStorage.clear()
})

describe('FeedbackButtons', () => {
  it('renders two labelled toggle buttons in a named group', async () => {
    const { client } = setup()
    const { container } = render(<FeedbackButtons traceId="t1" client={client} />)
    expect(screen.getByRole('group', { name: 'Was this helpful?' })).toHaveAttribute('data-state', 'idle')
    for (const b of [up(), down()]) {
      expect(b.tagName).toBe('BUTTON')
      expect(b).toHaveAttribute('type', 'button')
      expect(b).toHaveAttribute('aria-pressed', 'false')
      expect(b).toHaveAttribute('data-state', 'off')
    }
    expect(status()).toHaveTextContent('')
    expect(await axeViolations(container)).toEqual([])
  })

  it('votes, toggles to the other value, and retracts when the active button is clicked again', async () => {
    const { server, client } = setup()
    const onValueChange = vi.fn()
    render(<FeedbackButtons traceId="t1" client={client} onValueChange={onValueChange} />)

    fireEvent.click(up())
    expect(up()).toHaveAttribute('aria-pressed', 'true')
    expect(up()).toHaveAttribute('data-state', 'on')
    expect(screen.getByRole('group', { name: 'Was this helpful?' })).toHaveAttribute('data-state', 'up')
    await waitFor(() => expect(status()).toHaveTextContent('Thanks for your feedback'))

    fireEvent.click(down())
    expect(up()).toHaveAttribute('aria-pressed', 'false')
    expect(down()).toHaveAttribute('aria-pressed', 'true')

    fireEvent.click(down())
    expect(down()).toHaveAttribute('aria-pressed', 'false')
    await waitFor(() => expect(status()).toHaveTextContent('Feedback removed'))
    await waitFor(() => expect(server.bodies.at(-1)).toMatchObject({ traceId: 't1', retract: true }))

    expect(onValueChange.mock.calls).toEqual([[true], [false], [null]])
    // Every change updates one score: the id is the same throughout.
    expect(new Set(server.bodies.map((b) => b.id)).size).toBe(1)
    expect(server.bodies[0]).toMatchObject({ traceId: 't1', name: 'user_feedback', value: true, authorId: 'u1' })
  })

  it('shows the stored vote when mounted again (uncontrolled state lives in the client)', () => {
    const { client } = setup()
    const { unmount } = render(<FeedbackButtons traceId="t1" client={client} />)
    fireEvent.click(down())
    unmount()
    render(<FeedbackButtons traceId="t1" client={client} />)
    expect(down()).toHaveAttribute('aria-pressed', 'true')
  })

  it('follows a controlled value and still sends each vote', async () => {
    const { server, client } = setup()
    const onValueChange = vi.fn()
    const { rerender } = render(<FeedbackButtons traceId="t1" client={client} value={null} onValueChange={onValueChange} />)

    fireEvent.click(up())
    expect(onValueChange).toHaveBeenLastCalledWith(true)
    // The parent has not taken the change: the prop still shows.
    expect(up()).toHaveAttribute('aria-pressed', 'false')
    await waitFor(() => expect(server.bodies).toHaveLength(1))

    rerender(<FeedbackButtons traceId="t1" client={client} value={false} onValueChange={onValueChange} />)
    expect(down()).toHaveAttribute('aria-pressed', 'true')
    // Toggling is relative to what shows: clicking the shown value takes it back.
    fireEvent.click(down())
    expect(onValueChange).toHaveBeenLastCalledWith(null)
    await waitFor(() => expect(server.bodies.at(-1)).toMatchObject({ retract: true }))
  })

  it('keeps a controlled value in step with a parent that owns it', () => {
    const { client } = setup()
    function Parent() {
      const [value, setValue] = useState<boolean | null>(null)
      return (
        <>
          <FeedbackButtons traceId="t1" client={client} value={value} onValueChange={setValue} />
          <output>{String(value)}</output>
        </>
      )
    }
    render(<Parent />)
    fireEvent.click(up())
    expect(up()).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByText('true')).toBeInTheDocument()
    fireEvent.click(up())
    expect(screen.getByText('null')).toBeInTheDocument()
  })

  it("runs the consumer's onClick first and lets preventDefault block the vote", async () => {
    const { server, client } = setup()
    const onClick = vi.fn((e: { preventDefault(): void }) => e.preventDefault())
    render(
      <FeedbackButtons.Root traceId="t1" client={client}>
        <FeedbackButtons.Up onClick={onClick} />
        <FeedbackButtons.Down />
        <FeedbackButtons.Status />
      </FeedbackButtons.Root>,
    )
    fireEvent.click(up())
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(up()).toHaveAttribute('aria-pressed', 'false')
    await act(() => client.flush())
    expect(server.bodies).toEqual([])
    expect(client.current('t1')).toBeUndefined()
  })

  it('renders your own button with asChild, merging props and handlers', async () => {
    const { server, client } = setup()
    const own = vi.fn()
    render(
      <FeedbackButtons.Root traceId="t1" client={client} labels={{ up: 'Good answer' }}>
        <FeedbackButtons.Up asChild>
          <a href="#vote" role="button" className="my-button" onClick={own}>
            Yes
          </a>
        </FeedbackButtons.Up>
        <FeedbackButtons.Down asChild>
          <button type="button" onClick={(e) => e.preventDefault()}>
            No
          </button>
        </FeedbackButtons.Down>
      </FeedbackButtons.Root>,
    )
    const yes = screen.getByRole('button', { name: 'Good answer' })
    expect(yes.tagName).toBe('A')
    expect(yes).toHaveClass('my-button', 'sl-feedback__vote')
    fireEvent.click(yes)
    expect(own).toHaveBeenCalledTimes(1)
    expect(yes).toHaveAttribute('aria-pressed', 'true')
    expect(yes).toHaveAttribute('data-state', 'on')

    // The child's own handler runs first; its preventDefault vetoes the vote.
    fireEvent.click(screen.getByRole('button', { name: 'Not helpful' }))
    expect(yes).toHaveAttribute('aria-pressed', 'true')
    await waitFor(() => expect(server.bodies).toHaveLength(1))
  })

  it('asks for reasons and a comment after a thumbs-down and sends them with the vote', async () => {
    const { server, client } = setup()
    const { container } = render(<FeedbackButtons traceId="t1" client={client} reasons={REASONS} comment="on-negative" />)
    expect(screen.queryByRole('group', { name: 'What went wrong?' })).toBeNull()

    fireEvent.click(down())
    const chips = screen.getByRole('group', { name: 'What went wrong?' })
    expect(
      within(chips)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(REASONS)
    expect(await axeViolations(container)).toEqual([])

    fireEvent.click(within(chips).getByRole('button', { name: 'Made something up' }))
    fireEvent.click(within(chips).getByRole('button', { name: 'Wrong answer' }))
    fireEvent.click(within(chips).getByRole('button', { name: 'Too slow' }))
    fireEvent.click(within(chips).getByRole('button', { name: 'Too slow' }))
    expect(within(chips).getByRole('button', { name: 'Wrong answer' })).toHaveAttribute('aria-pressed', 'true')
    expect(within(chips).getByRole('button', { name: 'Too slow' })).toHaveAttribute('aria-pressed', 'false')
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment (optional)' }), { target: { value: '  The 2023 prices are outdated. ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))

    // The form closes and focus goes back to the vote.
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(document.activeElement).toBe(down())
    await waitFor(() => expect(server.bodies).toHaveLength(2))
    expect(server.bodies[0]).toMatchObject({ value: false })
    expect(server.bodies[0]).not.toHaveProperty('reasons')
    // Chips go out in the order offered, whatever order they were picked in.
    expect(server.bodies[1]).toMatchObject({
      id: server.bodies[0]!.id,
      value: false,
      reasons: ['Wrong answer', 'Made something up'],
      comment: 'The 2023 prices are outdated.',
    })
    expect(status()).toHaveTextContent('Thanks for your feedback')
  })

  it('queues one payload with reasons and comment when the vote could not leave yet', async () => {
    const { server, client } = setup()
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    render(<FeedbackButtons traceId="t1" client={client} reasons={REASONS} comment="on-negative" />)
    fireEvent.click(down())
    fireEvent.click(screen.getByRole('button', { name: 'Too slow' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment (optional)' }), { target: { value: 'slow' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(client.pending()).toBe(1)
    expect(screen.getByRole('group', { name: 'Was this helpful?' })).toHaveAttribute('data-pending')

    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    await act(() => client.flush())
    expect(server.bodies).toEqual([expect.objectContaining({ value: false, reasons: ['Too slow'], comment: 'slow' })])
    expect(screen.getByRole('group', { name: 'Was this helpful?' })).not.toHaveAttribute('data-pending')
  })

  it('offers the comment after any vote when optional, and no form when there is nothing to ask', () => {
    const { client } = setup()
    const { rerender } = render(<FeedbackButtons traceId="t1" client={client} comment="optional" reasons={REASONS} />)
    fireEvent.click(up())
    expect(screen.getByRole('textbox', { name: 'Comment (optional)' })).toBeInTheDocument()
    // Reasons are for what went wrong: not offered after a thumbs-up.
    expect(screen.queryByRole('button', { name: 'Too slow' })).toBeNull()

    rerender(<FeedbackButtons traceId="t2" client={client} />)
    fireEvent.click(down())
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
  })

  it('works from the keyboard: real buttons in tab order, Escape closes the form', () => {
    const { client } = setup()
    render(<FeedbackButtons traceId="t1" client={client} reasons={REASONS} comment="on-negative" />)
    for (const b of [up(), down()]) {
      expect(b.tabIndex).toBe(0)
      expect(b).not.toBeDisabled()
    }
    // Enter and Space activate a <button> natively (happy-dom does not emulate that: click stands in).
    down().focus()
    act(() => down().click())
    const chip = screen.getByRole('button', { name: 'Wrong answer' })
    chip.focus()
    act(() => chip.click())
    expect(chip).toHaveAttribute('aria-pressed', 'true')
    const box = screen.getByRole('textbox', { name: 'Comment (optional)' })
    box.focus()
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(document.activeElement).toBe(down())
    expect(down()).toHaveAttribute('aria-pressed', 'true')
  })

  it('lets a consumer keydown handler keep the form open', () => {
    const { client } = setup()
    render(<FeedbackButtons traceId="t1" client={client} comment="optional" onKeyDown={(e) => e.key == 'Escape' && e.preventDefault()} />)
    fireEvent.click(up())
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' })
    expect(screen.getByRole('textbox')).toBeInTheDocument()
  })

  it('announces an error and un-presses the vote when the server refuses it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client } = setup(400)
    const { container } = render(<FeedbackButtons traceId="t1" client={client} comment="optional" labels={{ error: 'Could not send' }} />)
    fireEvent.click(up())
    await waitFor(() => expect(status()).toHaveTextContent('Could not send'))
    expect(status()).not.toHaveTextContent(/thanks/i)
    expect(up()).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getByRole('group', { name: 'Was this helpful?' })).toHaveAttribute('data-state', 'idle')
    // Nothing is left to add a comment to.
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(await axeViolations(container)).toEqual([])
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it("takes the vote back and says so when the server does not allow this page's origin", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { server, client } = setup('network')
    server.origin = { value: 'https://app.example', allowed: false, message: 'add it to SIGHTLINE_ALLOWED_ORIGINS' }
    render(<FeedbackButtons traceId="t1" client={client} />)
    fireEvent.click(down())
    await waitFor(() => expect(status()).toHaveTextContent('Your feedback could not be sent'))
    expect(down()).toHaveAttribute('aria-pressed', 'false')
  })

  it('never says thanks before the server has the vote: saving, or waiting to be online', async () => {
    const { server, client } = setup('network')
    const { container } = render(<FeedbackButtons traceId="t1" client={client} />)
    fireEvent.click(up())
    expect(status()).toHaveTextContent('Saving…')
    // The send failed (the health look tells why; retries may have followed, however fast the machine): still only saving.
    await waitFor(() => expect(server.fetch.mock.calls.length).toBeGreaterThanOrEqual(2))
    expect(status()).toHaveTextContent('Saving…')
    expect(up()).toHaveAttribute('aria-pressed', 'true')
    expect(await axeViolations(container)).toEqual([])

    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    fireEvent.click(down())
    expect(status()).toHaveTextContent('Will send when back online')

    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    server.answer = 'ok'
    await act(() => client.flush())
    expect(status()).toHaveTextContent('Thanks for your feedback')
  })

  it('marks a vote pending while the network fails, and clears it once it is delivered', async () => {
    vi.useFakeTimers()
    const { server, client } = setup('network')
    render(<FeedbackButtons traceId="t1" client={client} />)
    fireEvent.click(up())
    const group = screen.getByRole('group', { name: 'Was this helpful?' })
    expect(group).toHaveAttribute('data-pending')
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(server.bodies).toHaveLength(1)
    expect(group).toHaveAttribute('data-pending')

    server.answer = 'ok'
    await act(() => vi.advanceTimersByTimeAsync(2000))
    expect(server.bodies.length).toBeGreaterThanOrEqual(2)
    expect(group).not.toHaveAttribute('data-pending')
    expect(status()).toHaveTextContent('Thanks for your feedback')
  })

  it('shares one client between components on one answer: they stay in step and update one score', async () => {
    const server = fakeFeedbackServer()
    vi.stubGlobal('fetch', server.fetch)
    const props = { traceId: 't-shared', endpoint: 'https://shared.sightline.test', publicKey: 'pk-sl-shared', userId: 'u9' }
    render(
      <>
        <section aria-label="first">
          <FeedbackButtons {...props} />
        </section>
        <section aria-label="second">
          <FeedbackButtons {...props} />
        </section>
      </>,
    )
    const first = within(screen.getByRole('region', { name: 'first' }))
    const second = within(screen.getByRole('region', { name: 'second' }))
    fireEvent.click(first.getByRole('button', { name: 'Helpful' }))
    expect(second.getByRole('button', { name: 'Helpful' })).toHaveAttribute('aria-pressed', 'true')
    fireEvent.click(second.getByRole('button', { name: 'Not helpful' }))
    expect(first.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'true')
    expect(first.getByRole('button', { name: 'Helpful' })).toHaveAttribute('aria-pressed', 'false')

    await waitFor(() => expect(server.bodies.at(-1)).toMatchObject({ value: false }))
    expect(new Set(server.bodies.map((b) => b.id)).size).toBe(1)
    expect(String(server.fetch.mock.calls[0]![0])).toBe('https://shared.sightline.test/api/v1/feedback')
    expect(new Headers(server.fetch.mock.calls[0]![1]?.headers).get('authorization')).toBe('Bearer pk-sl-shared')
  })

  it('passes DOM props to the root and keeps connection options off it', () => {
    const { client } = setup()
    render(<FeedbackButtons traceId="t1" client={client} name="helpfulness" className="mine" dir="rtl" data-testid="fb" />)
    const root = screen.getByTestId('fb')
    expect(root).toHaveClass('sl-feedback', 'mine')
    expect(root).toHaveAttribute('dir', 'rtl')
    expect(root).not.toHaveAttribute('name')
    expect(root).not.toHaveAttribute('traceid')
  })
})

describe('FeedbackButtons, as the custom element looks and behaves', () => {
  it('shows the prompt beside the thumbs, in the page’s own type, with 44 px targets on touch screens', () => {
    const { client } = setup()
    render(<FeedbackButtons traceId="t1" client={client} labels={{ prompt: 'Did this answer help?' }} />)
    expect(screen.getByRole('group', { name: 'Did this answer help?' })).toHaveAttribute('aria-label', 'Did this answer help?')
    const css = readFileSync(join(import.meta.dirname, 'feedback-buttons.css'), 'utf8')
    // The prompt is the group's name drawn before the thumbs (out of the script's size budget), silent to screen readers.
    expect(css).toMatch(/\.sl-feedback::before \{[^}]*content: var\(--sl-feedback-prompt, attr\(aria-label\) \/ ""\);/)
    const root = css.match(/\.sl-feedback \{[^}]*\}/)![0]
    expect(root).toMatch(/font-size: var\(--sl-feedback-font-size, inherit\)/)
    expect(root).toMatch(/color: var\(--sl-feedback-fg, inherit\)/)
    const touch = css.match(/@media \(pointer: coarse\) \{[^}]*\.sl-feedback__vote[^}]*\}/)![0]
    expect(touch).toMatch(/min-height: var\(--sl-feedback-touch-size, 44px\)/)
    expect(touch).toMatch(/min-width: var\(--sl-feedback-touch-size, 44px\)/)
  })

  it('thanks only once the reason form is sent, and at once when there is no form', async () => {
    const { server, client } = setup()
    const { container } = render(<FeedbackButtons traceId="t1" client={client} reasons={REASONS} />)
    fireEvent.click(down())
    await waitFor(() => expect(server.bodies).toHaveLength(1))
    // The server has the vote, but the form still asks what went wrong: no thanks yet.
    await waitFor(() => expect(status().textContent).toBe(''))
    expect(screen.getByRole('group', { name: 'What went wrong?' })).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Too slow' }))
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(status()).toHaveTextContent('Thanks for your feedback'))
    expect(server.bodies).toHaveLength(2)

    // A thumbs-up has nothing to ask here (reasons are for what went wrong): thanks at once.
    fireEvent.click(up())
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
    await waitFor(() => expect(status()).toHaveTextContent('Thanks for your feedback'))
  })

  it('takes a refused vote back in a controlled parent: onValueChange(null)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client } = setup(400)
    const onValueChange = vi.fn()
    function Parent() {
      const [value, setValue] = useState<boolean | null>(null)
      return (
        <FeedbackButtons
          traceId="t1"
          client={client}
          value={value}
          onValueChange={(next) => {
            onValueChange(next)
            setValue(next)
          }}
        />
      )
    }
    render(<Parent />)
    fireEvent.click(up())
    expect(up()).toHaveAttribute('aria-pressed', 'true')
    await waitFor(() => expect(status()).toHaveTextContent('Your feedback could not be sent'))
    expect(onValueChange.mock.calls).toEqual([[true], [null]])
    expect(up()).toHaveAttribute('aria-pressed', 'false')
  })
})
