import { createClient } from '@sightline/core'
import { DEFAULT_GROUP_BY_OPTIONS, MonitoringDashboard, SightlineProvider } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { QueryClient } from '@tanstack/react-query'
import { type ComponentProps, useState } from 'react'
import { fn } from 'storybook/test'
import { fixtureMetricsFetch, STORY_NOW } from './metrics-fixtures'

type FetchMode = Parameters<typeof fixtureMetricsFetch>[0]

/** The dashboard on a client whose `fetch` answers from the fixture generator. */
function WithFixtures({ mode, ...props }: ComponentProps<typeof MonitoringDashboard> & { mode?: FetchMode }) {
  const [client] = useState(() => createClient({ baseUrl: '', fetch: fixtureMetricsFetch(mode) }))
  // No retries: the error story should show its error at once.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return (
    <SightlineProvider client={client} queryClient={queryClient}>
      <MonitoringDashboard {...props} />
    </SightlineProvider>
  )
}

const meta = {
  title: 'Metrics/MonitoringDashboard',
  component: WithFixtures,
  args: {
    now: STORY_NOW,
    timeZone: 'UTC',
    scoreNames: ['helpfulness'],
    groupByOptions: [...DEFAULT_GROUP_BY_OPTIONS, { value: 'metadata.plan', label: 'Plan (metadata)' }],
    onFilter: fn(),
    onRangeChange: fn(),
    onGroupByChange: fn(),
  },
  parameters: { layout: 'fullscreen' },
  decorators: [
    (Story) => (
      <div style={{ padding: 16, background: 'var(--sl-color-bg-subtle)' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof WithFixtures>

export default meta
type Story = StoryObj<typeof meta>

export const Overview: Story = {}

export const GroupedByModel: Story = { name: 'Grouped by model (with "other")', args: { defaultGroupBy: 'model', defaultRange: '24h' } }

export const GroupedByEnvironment: Story = {
  name: 'Grouped by environment, 30 days',
  args: { defaultGroupBy: 'environment', defaultRange: '30d' },
}

export const Loading: Story = { args: { mode: { never: true } } }

export const Empty: Story = {
  name: 'Empty project (how to send a first trace)',
  args: { mode: { empty: true }, serverUrl: 'http://127.0.0.1:4318' },
}

export const Narrow: Story = {
  name: 'Narrow (key figures two by four)',
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 390 }}>
        <Story />
      </div>
    ),
  ],
}

export const ErrorState: Story = { name: 'Error', args: { mode: { fail: { status: 401, message: 'the view token has expired' } } } }
