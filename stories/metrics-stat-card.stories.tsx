import { SightlineError } from '@sightline/core'
import { StatCard } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { emptyWeek, metricsFixture, STORY_NOW, weekTotals } from './metrics-fixtures'

const meta = {
  title: 'Metrics/StatCard',
  component: StatCard,
  args: { response: weekTotals, metric: 'count', onRetry: fn() },
  decorators: [
    (Story) => (
      <div style={{ width: 220 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof StatCard>

export default meta
type Story = StoryObj<typeof meta>

export const Volume: Story = { name: 'Volume (neutral)' }

export const Latency: Story = { name: 'Latency (down is good)', args: { metric: 'latency.p95' } }

export const ErrorRate: Story = { name: 'Error rate (in percentage points)', args: { metric: 'errorRate' } }

export const Cost: Story = { args: { metric: 'cost.sum' } }

export const PositiveFeedback: Story = { name: 'Positive feedback (up is good)', args: { metric: 'feedback.positiveRate' } }

export const ScoreAverage: Story = { name: 'Score average', args: { metric: 'score.helpfulness.avg' } }

export const NoComparison: Story = {
  name: 'Without a previous period',
  args: {
    response: metricsFixture({ metrics: ['count'], from: STORY_NOW - 86_400_000, to: STORY_NOW, interval: '1h' }),
  },
}

export const Loading: Story = { args: { response: undefined, loading: true } }

export const Empty: Story = { args: { response: emptyWeek, metric: 'latency.p95' } }

export const ErrorState: Story = {
  name: 'Error',
  args: { response: undefined, error: new SightlineError(503, 'internal', 'the server is busy') },
}

/** A row of cards, as the dashboard lays them out. */
export const Row: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 13rem)', gap: 12 }}>
      {(['count', 'errorRate', 'latency.p95', 'cost.sum'] as const).map((metric) => (
        <StatCard key={metric} {...args} metric={metric} />
      ))}
    </div>
  ),
  decorators: [(Story) => <Story />],
}
