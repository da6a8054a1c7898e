import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { BreakdownTable } from './breakdown-table'
import { byEnvironment, byModel, T0 } from './test-utils/fixtures'

const DAY = 86_400_000
const table = () => screen.getByRole('table', { name: 'Breakdown by environment' })
const groups = () =>
  within(table())
    .getAllByRole('rowheader')
    .map((h) => h.textContent)

describe('BreakdownTable', () => {
  it('lists groups by the first metric, "other" last, with a sparkline each', async () => {
    const { container } = render(<BreakdownTable response={byEnvironment()} metrics={['count', 'latency.p95']} groupBy="environment" />)
    expect(groups()).toEqual(['production', 'staging', 'Other'])
    const production = within(table()).getAllByRole('row')[1]!
    expect(
      within(production)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['42', '1.4 s', ''])
    expect(production.querySelector('svg.sl-sparkline path')).toHaveAttribute('d')
    expect(screen.getByRole('columnheader', { name: 'Traces' })).toHaveAttribute('aria-sort', 'descending')
    expect(await axeViolations(container)).toEqual([])
  })

  it('sorts by any column both ways, keeping "other" last', () => {
    const onSortChange = vi.fn()
    render(
      <BreakdownTable response={byEnvironment()} metrics={['count', 'latency.p95']} groupBy="environment" onSortChange={onSortChange} />,
    )
    fireEvent.click(screen.getByRole('button', { name: /Latency p95/ }))
    expect(onSortChange).toHaveBeenLastCalledWith({ by: 'latency.p95', direction: 'desc' })
    expect(groups()).toEqual(['production', 'staging', 'Other'])
    fireEvent.click(screen.getByRole('button', { name: /Latency p95/ }))
    expect(groups()).toEqual(['staging', 'production', 'Other'])
    expect(screen.getByRole('columnheader', { name: /Latency p95/ })).toHaveAttribute('aria-sort', 'ascending')
    fireEvent.click(screen.getByRole('button', { name: /environment/ }))
    expect(onSortChange).toHaveBeenLastCalledWith({ by: 'group', direction: 'asc' })
    expect(groups()).toEqual(['production', 'staging', 'Other'])
    fireEvent.click(screen.getByRole('button', { name: /environment/ }))
    expect(groups()).toEqual(['staging', 'production', 'Other'])
  })

  it('follows a controlled sort', () => {
    render(<BreakdownTable response={byEnvironment()} metrics={['count']} groupBy="environment" sort={{ by: 'count', direction: 'asc' }} />)
    expect(groups()).toEqual(['staging', 'production', 'Other'])
    fireEvent.click(screen.getByRole('button', { name: 'Traces' }))
    expect(groups()).toEqual(['staging', 'production', 'Other'])
  })

  it('asks for a group’s traces over the range; "other" is not a link', () => {
    const onFilter = vi.fn()
    render(<BreakdownTable response={byEnvironment()} metrics={['count']} groupBy="environment" onFilter={onFilter} />)
    fireEvent.click(screen.getByRole('button', { name: 'staging' }))
    expect(onFilter).toHaveBeenCalledWith({ environment: 'staging', from: T0, to: T0 + 4 * DAY })
    expect(screen.queryByRole('button', { name: 'Other' })).toBeNull()
  })

  it('says it counts LLM calls by model, and why tool errors are missing; traces otherwise, without a note', async () => {
    const { container, rerender } = render(<BreakdownTable response={byModel()} metrics={['count', 'errorRate']} groupBy="model" />)
    const region = screen.getByRole('region', { name: 'Breakdown by model' })
    expect(region).toHaveAccessibleDescription('Counted over LLM calls LLM calls: errors on tool spans are not counted here')
    expect(within(region).getByRole('note')).toHaveTextContent('LLM calls: errors on tool spans are not counted here')
    expect(screen.getByRole('columnheader', { name: 'LLM calls' })).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    rerender(<BreakdownTable response={byEnvironment()} metrics={['count']} groupBy="environment" />)
    expect(screen.getByRole('region', { name: 'Breakdown by environment' })).toHaveAccessibleDescription('Counted over traces')
    expect(screen.queryByRole('note')).toBeNull()
  })
})
