import { SightlineError } from '@sightline/core'
import { AddToDatasetButton, AddToQueueButton, TraceViewer } from '@sightline/react'
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
  args: { trace: null, spans: [], error: new SightlineError(500, 'internal', 'the database is not reachable') },
}

/** The server answered 404: a mistyped link, another project, or spans still on their way. */
export const NotFound: Story = {
  name: 'Trace not found',
  args: { trace: null, spans: [], traceId: 'tr-7f3a9c', error: new SightlineError(404, 'not_found', 'trace not found') },
}

/** The host's actions in the header: review queue and dataset. Ids copy from the header and the detail. */
export const WithActions: Story = {
  name: 'With actions',
  args: {
    defaultSelectedSpanId: 'rag-generate',
    actions: (
      <>
        <AddToQueueButton
          traceIds={[ragTrace.id]}
          queues={[
            {
              id: 'q-neg',
              name: 'Negative feedback',
              description: null,
              scoreConfigIds: ['helpful'],
              reviewersPerItem: 1,
              leaseSeconds: 300,
              rules: [],
              archivedAt: null,
              createdAt: '2026-11-20T10:00:00.000Z',
            },
          ]}
          onAdd={fn()}
        />
        <AddToDatasetButton traceIds={[ragTrace.id]} datasets={[]} onAdd={fn()} />
      </>
    ),
  },
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
