import { fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { MetricChart } from './metric-chart'
import { byEnvironment, byModel, emptyRange, T0 } from './test-utils/fixtures'

const DAY = 86_400_000
const legendButtons = (name: string) => within(screen.getByRole('list', { name })).getAllByRole('button')
// The table's caption is the title and what the chart counts: "Traces by environment (traces)".
const dataTable = (name: string) => screen.getByRole('table', { name: (n: string) => n.startsWith(`${name} (`) })
const columnHeaders = (name: string) =>
  within(dataTable(name))
    .getAllByRole('columnheader')
    .map((c) => c.textContent)

describe('MetricChart', () => {
  it('draws one series per group, with a legend and an accessible summary and table', async () => {
    const { container } = render(
      <MetricChart response={byEnvironment()} metric="count" kind="bar" groupBy="environment" width={600} timeZone="UTC" />,
    )
    expect(screen.getByRole('heading', { name: 'Traces by environment' })).toBeInTheDocument()
    const toggles = legendButtons('Traces by environment: groups')
    expect(toggles.map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([
      ['production', 'true'],
      ['staging', 'true'],
      ['Other', 'true'],
    ])
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'production', 'staging', 'Other'])
    expect(container.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0)
    expect(container.querySelector('p.sl-visually-hidden')).toHaveTextContent('production: 42 overall, peak 12')
    expect(await axeViolations(container)).toEqual([])
  })

  it('hides and shows a group from the legend (uncontrolled)', () => {
    const onHiddenGroupsChange = vi.fn()
    render(
      <MetricChart
        response={byEnvironment()}
        metric="count"
        groupBy="environment"
        width={600}
        onHiddenGroupsChange={onHiddenGroupsChange}
      />,
    )
    const staging = legendButtons('Traces by environment: groups')[1]!
    fireEvent.click(staging)
    expect(onHiddenGroupsChange).toHaveBeenLastCalledWith(['staging'])
    expect(staging).toHaveAttribute('aria-pressed', 'false')
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'production', 'Other'])
    fireEvent.click(staging)
    expect(onHiddenGroupsChange).toHaveBeenLastCalledWith([])
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'production', 'staging', 'Other'])
  })

  it('follows hiddenGroups when controlled', () => {
    function Controlled() {
      const [hidden, setHidden] = useState<(string | null)[]>(['other'])
      return (
        <>
          <MetricChart
            response={byEnvironment()}
            metric="count"
            groupBy="environment"
            width={600}
            hiddenGroups={hidden}
            onHiddenGroupsChange={setHidden}
          />
          <button type="button" onClick={() => setHidden([])}>
            Show all
          </button>
        </>
      )
    }
    render(<Controlled />)
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'production', 'staging'])
    fireEvent.click(legendButtons('Traces by environment: groups')[0]!)
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'staging'])
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }))
    expect(columnHeaders('Traces by environment')).toEqual(['Time', 'production', 'staging', 'Other'])
  })

  it('draws a gap where an average has no data, never a zero', () => {
    const { container } = render(
      <MetricChart response={byEnvironment()} metric="latency.p95" groupBy="environment" width={600} timeZone="UTC" />,
    )
    const rows = within(dataTable('Latency p95 by environment')).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['800 ms', 'no data', '950 ms', '700 ms'])
    // The staging line is two runs: the pen lifts over the empty day.
    const curves = [...container.querySelectorAll('path.recharts-line-curve')].map((p) => p.getAttribute('d') ?? '')
    expect(curves).toHaveLength(3)
    expect(curves[1]!.match(/M/g)).toHaveLength(2)
    expect(curves[0]!.match(/M/g)).toHaveLength(1)
  })

  it('says what it counts: traces, or LLM calls by model, with a note on error charts', async () => {
    const { container, rerender } = render(<MetricChart response={byEnvironment()} metric="count" groupBy="environment" width={600} />)
    expect(screen.getByRole('region', { name: 'Traces by environment' })).toHaveAccessibleDescription('traces')
    expect(screen.queryByRole('note')).toBeNull()

    rerender(<MetricChart response={byModel()} metric="errors" kind="bar" title="Errors by model" groupBy="model" width={600} />)
    const region = screen.getByRole('region', { name: 'Errors by model' })
    expect(region).toHaveAccessibleDescription('LLM calls with an error LLM calls: errors on tool spans are not counted here')
    expect(within(region).getByRole('note')).toHaveTextContent('errors on tool spans are not counted here')
    expect(dataTable('Errors by model')).toHaveAccessibleName('Errors by model (LLM calls with an error)')
    expect(await axeViolations(container)).toEqual([])

    // Other metrics by model say their unit without the note.
    rerender(<MetricChart response={byModel()} metric="cost.sum" kind="bar" groupBy="model" width={600} />)
    expect(screen.getByRole('region', { name: 'Cost by model' })).toHaveAccessibleDescription('summed over LLM calls')
    expect(screen.queryByRole('note')).toBeNull()
  })

  it('draws lines and areas as straight segments between buckets, never smoothed curves', () => {
    const { container, rerender } = render(
      <MetricChart response={byModel()} metric="tokens.total.sum" kind="area" groupBy="model" width={600} />,
    )
    const curves = () =>
      [...container.querySelectorAll('path.recharts-area-curve, path.recharts-line-curve')].map((p) => p.getAttribute('d') ?? '')
    expect(curves().length).toBeGreaterThan(0)
    // A smoothed (monotone, basis…) path is made of cubic Béziers: "C" commands.
    for (const d of curves()) expect(d).not.toMatch(/C/i)
    rerender(<MetricChart response={byEnvironment()} metric="latency.p95" kind="line" groupBy="environment" width={600} />)
    expect(curves().length).toBeGreaterThan(0)
    for (const d of curves()) expect(d).not.toMatch(/C/i)
  })

  it('asks for a group’s traces from the legend, over the whole range, but not for "other"', () => {
    const onFilter = vi.fn()
    render(
      <MetricChart
        response={byEnvironment()}
        metric="count"
        groupBy="environment"
        filters={{ release: '1.6.0' }}
        width={600}
        onFilter={onFilter}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Show traces: staging' }))
    expect(onFilter).toHaveBeenCalledWith({ release: '1.6.0', environment: 'staging', from: T0, to: T0 + 4 * DAY })
    expect(screen.queryByRole('button', { name: 'Show traces: Other' })).toBeNull()
  })

  it('asks for a clicked bar’s group and bucket', () => {
    const onFilter = vi.fn()
    const { container } = render(
      <MetricChart response={byEnvironment()} metric="count" kind="bar" groupBy="environment" width={600} onFilter={onFilter} />,
    )
    // Stacked bars: production's four buckets come first.
    const bars = container.querySelectorAll('.recharts-bar-rectangle')
    fireEvent.click(bars[1]!)
    expect(onFilter).toHaveBeenCalledTimes(1)
    expect(onFilter).toHaveBeenCalledWith({ environment: 'production', from: T0 + DAY, to: T0 + 2 * DAY })
  })

  it('shows a skeleton, an error with retry, and "No data in this range"', async () => {
    const { rerender, container } = render(<MetricChart response={undefined} loading metric="count" width={600} />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading Traces…')
    expect(await axeViolations(container)).toEqual([])

    const onRetry = vi.fn()
    rerender(<MetricChart response={undefined} error={new Error('view token expired')} onRetry={onRetry} metric="count" width={600} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load metrics: view token expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()

    rerender(<MetricChart response={emptyRange()} metric="count" width={600} />)
    expect(screen.getByText('No data in this range')).toBeInTheDocument()
    expect(container.querySelector('svg')).toBeNull()
  })

  it('keeps the last answer on screen, busy, while a new one loads', () => {
    render(<MetricChart response={byEnvironment()} loading metric="count" groupBy="environment" width={600} />)
    expect(screen.getByRole('region', { name: 'Traces by environment' })).toHaveAttribute('aria-busy', 'true')
    expect(screen.queryByRole('status')).toBeNull()
  })
})
