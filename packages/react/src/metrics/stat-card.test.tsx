import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { StatCard } from './stat-card'
import { withPrevious } from './test-utils/fixtures'

const card = (name: string) => screen.getByRole('group', { name })

describe('StatCard', () => {
  it('shows the value and a falling latency as good news', async () => {
    const { container } = render(<StatCard response={withPrevious({ 'latency.p95': 900 }, { 'latency.p95': 1200 })} metric="latency.p95" />)
    const stat = card('Latency p95')
    expect(stat).toHaveTextContent('900 ms')
    expect(stat).toHaveTextContent('down −25% vs previous period (1.2 s), better')
    expect(stat.querySelector('.sl-stat-card__delta')).toHaveAttribute('data-tone', 'good')
    expect(stat.querySelector('.sl-stat-card__arrow')).toHaveTextContent('▼')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows a rising error rate in percentage points, as bad news', () => {
    render(<StatCard response={withPrevious({ errorRate: 0.05 }, { errorRate: 0.02 })} metric="errorRate" />)
    const delta = card('Error rate').querySelector('.sl-stat-card__delta')!
    expect(delta).toHaveTextContent('▲ up +3 pp')
    expect(delta).toHaveAttribute('data-tone', 'bad')
    expect(delta).toHaveAttribute('data-direction', 'up')
  })

  it('leaves more volume neutral, and takes a polarity', () => {
    const { rerender } = render(<StatCard response={withPrevious({ count: 120 }, { count: 100 })} metric="count" />)
    expect(card('Traces').querySelector('.sl-stat-card__delta')).toHaveAttribute('data-tone', 'neutral')
    expect(card('Traces')).toHaveTextContent('+20%')
    rerender(<StatCard response={withPrevious({ count: 120 }, { count: 100 })} metric="count" polarity="up-good" label="Conversations" />)
    expect(card('Conversations').querySelector('.sl-stat-card__delta')).toHaveAttribute('data-tone', 'good')
  })

  it('says so when there is nothing to compare, and shows loading and error states', () => {
    const { rerender } = render(<StatCard response={withPrevious({ 'latency.p95': 900 }, { 'latency.p95': null })} metric="latency.p95" />)
    expect(card('Latency p95')).toHaveTextContent('no data to compare')
    rerender(<StatCard response={undefined} loading metric="cost.sum" />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading Cost…')
    rerender(<StatCard response={undefined} error="HTTP 503" metric="cost.sum" />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load: HTTP 503')
  })

  it("says what its number counts, under the label and as the card's description", async () => {
    const { container, rerender } = render(
      <StatCard response={withPrevious({ errorRate: 0.042 }, { errorRate: 0.03 })} metric="errorRate" />,
    )
    expect(card('Error rate')).toHaveAccessibleDescription('share of traces with an error')
    expect(container.querySelector('.sl-stat-card__unit')).toHaveTextContent('share of traces with an error')
    expect(await axeViolations(container)).toEqual([])
    rerender(<StatCard response={withPrevious({ 'latency.p95': 900 }, { 'latency.p95': 800 })} metric="latency.p95" />)
    expect(card('Latency p95')).toHaveAccessibleDescription('per trace')
    // "Traces" says it already: no "traces" under it.
    rerender(<StatCard response={withPrevious({ count: 5 }, { count: 4 })} metric="count" />)
    expect(container.querySelector('.sl-stat-card__unit')).toBeNull()
    rerender(<StatCard response={withPrevious({ count: 5 }, { count: 4 })} metric="count" label="LLM calls" unit="generation spans" />)
    expect(card('LLM calls')).toHaveAccessibleDescription('generation spans')
  })
})
