import { QueueListView, QueueStatsView } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { queueListFixture, queueStatsFixture } from '../packages/react/src/annotation/test-utils/fixtures'

const meta = {
  title: 'Annotation/QueueList',
  component: QueueListView,
  args: { queues: queueListFixture, onOpen: fn(), onRetry: fn() },
} satisfies Meta<typeof QueueListView>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { currentQueueId: 'q-neg' } }

export const Loading: Story = { args: { queues: undefined, loading: true } }

export const Empty: Story = { args: { queues: [] } }

export const ErrorState: Story = { name: 'Error', args: { queues: undefined, error: 'the view token has expired' } }

/** Per-reviewer statistics of one queue. */
export const Stats: StoryObj<typeof QueueStatsView> = {
  name: 'QueueStats',
  render: () => <QueueStatsView stats={queueStatsFixture} timeZone="UTC" />,
}

export const StatsNobodyYet: StoryObj<typeof QueueStatsView> = {
  name: 'QueueStats: nobody reviewed yet',
  render: () => <QueueStatsView stats={{ counts: { total: 12, pending: 12, inProgress: 0, done: 0, skipped: 0 }, reviewers: [] }} />,
}

export const StatsLoading: StoryObj<typeof QueueStatsView> = {
  name: 'QueueStats: loading',
  render: () => <QueueStatsView loading />,
}
