import { createFeedback, memoryStorage } from '@sightline/feedback'
import { FeedbackButtons, type FeedbackButtonsLabels, type FeedbackCommentMode } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { fn, userEvent, within } from 'storybook/test'
import { fakeFeedbackFetch, type FakeFeedbackMode, ARABIC_FEEDBACK_LABELS } from './feedback-fake-fetch'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const REASONS = ['Wrong answer', 'Too slow', 'Not helpful', 'Made something up']

interface DemoProps {
  /** how the fake feedback server answers */
  server: FakeFeedbackMode
  /** a vote already stored before the story renders */
  initial?: boolean
  reasons?: string[]
  comment?: FeedbackCommentMode
  labels?: Partial<FeedbackButtonsLabels>
  onValueChange?: (value: boolean | null) => void
}

/** FeedbackButtons under a sample answer, on a client of its own (memory storage, fake fetch). */
function Demo({ server, initial, ...props }: DemoProps) {
  const [client] = useState(() => {
    const c = createFeedback({ endpoint: '', publicKey: 'pk-sl-story', storage: memoryStorage(), fetch: fakeFeedbackFetch(server) })
    if (initial !== undefined) void c.vote(TRACE_ID, initial)
    return c
  })
  return (
    <div style={{ maxWidth: '36rem', display: 'grid', gap: 'var(--sl-space-2)', fontFamily: 'var(--sl-font-family)' }}>
      <p style={{ margin: 0 }}>Rotate the key under Settings → API keys, then update the secret in every deployment that uses it.</p>
      <FeedbackButtons traceId={TRACE_ID} client={client} {...props} />
    </div>
  )
}

const meta = {
  title: 'Feedback/FeedbackButtons',
  component: Demo,
  args: { server: 'ok', reasons: REASONS, comment: 'on-negative', onValueChange: fn() },
  argTypes: {
    server: { control: 'inline-radio', options: ['ok', 'offline', 'refuse', 'origin'] },
    comment: { control: 'inline-radio', options: ['off', 'optional', 'on-negative'] },
  },
} satisfies Meta<typeof Demo>

export default meta
type Story = StoryObj<typeof meta>

const click = (name: string) =>
  (async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name }))
  }) satisfies Story['play']

export const Idle: Story = {}

export const VotedUp: Story = { name: 'Voted up', args: { initial: true } }

export const VotedDownWithReasons: Story = {
  name: 'Voted down, reason form open (no thanks yet)',
  // Thanks come when the form is sent or closed, not while it still asks.
  play: click('Not helpful'),
}

export const CommentAfterAnyVote: Story = {
  name: 'Optional comment after a thumbs-up',
  args: { comment: 'optional' },
  play: click('Helpful'),
}

export const PendingOffline: Story = {
  name: 'Pending (unreachable)',
  args: { server: 'offline' },
  // The vote is queued and retried with backoff: it says saving, never thanks, until it is delivered.
  play: click('Helpful'),
}

export const ErrorState: Story = {
  name: 'Refused (server answers 400)',
  args: { server: 'refuse' },
  // The vote is taken back and the error said; the console warns once with the server's reason.
  play: click('Helpful'),
}

export const OriginNotAllowed: Story = {
  name: 'Refused (origin not allowed)',
  args: { server: 'origin' },
  // The send fails as CORS makes it fail; health names the origin to add, in the console warning.
  play: click('Helpful'),
}

export const Dark: Story = {
  decorators: [
    (Story) => (
      <div data-sl-theme="dark" style={{ padding: 16, background: 'var(--sl-color-bg)', color: 'var(--sl-color-fg)' }}>
        <Story />
      </div>
    ),
  ],
  play: click('Not helpful'),
}

export const RightToLeft: Story = {
  name: 'RTL',
  args: {
    reasons: ['إجابة خاطئة', 'بطيء جدًا', 'اختلق معلومات'],
    labels: ARABIC_FEEDBACK_LABELS,
  },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
  play: click('غير مفيد'),
}

/** The compound parts with the app's own buttons: `asChild` lends them the vote's props and behaviour. */
function OwnButtonsDemo({ server, initial: _initial, ...props }: DemoProps) {
  const [client] = useState(() =>
    createFeedback({ endpoint: '', publicKey: 'pk-sl-story', storage: memoryStorage(), fetch: fakeFeedbackFetch(server) }),
  )
  return (
    <FeedbackButtons.Root traceId={TRACE_ID} client={client} {...props} labels={{ up: 'Yes', down: 'No' }}>
      <FeedbackButtons.Up asChild>
        <button type="button" className="sl-button">
          Yes
        </button>
      </FeedbackButtons.Up>
      <FeedbackButtons.Down asChild>
        <button type="button" className="sl-button">
          No
        </button>
      </FeedbackButtons.Down>
      <FeedbackButtons.Status />
      <FeedbackButtons.Form />
    </FeedbackButtons.Root>
  )
}

export const OwnButtons: Story = {
  name: 'Own buttons (asChild)',
  render: (args) => <OwnButtonsDemo {...args} />,
}
