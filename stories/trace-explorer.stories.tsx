import { FirstTraceGuide, TraceExplorer, TraceFilters, TraceTable, TraceViewer } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { fn } from 'storybook/test'
import { ragSpans, ragTrace, traces1000, traces25, viewerScores } from './fixtures'

const COMPACT = ['time', 'name', 'status', 'feedback', 'cost'] as const

/** The explorer's layout with the presentational parts: a row click opens the RAG trace beside the table. */
function Explorer({
  traces = traces25,
  initiallyOpen = false,
  empty = false,
}: {
  traces?: typeof traces25
  initiallyOpen?: boolean
  empty?: boolean
}) {
  const [open, setOpen] = useState<string | null>(initiallyOpen ? (traces[0]?.id ?? null) : null)
  return (
    <TraceExplorer
      toolbar={<TraceFilters defaultValue={{}} />}
      table={
        <TraceTable
          traces={empty ? [] : traces}
          columns={open ? COMPACT : undefined}
          selectedId={open}
          onSelect={(id) => setOpen(id)}
          emptyMessage={<FirstTraceGuide serverUrl="http://localhost:4318" headingLevel={3} />}
        />
      }
      viewer={
        open ? (
          <TraceViewer
            trace={ragTrace}
            spans={ragSpans}
            scores={viewerScores}
            actions={
              <button className="sl-button" type="button" onClick={() => setOpen(null)}>
                Close<span className="sl-visually-hidden"> trace</span>
              </button>
            }
          />
        ) : null
      }
      onSplitChange={fn()}
    />
  )
}

const meta = {
  title: 'Explorer/TraceExplorer',
  component: Explorer,
  // The explorer fills its container's height, as on an admin page.
  decorators: [
    (Story) => (
      <div style={{ height: 760 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Explorer>

export default meta
type Story = StoryObj<typeof meta>

export const TableOnly: Story = { name: 'No trace open' }

export const TraceOpen: Story = { name: 'Trace open beside the table', args: { initiallyOpen: true } }

export const Narrow: Story = {
  name: 'Narrow container (stacked)',
  args: { initiallyOpen: true },
  decorators: [
    (Story) => (
      <div style={{ width: 390 }}>
        <Story />
      </div>
    ),
  ],
}

export const EmptyProject: Story = { name: 'Empty project (first trace guide)', args: { empty: true } }

export const Huge: Story = { name: 'Huge (1,000 traces)', args: { traces: traces1000, initiallyOpen: true } }

export const Guide: Story = {
  name: 'First trace guide alone',
  render: () => <FirstTraceGuide serverUrl="http://localhost:4318" />,
}
