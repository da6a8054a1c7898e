import { describe, expect, it } from 'vitest'
import type { MetricsResponse } from './metrics-query'
import { prepareStat } from './prepare-stat'

function response(totals: Record<string, number | null>, previous?: Record<string, number | null>): MetricsResponse {
  return {
    interval: '1h',
    from: '2026-11-26T00:00:00.000Z',
    to: '2026-11-26T02:00:00.000Z',
    series: [
      {
        group: null,
        points: [
          { t: '2026-11-26T00:00:00.000Z', values: { ...totals, 'latency.p95': null } },
          { t: '2026-11-26T01:00:00.000Z', values: totals },
        ],
        totals,
      },
    ],
    totals,
    ...(previous && { previous: { from: '2026-11-25T22:00:00.000Z', to: '2026-11-26T00:00:00.000Z', totals: previous, series: [] } }),
    percentiles: { relativeError: 0.01 },
  }
}

describe('prepareStat', () => {
  it('compares with the previous period; lower latency is good news', () => {
    const stat = prepareStat(response({ 'latency.p95': 900 }, { 'latency.p95': 1200 }), 'latency.p95')
    expect(stat).toMatchObject({ value: 900, previous: 1200, delta: -300, deltaRatio: -0.25, direction: 'down', tone: 'good' })
    expect(stat.trend).toEqual([null, 900])
  })

  it('calls more errors bad and more positive feedback good', () => {
    expect(prepareStat(response({ errorRate: 0.05 }, { errorRate: 0.02 }), 'errorRate')).toMatchObject({ direction: 'up', tone: 'bad' })
    expect(
      prepareStat(response({ 'feedback.positiveRate': 0.8 }, { 'feedback.positiveRate': 0.7 }), 'feedback.positiveRate'),
    ).toMatchObject({
      direction: 'up',
      tone: 'good',
    })
    expect(
      prepareStat(response({ 'score.helpfulness.avg': 0.6 }, { 'score.helpfulness.avg': 0.7 }), 'score.helpfulness.avg'),
    ).toMatchObject({
      direction: 'down',
      tone: 'bad',
    })
  })

  it('treats volume as neutral, unless told otherwise', () => {
    expect(prepareStat(response({ count: 120 }, { count: 100 }), 'count')).toMatchObject({
      delta: 20,
      deltaRatio: 0.2,
      direction: 'up',
      tone: 'neutral',
    })
    expect(prepareStat(response({ count: 120 }, { count: 100 }), 'count', { polarity: 'up-good' }).tone).toBe('good')
  })

  it('has no ratio from zero, and no delta without a previous period or a value', () => {
    expect(prepareStat(response({ errors: 3 }, { errors: 0 }), 'errors')).toMatchObject({
      delta: 3,
      deltaRatio: null,
      direction: 'up',
      tone: 'bad',
    })
    expect(prepareStat(response({ errors: 3 }), 'errors')).toMatchObject({
      value: 3,
      previous: null,
      delta: null,
      direction: null,
      tone: null,
    })
    expect(prepareStat(response({ 'latency.p95': null }, { 'latency.p95': 500 }), 'latency.p95')).toMatchObject({
      value: null,
      delta: null,
    })
    expect(prepareStat(response({ count: 5 }, { count: 5 }), 'count')).toMatchObject({
      delta: 0,
      deltaRatio: 0,
      direction: 'flat',
      tone: 'neutral',
    })
  })
})
