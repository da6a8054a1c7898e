import type { MetricsResponse } from '@sightline/core'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ScoreDistribution } from './score-distribution'
import { at, emptyRange } from './test-utils/fixtures'

const response = (totals: Record<string, number>): MetricsResponse => ({
  interval: '1d',
  from: at(0),
  to: at(7),
  series: [],
  totals,
  percentiles: { relativeError: 0.01 },
})

describe('ScoreDistribution', () => {
  it('draws category bars, most frequent first, with a table for screen readers', async () => {
    const { container } = render(
      <ScoreDistribution
        response={response({ 'score.tone.distribution.kind': 6, 'score.tone.distribution.rude': 1, 'score.tone.distribution.neutral': 3 })}
        scoreName="tone"
        width={400}
      />,
    )
    const rows = within(screen.getByRole('table', { name: 'tone distribution' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows.map((r) => r.textContent)).toEqual(['kind660%', 'neutral330%', 'rude110%'])
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3)
    expect(screen.getByRole('region', { name: 'tone distribution' })).toHaveAccessibleDescription('number of scores')
    expect(screen.getByText('10 scores')).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })

  it('bins many numeric values into a histogram and filters on a bin', () => {
    const totals: Record<string, number> = {}
    for (let i = 0; i <= 40; i++) totals[`score.helpfulness.distribution.${i / 40}`] = 1
    const onFilter = vi.fn()
    const { container } = render(
      <ScoreDistribution
        response={response(totals)}
        scoreName="helpfulness"
        bins={4}
        width={400}
        onFilter={onFilter}
        filters={{ environment: 'production' }}
      />,
    )
    expect(screen.getByText('41 scores, in 4 ranges')).toBeInTheDocument()
    fireEvent.click(container.querySelectorAll('.recharts-bar-rectangle')[3]!)
    expect(onFilter).toHaveBeenCalledWith({
      environment: 'production',
      score: { helpfulness: { min: 0.75, max: 1 } },
      from: Date.parse(at(0)),
      to: Date.parse(at(7)),
    })
  })

  it('is empty without scores', () => {
    render(<ScoreDistribution response={emptyRange()} scoreName="helpfulness" width={400} />)
    expect(screen.getByText('No data in this range')).toBeInTheDocument()
  })
})
