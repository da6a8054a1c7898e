import { SightlineError } from '@sightline/core'
import { SessionConversation } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { sessionFixture } from './fixtures'

const meta = {
  title: 'Explorer/SessionConversation',
  component: SessionConversation,
  args: { session: sessionFixture, onOpenTrace: fn(), onRetry: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 760 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SessionConversation>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { currentTraceId: 'turn-2' } }

export const Loading: Story = { args: { session: null, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { session: null, error: new SightlineError(404, 'not_found', 'session not found') },
}
