import { ScoreForm } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import {
  allTypeConfigs,
  confidenceConfig,
  groundedConfig,
  noteConfig,
  qualityConfig,
  verdictConfig,
} from '../packages/react/src/annotation/test-utils/fixtures'

const meta = {
  title: 'Annotation/ScoreForm',
  component: ScoreForm,
  args: { configs: allTypeConfigs, onSubmit: fn(), onValueChange: fn(), 'aria-label': 'Scores' },
  render: (args) => (
    <div className="sl-root" style={{ maxWidth: 420 }}>
      <ScoreForm {...args}>
        <button type="submit" className="sl-button">
          Submit
        </button>
      </ScoreForm>
    </div>
  ),
} satisfies Meta<typeof ScoreForm>

export default meta
type Story = StoryObj<typeof meta>

export const AllTypes: Story = { name: 'Every data type' }

export const Categorical: Story = { args: { configs: [verdictConfig], activeConfigId: verdictConfig.id } }

export const Numeric: Story = { args: { configs: [qualityConfig, confidenceConfig] } }

export const NumericOutOfRange: Story = {
  name: 'Numeric: value outside min/max',
  args: { configs: [qualityConfig], defaultValue: { [qualityConfig.id]: 7 } },
}

export const BooleanScore: Story = {
  name: 'Boolean',
  args: { configs: [groundedConfig], defaultValue: { [groundedConfig.id]: true } },
}

export const Text: Story = { args: { configs: [noteConfig] } }

export const ServerErrors: Story = {
  args: {
    configs: [verdictConfig, qualityConfig],
    defaultValue: { [verdictConfig.id]: 'correct', [qualityConfig.id]: 5 },
    errors: { [qualityConfig.id]: 'quality is at most 4' },
    formError: 'The server did not accept these scores; see the fields.',
  },
}

export const ReadOnly: Story = {
  args: {
    readOnly: true,
    defaultValue: {
      [verdictConfig.id]: 'partly correct',
      [qualityConfig.id]: 3,
      [groundedConfig.id]: false,
      [confidenceConfig.id]: 0.5,
      [noteConfig.id]: 'Cites a retired doc.',
    },
  },
}
