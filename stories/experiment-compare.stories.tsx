import { ExperimentCompare } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { compareItemsFixture, experimentCompareFixture, makeCompare, makeCompareItems } from './experiment-fixtures'

const meta = {
  title: 'Experiments/ExperimentCompare',
  component: ExperimentCompare,
  args: {
    compare: experimentCompareFixture,
    items: compareItemsFixture,
    onRetry: fn(),
    onItemsRetry: fn(),
    onLoadMore: fn(),
    onScoreChange: fn(),
    onRegressionsOnlyChange: fn(),
  },
} satisfies Meta<typeof ExperimentCompare>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { hasMore: true } }

export const RegressionsOnly: Story = {
  name: 'Regressions only',
  args: { defaultRegressionsOnly: true, items: compareItemsFixture.filter((i) => i.change === 'regressed') },
}

export const NoRegressions: Story = { name: 'Regressions only, none', args: { defaultRegressionsOnly: true, items: [] } }

export const Loading: Story = { args: { compare: undefined, items: undefined, loading: true } }

export const ItemsLoading: Story = { name: 'Items loading', args: { items: undefined, itemsLoading: true } }

export const Empty: Story = { name: 'Empty (nothing picked)', args: { compare: undefined, items: undefined } }

export const NoPairs: Story = {
  name: 'No paired items',
  args: { compare: { ...experimentCompareFixture, items: 0, scores: [] }, items: [] },
}

export const ErrorState: Story = { name: 'Error', args: { compare: undefined, items: undefined, error: 'experiment exp-x not found' } }

export const ItemsError: Story = { name: 'Items error', args: { items: undefined, itemsError: 'the view token has expired' } }

export const Huge: Story = {
  name: 'Huge (40 scores, 200 items × 5 runs)',
  args: { compare: makeCompare(40), items: makeCompareItems(200), hasMore: true },
}
