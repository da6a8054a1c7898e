import { ChannelList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { channelListFixture, makeChannels } from './monitor-fixtures'

const meta = {
  title: 'Monitors/ChannelList',
  component: ChannelList,
  args: {
    channels: channelListFixture,
    onSelect: fn(),
    onCreate: fn(),
    onRetry: fn(),
    onRotateSecret: fn(),
    onEnable: fn(),
    onDismissSecret: fn(),
  },
} satisfies Meta<typeof ChannelList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { selectedId: 'ch-oncall' } }

export const SecretShown: Story = {
  name: 'Secret shown once (after rotate)',
  args: { revealedSecret: { channelId: 'ch-oncall', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } },
}

export const Rotating: Story = { args: { rotatingId: 'ch-slack', enablingId: 'ch-old' } }

export const ActionFailed: Story = { name: 'Rotate failed', args: { actionError: 'the secret key is needed to change channels' } }

export const Loading: Story = { args: { channels: undefined, loading: true } }

export const Empty: Story = { args: { channels: [] } }

export const ErrorState: Story = { name: 'Error', args: { channels: undefined, error: 'HTTP 500' } }

export const Huge: Story = { name: 'Huge (200 channels)', args: { channels: makeChannels(200) } }
