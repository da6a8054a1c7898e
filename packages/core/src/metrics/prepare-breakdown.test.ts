import { describe, expect, it } from 'vitest'
import type { MetricsResponse } from './metrics-query'
import { prepareBreakdown, prepareSparkline } from './prepare-breakdown'

const t = (h: number) => new Date(Date.UTC(2026, 10, 26, h)).toISOString()
const series = (group: string | null, counts: (number | null)[], totals: Record<string, number | null>) => ({
  group,
  points: counts.map((c, i) => ({ t: t(i), values: { count: c ?? 0, 'latency.p95': c === null ? null : c * 100 } })),
  totals,
})

const byModel: MetricsResponse = {
  interval: '1h',
  from: t(0),
  to: t(3),
  series: [
    series('gpt-4o', [5, 7, 9], { count: 21, 'latency.p95': 800 }),
    series('claude-sonnet', [3, null, 4], { count: 7, 'latency.p95': 1300 }),
    series('llama', [1, 0, 0], { count: 1, 'latency.p95': null }),
    series('other', [9, 9, 9], { count: 27, 'latency.p95': 2000 }),
  ],
  totals: { count: 56, 'latency.p95': 1900 },
  percentiles: { relativeError: 0.01 },
}

const labels = (rows: { label: string }[]) => rows.map((r) => r.label)

describe('prepareBreakdown', () => {
  it('sorts by the first metric, biggest first, with "other" last even when it is biggest', () => {
    const rows = prepareBreakdown(byModel, ['count', 'latency.p95'])
    expect(labels(rows)).toEqual(['gpt-4o', 'claude-sonnet', 'llama', 'Other'])
    expect(rows[0]).toMatchObject({ group: 'gpt-4o', other: false, totals: { count: 21, 'latency.p95': 800 }, sparkline: [5, 7, 9] })
    expect(rows[3]!.other).toBe(true)
  })

  it('sorts by any column both ways; a group without a value goes after the others', () => {
    expect(labels(prepareBreakdown(byModel, ['count', 'latency.p95'], { by: 'latency.p95', direction: 'asc' }))).toEqual([
      'gpt-4o',
      'claude-sonnet',
      'llama',
      'Other',
    ])
    expect(labels(prepareBreakdown(byModel, ['count', 'latency.p95'], { by: 'latency.p95', direction: 'desc' }))).toEqual([
      'claude-sonnet',
      'gpt-4o',
      'llama',
      'Other',
    ])
    expect(labels(prepareBreakdown(byModel, 'count', { by: 'group', direction: 'asc' }))).toEqual([
      'claude-sonnet',
      'gpt-4o',
      'llama',
      'Other',
    ])
    expect(labels(prepareBreakdown(byModel, 'count', { by: 'group', direction: 'desc' }))).toEqual([
      'llama',
      'gpt-4o',
      'claude-sonnet',
      'Other',
    ])
  })

  it('keeps the sparkline gaps of an average', () => {
    const rows = prepareBreakdown(byModel, 'latency.p95')
    expect(rows.find((r) => r.group === 'claude-sonnet')!.sparkline).toEqual([300, null, 400])
  })
})

describe('prepareSparkline', () => {
  it('scales from zero to the maximum, top is high', () => {
    const s = prepareSparkline([0, 5, 10], { width: 100, height: 20, padding: 0 })
    expect(s.path).toBe('M0 20L50 10L100 0')
    expect(s).toMatchObject({ min: 0, max: 10, last: { x: 100, y: 0 } })
  })

  it('lifts the pen over gaps, bridges them apart and gives a lone point a dot', () => {
    const s = prepareSparkline([4, 8, null, 2, null], { width: 40, height: 10, padding: 0 })
    expect(s.path).toBe('M0 5L10 0M30 7.5')
    // The bridge joins the last point before the gap to the first after it; no value is made up.
    expect(s.gaps).toBe('M10 0L30 7.5')
    expect(s.dots).toEqual([{ x: 30, y: 7.5 }])
    expect(s.last).toEqual({ x: 30, y: 7.5 })
  })

  it('keeps every point of a sparse series visible: no run of dots without a line between them', () => {
    const s = prepareSparkline([1, null, 2, null, null, 3], { width: 50, height: 10, padding: 0 })
    expect(s.dots).toHaveLength(3)
    expect(s.gaps).toBe(`M0 ${s.dots[0]!.y}L20 ${s.dots[1]!.y}M20 ${s.dots[1]!.y}L50 0`)
    // Leading and trailing gaps are not bridged: nothing is known beyond the first and last values.
    expect(prepareSparkline([null, 1, 1, null], { width: 30, height: 10, padding: 0 }).gaps).toBe('')
  })

  it('draws nothing without values, and a flat line along the middle', () => {
    expect(prepareSparkline([null, null], { width: 10, height: 10 })).toEqual({
      path: '',
      gaps: '',
      dots: [],
      last: null,
      min: null,
      max: null,
    })
    expect(prepareSparkline([0, 0], { width: 10, height: 10, padding: 0 }).path).toBe('M0 5L10 5')
  })
})
