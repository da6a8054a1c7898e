import { EvaluatorAgreement } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import {
  categoricalAgreementFixture,
  emptyAgreementFixture,
  numericAgreementFixture,
  weakBooleanAgreementFixture,
  wideAgreement,
} from './evaluator-fixtures'

const meta = {
  title: 'Evaluators/EvaluatorAgreement',
  component: EvaluatorAgreement,
  args: {
    agreement: categoricalAgreementFixture,
    humanScoreName: 'correctness',
    humanScoreNames: ['correctness', 'helpful', 'helpfulness', 'topic'],
    evaluatorId: 'ev-helpful',
    onHumanScoreNameChange: fn(),
    onRetry: fn(),
  },
} satisfies Meta<typeof EvaluatorAgreement>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { name: 'Categorical' }

export const WeakBoolean: Story = { name: 'Boolean, weak κ', args: { agreement: weakBooleanAgreementFixture, humanScoreName: 'helpful' } }

export const Numeric: Story = { args: { agreement: numericAgreementFixture, humanScoreName: 'helpfulness' } }

export const NoName: Story = { name: 'No score named yet', args: { agreement: undefined, humanScoreName: '' } }

export const Loading: Story = { args: { agreement: undefined, loading: true } }

export const Empty: Story = { name: 'Empty (n = 0)', args: { agreement: emptyAgreementFixture, humanScoreName: 'helpful' } }

export const ErrorState: Story = { name: 'Error', args: { agreement: undefined, error: 'no human scores named "correctnes"' } }

export const Huge: Story = { name: 'Huge (12 categories)', args: { agreement: wideAgreement, humanScoreName: 'topic' } }
