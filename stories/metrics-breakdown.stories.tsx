import { SightlineError } from '@sightline/core'
import { BreakdownTable } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { dayByModel, emptyWeek, metricsFixture, STORY_NOW, weekByEnvironment } from './metrics-fixtures'

const COLUMNS = ['count', 'errorRate', 'latency.p95', 'tokens.total.sum', 'cost.sum', 'feedback.positiveRate'] as const

const meta = {
  title: 'Metrics/BreakdownTable',
  component: BreakdownTable,
  args: {
    response: dayByModel,
    metrics: COLUMNS,
    groupBy: 'model',
    onFilter: fn(),
    onSortChange: fn(),
    onRetry: fn(),
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 1100 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof BreakdownTable>

export default meta
type Story = StoryObj<typeof meta>

export const ManyGroupsWithOther: Story = { name: 'Many groups with "other"' }

export const ByModelWithUnitNote: Story = {
  name: 'By model: counts LLM calls, with the note on tool errors',
  args: { response: dayByModel, groupBy: 'model', metrics: ['count', 'errors', 'errorRate', 'latency.p95'] },
}

export const SortedByLatency: Story = {
  name: 'Sorted by latency, ascending',
  args: { defaultSort: { by: 'latency.p95', direction: 'asc' } },
}

export const ByEnvironment: Story = { args: { response: weekByEnvironment, groupBy: 'environment' } }

export const OneGroup: Story = {
  name: 'One group',
  args: {
    response: metricsFixture({
      metrics: COLUMNS,
      from: STORY_NOW - 86_400_000,
      to: STORY_NOW,
      interval: '1h',
      groupBy: 'environment',
      groups: ['production'],
    }),
    groupBy: 'environment',
  },
}

export const Loading: Story = { args: { response: undefined, loading: true } }

export const Empty: Story = { args: { response: emptyWeek, groupBy: null } }

export const ErrorState: Story = {
  name: 'Error',
  args: { response: undefined, error: new SightlineError(400, 'validation_failed', 'groupBy: expected one of model, provider, …') },
}
