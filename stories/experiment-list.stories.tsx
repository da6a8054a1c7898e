import { ExperimentList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { experimentListFixture, makeExperiments } from './experiment-fixtures'

const meta = {
  title: 'Experiments/ExperimentList',
  component: ExperimentList,
  args: {
    experiments: experimentListFixture,
    onBaseChange: fn(),
    onCandidateChange: fn(),
    onLoadMore: fn(),
    onRetry: fn(),
    timeZone: 'UTC',
  },
} satisfies Meta<typeof ExperimentList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { defaultBase: 'exp-base', defaultCandidate: 'exp-candidate' } }

export const NothingPicked: Story = { name: 'Nothing picked' }

export const Loading: Story = { args: { experiments: undefined, loading: true } }

export const Empty: Story = { args: { experiments: [] } }

export const ErrorState: Story = { name: 'Error', args: { experiments: undefined, error: 'the view token has expired' } }

export const Huge: Story = { name: 'Huge (300 experiments)', args: { experiments: makeExperiments(300), hasMore: true } }
