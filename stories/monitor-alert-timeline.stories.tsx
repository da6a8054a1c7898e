import { AlertTimeline } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { makeEvents, monitorEventsFixture, monitorListFixture } from './monitor-fixtures'

const meta = {
  title: 'Monitors/AlertTimeline',
  component: AlertTimeline,
  args: {
    events: monitorEventsFixture,
    monitor: monitorListFixture[0]!,
    onOpenTraces: fn(),
    onLoadMore: fn(),
    onRetry: fn(),
    timeZone: 'UTC',
  },
} satisfies Meta<typeof AlertTimeline>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = {}

export const Loading: Story = { args: { events: undefined, loading: true } }

export const Empty: Story = { args: { events: [] } }

export const ErrorState: Story = { name: 'Error', args: { events: undefined, error: 'monitor mon-x not found' } }

export const LoadingMore: Story = { name: 'Loading more', args: { hasMore: true, loadingMore: true } }

export const Huge: Story = { name: 'Huge (500 events)', args: { events: makeEvents(500), hasMore: true } }
