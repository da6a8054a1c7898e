import { SightlineError } from '@sightline/core'
import { TraceViewer } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { agentSpans, agentTrace, errorSpans, errorTrace, makeHugeSpans, ragSpans, ragTrace, viewerScores } from './fixtures'

const huge = makeHugeSpans(50_000)
const hugeTrace = { ...ragTrace, id: 'trace-huge', name: '50,000 spans', spanCount: huge.length, models: ['gpt-4o-mini'] }

const meta = {
  title: 'Explorer/TraceViewer',
  component: TraceViewer,
  args: {
    trace: ragTrace,
    spans: ragSpans,
    scores: viewerScores,
    onSelectedSpanChange: fn(),
    onSearchChange: fn(),
    onRetry: fn(),
  },
} satisfies Meta<typeof TraceViewer>

export default meta
type Story = StoryObj<typeof meta>

export const Rag: Story = { name: 'RAG answer', args: { defaultSelectedSpanId: 'rag-generate' } }

export const Agent: Story = {
  name: 'Agent with tools',
  args: { trace: agentTrace, spans: agentSpans, scores: [], defaultSelectedSpanId: 'ag-answer' },
}

export const ErrorTrace: Story = {
  name: 'Failed trace',
  args: { trace: errorTrace, spans: errorSpans, scores: [], defaultSelectedSpanId: 'er-gen' },
}

export const Huge: Story = { name: 'Huge (50,000 spans)', args: { trace: hugeTrace, spans: huge, scores: [] } }

export const Searching: Story = { args: { trace: agentTrace, spans: agentSpans, scores: [], defaultSearch: 'lookup' } }

export const Loading: Story = { args: { trace: null, spans: [], loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { trace: null, spans: [], error: new SightlineError(404, 'not_found', 'trace not found') },
}

/** The parts in a custom layout: tree and detail only. */
export const CustomLayout: Story = {
  args: { defaultSelectedSpanId: 'rag-retrieve' },
  render: (args) => (
    <TraceViewer.Root {...args}>
      <TraceViewer.Header headingLevel={3} />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <TraceViewer.Tree />
        <TraceViewer.Detail />
      </div>
    </TraceViewer.Root>
  ),
}
