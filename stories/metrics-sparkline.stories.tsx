import { Sparkline } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'

const meta = {
  title: 'Metrics/Sparkline',
  component: Sparkline,
  args: { values: [3, 5, 4, 6, 8, 7, 9, 6, 5, 7], width: 160, height: 32 },
  decorators: [
    (Story) => (
      <div style={{ padding: 16, color: 'var(--sl-color-fg)', fontFamily: 'var(--sl-font-family)' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Sparkline>

export default meta
type Story = StoryObj<typeof meta>

export const Continuous: Story = {}

/** Empty buckets lift the pen; a faint dashed bridge shows where the data resumes. */
export const WithGaps: Story = {
  name: 'With gaps (empty buckets)',
  args: { values: [3, 5, null, 6, 8, null, null, 6, 5, 7] },
}

/** Points between gaps have no segment: each gets a dot, so none disappears. */
export const Sparse: Story = {
  name: 'Sparse (isolated points)',
  args: { values: [4, null, 6, null, null, 3, null, 7, null, 5] },
}

export const LeadingAndTrailingGaps: Story = {
  name: 'Leading and trailing gaps (not bridged)',
  args: { values: [null, null, 4, 6, 5, null, null] },
}

export const Empty: Story = { args: { values: [null, null, null] } }
