import { SightlineError } from '@sightline/core'
import { TraceTable } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { traces1000, traces25, viewerScores } from './fixtures'

const meta = {
  title: 'Explorer/TraceTable',
  component: TraceTable,
  args: {
    traces: traces25,
    onSelect: fn(),
    onSelectedIdChange: fn(),
    onSortChange: fn(),
    onRetry: fn(),
    onLoadMore: fn(),
  },
  // The table scrolls inside its own box, as it would in an embedding page.
  decorators: [
    (Story) => (
      <div style={{ height: 560, display: 'flex', flexDirection: 'column' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TraceTable>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { hasMore: true } }

export const Loading: Story = { args: { traces: [], loading: true } }

export const Empty: Story = { args: { traces: [], emptyMessage: 'No traces match these filters.' } }

export const ErrorState: Story = {
  name: 'Error',
  args: { traces: [], error: new SightlineError(401, 'unauthorized', 'the view token has expired') },
}

export const AllColumns: Story = {
  name: 'All columns, with scores',
  args: {
    columns: [
      'time',
      'name',
      'input',
      'output',
      'user',
      'session',
      'environment',
      'release',
      'models',
      'latency',
      'tokens',
      'cost',
      'status',
      'feedback',
      'scores',
      'tags',
    ],
    scores: { [traces25[0]!.id]: viewerScores.map((s) => ({ ...s, traceId: traces25[0]!.id })) },
  },
}

export const SortedByCost: Story = { args: { defaultSort: '-cost' } }

export const Huge: Story = { name: 'Huge (1,000 rows)', args: { traces: traces1000, hasMore: true } }
