import { SightlineError } from '@sightline/core'
import { MetricChart } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { dayByModel, emptyWeek, weekByEnvironment, weekTotals } from './metrics-fixtures'

const meta = {
  title: 'Metrics/MetricChart',
  component: MetricChart,
  args: {
    response: weekTotals,
    metric: 'count',
    kind: 'bar',
    timeZone: 'UTC',
    onFilter: fn(),
    onHiddenGroupsChange: fn(),
    onRetry: fn(),
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof MetricChart>

export default meta
type Story = StoryObj<typeof meta>

export const OneSeries: Story = { name: 'One series' }

export const LatencyWithGaps: Story = {
  name: 'Line with gaps (quiet buckets)',
  args: { response: weekByEnvironment, metric: 'latency.p95', kind: 'line', groupBy: 'environment' },
}

export const ManyGroupsWithOther: Story = {
  name: 'Many groups with "other" (stacked bars)',
  args: { response: dayByModel, metric: 'count', kind: 'bar', groupBy: 'model' },
}

export const ManyGroupsLines: Story = {
  name: 'Many groups with "other" (lines)',
  args: { response: dayByModel, metric: 'latency.p95', kind: 'line', groupBy: 'model' },
}

export const ErrorsByModel: Story = {
  name: 'Errors by model (counts LLM calls, with its note)',
  args: { response: dayByModel, metric: 'errors', kind: 'bar', groupBy: 'model' },
}

export const TokensAsBars: Story = {
  name: 'Tokens by model (stacked bars, as the dashboard draws sums)',
  args: { response: dayByModel, metric: 'tokens.total.sum', kind: 'bar', groupBy: 'model' },
}

export const StackedArea: Story = {
  name: 'Stacked area (cost, straight segments)',
  args: { response: dayByModel, metric: 'cost.sum', kind: 'area', groupBy: 'model' },
}

export const SomeGroupsHidden: Story = {
  name: 'Some groups hidden',
  args: { response: dayByModel, metric: 'tokens.total.sum', kind: 'area', groupBy: 'model', defaultHiddenGroups: ['gpt-4o', 'other'] },
}

export const Loading: Story = { args: { response: undefined, loading: true } }

export const Empty: Story = { args: { response: emptyWeek, metric: 'latency.p95', kind: 'line' } }

export const ErrorState: Story = {
  name: 'Error',
  args: { response: undefined, error: new SightlineError(401, 'unauthorized', 'the view token has expired') },
}
