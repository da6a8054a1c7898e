import { DeliveryLog } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { channelListFixture, deliveriesFixture, makeDeliveries } from './monitor-fixtures'

const meta = {
  title: 'Monitors/DeliveryLog',
  component: DeliveryLog,
  args: {
    deliveries: deliveriesFixture,
    channel: channelListFixture[0]!,
    onReplay: fn(),
    onLoadMore: fn(),
    onRetry: fn(),
    timeZone: 'UTC',
  },
} satisfies Meta<typeof DeliveryLog>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = {}

export const Replaying: Story = { args: { replayingId: 'del-1' } }

export const ReplayFailed: Story = { name: 'Replay failed', args: { replayError: 'delivery del-1 not found' } }

export const Loading: Story = { args: { deliveries: undefined, loading: true } }

export const Empty: Story = { args: { deliveries: [] } }

export const ErrorState: Story = { name: 'Error', args: { deliveries: undefined, error: 'HTTP 500' } }

export const Huge: Story = { name: 'Huge (500 deliveries)', args: { deliveries: makeDeliveries(500), hasMore: true } }
