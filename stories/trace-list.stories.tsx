import { SightlineError } from '@sightline/core'
import { TraceList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { traces1000, traces25 } from './fixtures'

const meta = {
  title: 'Traces/TraceList',
  component: TraceList,
  args: {
    traces: traces25,
    onSelect: fn(),
    onSelectedIdChange: fn(),
    onRetry: fn(),
    onLoadMore: fn(),
  },
  // The list scrolls inside its own box, as it would in an embedding page.
  decorators: [(Story) => <div style={{ height: 520, display: 'flex', flexDirection: 'column' }}><Story /></div>],
} satisfies Meta<typeof TraceList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { hasMore: true } }

export const Loading: Story = { args: { traces: [], loading: true } }

export const Empty: Story = { args: { traces: [] } }

export const ErrorState: Story = {
  name: 'Error',
  args: {
    traces: [],
    error: new SightlineError(401, 'unauthorized', 'the view token has expired'),
  },
}

export const LoadingMore: Story = { args: { hasMore: true, loadingMore: true } }

export const Selected: Story = { args: { defaultSelectedId: traces25[3].id } }

export const Huge: Story = { name: 'Huge (1,000 rows)', args: { traces: traces1000, hasMore: true } }
