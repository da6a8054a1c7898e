import { QueueList, QueueStats } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { queueListFixture, queueStatsFixture } from '../packages/react/src/annotation/test-utils/fixtures'

const meta = {
  title: 'Annotation/QueueList',
  component: QueueList,
  args: { queues: queueListFixture, onOpen: fn(), onRetry: fn() },
} satisfies Meta<typeof QueueList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { currentQueueId: 'q-neg' } }

export const Loading: Story = { args: { queues: undefined, loading: true } }

export const Empty: Story = { args: { queues: [] } }

export const ErrorState: Story = { name: 'Error', args: { queues: undefined, error: 'the view token has expired' } }

/** Per-reviewer statistics of one queue. */
export const Stats: StoryObj<typeof QueueStats> = {
  name: 'QueueStats',
  render: () => <QueueStats stats={queueStatsFixture} timeZone="UTC" />,
}

export const StatsNobodyYet: StoryObj<typeof QueueStats> = {
  name: 'QueueStats: nobody reviewed yet',
  render: () => <QueueStats stats={{ counts: { total: 12, pending: 12, inProgress: 0, done: 0, skipped: 0 }, reviewers: [] }} />,
}

export const StatsLoading: StoryObj<typeof QueueStats> = {
  name: 'QueueStats: loading',
  render: () => <QueueStats loading />,
}
