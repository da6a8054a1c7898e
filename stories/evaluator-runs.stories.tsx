import { EvaluatorRuns } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { evalRunsFixture, makeRuns } from './evaluator-fixtures'

const meta = {
  title: 'Evaluators/EvaluatorRuns',
  component: EvaluatorRuns,
  args: { runs: evalRunsFixture, onOpenTrace: fn(), onLoadMore: fn(), onRetry: fn(), onStatusChange: fn(), timeZone: 'UTC' },
} satisfies Meta<typeof EvaluatorRuns>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { hasMore: true } }

export const Loading: Story = { args: { runs: undefined, loading: true } }

export const Empty: Story = { args: { runs: [] } }

export const EmptyFiltered: Story = { name: 'Empty: no errors', args: { runs: [], defaultStatus: 'error' } }

export const ErrorState: Story = { name: 'Error', args: { runs: undefined, error: 'evaluator ev-x not found' } }

export const LoadingMore: Story = { name: 'Loading more', args: { hasMore: true, loadingMore: true } }

export const Huge: Story = { name: 'Huge (500 runs)', args: { runs: makeRuns(500), hasMore: true } }
