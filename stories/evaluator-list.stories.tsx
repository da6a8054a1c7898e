import { EvaluatorList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { evaluatorKindsFixture, evaluatorListFixture, makeEvaluators } from './evaluator-fixtures'

const meta = {
  title: 'Evaluators/EvaluatorList',
  component: EvaluatorList,
  args: { evaluators: evaluatorListFixture, kinds: evaluatorKindsFixture, onSelect: fn(), onResume: fn(), onCreate: fn(), onRetry: fn() },
} satisfies Meta<typeof EvaluatorList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { selectedId: 'ev-helpful' } }

export const Loading: Story = { args: { evaluators: undefined, loading: true } }

export const Empty: Story = { args: { evaluators: [] } }

export const ErrorState: Story = { name: 'Error', args: { evaluators: undefined, error: 'the view token has expired' } }

export const Resuming: Story = { args: { resumingId: 'ev-tone' } }

export const ResumeFailed: Story = { name: 'Resume failed', args: { resumeError: 'the secret key is needed to change evaluators' } }

export const Huge: Story = { name: 'Huge (300 evaluators)', args: { evaluators: makeEvaluators(300) } }
