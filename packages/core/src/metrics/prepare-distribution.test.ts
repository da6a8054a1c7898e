import { describe, expect, it } from 'vitest'
import type { MetricsResponse } from './metrics-query'
import { prepareDistribution } from './prepare-distribution'

const response = (totals: Record<string, number | null>): MetricsResponse => ({
  interval: '1d',
  from: '2026-11-20T00:00:00.000Z',
  to: '2026-11-27T00:00:00.000Z',
  series: [],
  totals,
  percentiles: { relativeError: 0.01 },
})

describe('prepareDistribution', () => {
  it('shows a boolean score as true, then false', () => {
    const d = prepareDistribution(
      response({ 'score.user_feedback.distribution.false': 30, 'score.user_feedback.distribution.true': 90, count: 500 }),
      'user_feedback',
    )
    expect(d).toMatchObject({ kind: 'boolean', binned: false, total: 120, empty: false })
    expect(d.bars).toEqual([
      { key: 'true', label: 'true', count: 90, share: 0.75, condition: { value: true } },
      { key: 'false', label: 'false', count: 30, share: 0.25, condition: { value: false } },
    ])
  })

  it('sorts categories by frequency, then name', () => {
    const d = prepareDistribution(
      response({
        'score.tone.distribution.rude': 2,
        'score.tone.distribution.neutral': 5,
        'score.tone.distribution.kind': 5,
        'score.other.distribution.x': 9,
      }),
      'tone',
    )
    expect(d.kind).toBe('categorical')
    expect(d.bars.map((b) => [b.label, b.count])).toEqual([
      ['kind', 5],
      ['neutral', 5],
      ['rude', 2],
    ])
    expect(d.bars[0]!.condition).toEqual({ value: 'kind' })
  })

  it('sorts a few numeric values ascending (numerically, not as text)', () => {
    const d = prepareDistribution(
      response({ 'score.rating.distribution.10': 1, 'score.rating.distribution.2': 4, 'score.rating.distribution.1': 3 }),
      'rating',
    )
    expect(d).toMatchObject({ kind: 'numeric', binned: false })
    expect(d.bars.map((b) => [b.label, b.count])).toEqual([
      ['1', 3],
      ['2', 4],
      ['10', 1],
    ])
    expect(d.bars[2]!.condition).toEqual({ value: 10 })
  })

  it('bins many numeric values into equal-width ranges, the top value in the last bin', () => {
    const totals: Record<string, number> = {}
    for (let i = 0; i <= 20; i++) totals[`score.helpfulness.distribution.${i / 20}`] = 1
    const d = prepareDistribution(response(totals), 'helpfulness', { maxBars: 10, bins: 4 })
    expect(d).toMatchObject({ kind: 'numeric', binned: true, total: 21 })
    expect(d.bars.map((b) => [b.label, b.count])).toEqual([
      ['0–0.25', 5],
      ['0.25–0.5', 5],
      ['0.5–0.75', 5],
      ['0.75–1', 6],
    ])
    expect(d.bars[1]!.condition).toEqual({ min: 0.25, max: 0.5 })
  })

  it('is empty without any value', () => {
    expect(prepareDistribution(response({ count: 3 }), 'helpfulness')).toMatchObject({ empty: true, total: 0, bars: [] })
  })
})
