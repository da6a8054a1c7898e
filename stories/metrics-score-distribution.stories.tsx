import { SightlineError } from '@sightline/core'
import { ScoreDistribution } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { emptyWeek, scoreDistributions } from './metrics-fixtures'

const meta = {
  title: 'Metrics/ScoreDistribution',
  component: ScoreDistribution,
  args: { response: scoreDistributions, scoreName: 'helpfulness', onFilter: fn(), onRetry: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ScoreDistribution>

export default meta
type Story = StoryObj<typeof meta>

export const NumericHistogram: Story = { name: 'Numeric (binned into a histogram)' }

export const NumericValues: Story = { name: 'Numeric (a few values)', args: { scoreName: 'rating' } }

export const BooleanScore: Story = { name: 'Boolean (thumbs)', args: { scoreName: 'user_feedback', title: 'User feedback' } }

export const Categories: Story = { args: { scoreName: 'tone' } }

export const Loading: Story = { args: { response: undefined, loading: true } }

export const Empty: Story = { args: { response: emptyWeek } }

export const ErrorState: Story = {
  name: 'Error',
  args: { response: undefined, error: new SightlineError(0, 'network', 'could not reach the server') },
}
