import '@sightline/feedback/element'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { createElement } from 'react'
import {
  clearStoredFeedback,
  fakeEndpoint,
  installFakeFeedbackServer,
  type FakeFeedbackMode,
  ARABIC_FEEDBACK_LABELS,
} from './feedback-fake-fetch'

// The element builds its own client on the page's fetch: point it at the fakes before any story renders.
installFakeFeedbackServer()

interface ElementProps {
  /** each story rates its own answer, so votes never leak between stories */
  traceId: string
  server: FakeFeedbackMode
  variant?: 'thumbs' | 'stars' | 'scale'
  reasons?: string
  comment?: 'off' | 'optional' | 'on-negative'
  correction?: boolean
  labels?: string
  colorScheme?: 'light' | 'dark' | 'auto'
}

/** `<sightline-feedback>` under a sample answer; attributes as a page would write them. */
function Element({ traceId, server, variant, reasons, comment, correction, labels, colorScheme }: ElementProps) {
  return (
    <div style={{ maxWidth: '36rem', display: 'grid', gap: '0.5rem', fontFamily: 'system-ui, sans-serif' }}>
      <p style={{ margin: 0 }}>Nightly exports land in the bucket configured under Settings → Exports, one file per day.</p>
      {/* createElement rather than JSX: the element's JSX typing lives in the apps that use it. */}
      {createElement('sightline-feedback', {
        'trace-id': traceId,
        endpoint: fakeEndpoint(server),
        'public-key': 'pk-sl-story',
        variant,
        reasons,
        comment,
        correction: correction || undefined,
        labels,
        'color-scheme': colorScheme,
      })}
    </div>
  )
}

/** Presses a button inside the element's shadow root. */
const press = (selector: string) =>
  (async ({ canvasElement }) => {
    const host = canvasElement.querySelector('sightline-feedback')
    host?.shadowRoot?.querySelector<HTMLButtonElement>(selector)?.click()
  }) satisfies Story['play']

const meta = {
  title: 'Feedback/<sightline-feedback>',
  component: Element,
  args: { traceId: 'element-idle', server: 'ok' },
  argTypes: {
    server: { control: 'inline-radio', options: ['ok', 'offline', 'refuse', 'origin'] },
    variant: { control: 'inline-radio', options: ['thumbs', 'stars', 'scale'] },
    comment: { control: 'inline-radio', options: ['off', 'optional', 'on-negative'] },
    colorScheme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  loaders: [
    async () => {
      clearStoredFeedback()
      return {}
    },
  ],
} satisfies Meta<typeof Element>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = {}

export const Thumbs: Story = {
  name: 'Thumbs (voted)',
  args: { traceId: 'element-thumbs', variant: 'thumbs' },
  play: press('[part~=up]'),
}

export const Stars: Story = {
  args: { traceId: 'element-stars', variant: 'stars' },
  play: press('[part~=choice]:nth-child(4)'),
}

export const Scale: Story = {
  name: 'Scale (1–10)',
  args: { traceId: 'element-scale', variant: 'scale' },
}

export const ReasonsAndComment: Story = {
  name: 'Reasons + comment',
  args: {
    traceId: 'element-reasons',
    reasons: 'Wrong answer,Too slow,Not helpful,Made something up',
    comment: 'on-negative',
    correction: true,
  },
  play: press('[part~=down]'),
}

export const Dark: Story = {
  args: { traceId: 'element-dark', colorScheme: 'dark', reasons: 'Wrong answer,Too slow', comment: 'optional' },
  decorators: [
    (Story) => (
      <div style={{ padding: 16, background: '#15171a', color: '#e6e8eb', colorScheme: 'dark' }}>
        <Story />
      </div>
    ),
  ],
  play: press('[part~=down]'),
}

export const RightToLeft: Story = {
  name: 'RTL',
  args: {
    traceId: 'element-rtl',
    reasons: 'إجابة خاطئة,بطيء جدًا',
    comment: 'on-negative',
    labels: JSON.stringify(ARABIC_FEEDBACK_LABELS),
  },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
  play: press('[part~=down]'),
}

export const Offline: Story = {
  name: 'Pending (unreachable, vote queued)',
  args: { traceId: 'element-offline', server: 'offline' },
  // Saving, never thanks, while the vote waits in the queue.
  play: press('[part~=up]'),
}

export const Refused: Story = {
  name: 'Refused (server answers 400)',
  args: { traceId: 'element-refused', server: 'refuse' },
  // The vote is taken back and the error said.
  play: press('[part~=up]'),
}

export const OriginNotAllowed: Story = {
  name: 'Refused (origin not allowed)',
  args: { traceId: 'element-origin', server: 'origin' },
  // The console warning names the origin to add to SIGHTLINE_ALLOWED_ORIGINS.
  play: press('[part~=up]'),
}
