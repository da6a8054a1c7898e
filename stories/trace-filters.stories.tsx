import type { TraceListQuery } from '@sightline/core'
import { TraceFilters, traceListQueryToSearchParams } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { fn } from 'storybook/test'

const meta = {
  title: 'Explorer/TraceFilters',
  component: TraceFilters,
  args: {
    onValueChange: fn(),
    options: { environment: ['production', 'staging'], model: ['gpt-4o', 'gpt-4o-mini'], name: ['rag-qa', 'support-agent'] },
  },
} satisfies Meta<typeof TraceFilters>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = {}

export const Filled: Story = {
  args: {
    defaultValue: {
      environment: 'production',
      model: 'gpt-4o',
      status: 'error',
      tag: ['beta'],
      metadata: { plan: 'enterprise' },
      score: { helpfulness: { min: 0.5 } },
      minLatencyMs: 2000,
    },
  },
}

/** Controlled by a host that keeps the query in its URL: the search params are shown below. */
export const InTheUrl: Story = {
  name: 'Controlled (URL)',
  render: (args) => {
    const [query, setQuery] = useState<TraceListQuery>({ environment: 'staging', sort: '-latencyMs' })
    return (
      <>
        <TraceFilters
          {...args}
          value={query}
          onValueChange={(q) => {
            setQuery(q)
            args.onValueChange?.(q)
          }}
        />
        <p>
          <code>?{traceListQueryToSearchParams(query).toString()}</code>
        </p>
      </>
    )
  },
}
