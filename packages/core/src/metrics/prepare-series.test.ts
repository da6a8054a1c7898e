import { describe, expect, it } from 'vitest'
import type { MetricsResponse } from './metrics-query'
import { prepareMetricSeries, toggleGroup } from './prepare-series'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 10, 20)
const t = (i: number) => new Date(T0 + i * DAY).toISOString()

/** Three daily buckets by environment: staging has a gap (null p95) on the middle day; "other" comes first on purpose. */
const byEnvironment: MetricsResponse = {
  interval: '1d',
  from: t(0),
  to: t(3),
  series: [
    {
      group: 'other',
      points: [0, 1, 2].map((i) => ({ t: t(i), values: { count: 1, 'latency.p95': 900 } })),
      totals: { count: 3, 'latency.p95': 900 },
    },
    {
      group: 'production',
      points: [
        { t: t(0), values: { count: 10, 'latency.p95': 1200 } },
        { t: t(1), values: { count: 12, 'latency.p95': 1500 } },
        { t: t(2), values: { count: 8, 'latency.p95': 1100 } },
      ],
      totals: { count: 30, 'latency.p95': 1400 },
    },
    {
      group: 'staging',
      points: [
        { t: t(0), values: { count: 2, 'latency.p95': 800 } },
        { t: t(1), values: { count: 0, 'latency.p95': null } },
        { t: t(2), values: { count: 1 } },
      ],
      totals: { count: 3, 'latency.p95': 820 },
    },
  ],
  totals: { count: 36, 'latency.p95': 1390 },
  percentiles: { relativeError: 0.01 },
}

describe('prepareMetricSeries', () => {
  it('gives one row per bucket and one key per group, "other" last', () => {
    const prepared = prepareMetricSeries(byEnvironment, 'count')
    expect(prepared.groups.map((g) => [g.key, g.label, g.other, g.colorIndex])).toEqual([
      ['s0', 'production', false, 0],
      ['s1', 'staging', false, 1],
      ['s2', 'Other', true, -1],
    ])
    expect(prepared.rows).toEqual([
      { t: T0, end: T0 + DAY, s0: 10, s1: 2, s2: 1 },
      { t: T0 + DAY, end: T0 + 2 * DAY, s0: 12, s1: 0, s2: 1 },
      { t: T0 + 2 * DAY, end: T0 + 3 * DAY, s0: 8, s1: 1, s2: 1 },
    ])
    expect(prepared).toMatchObject({ from: T0, to: T0 + 3 * DAY, empty: false })
    expect(prepared.groups[0]).toMatchObject({ total: 30, peak: { t: T0 + DAY, value: 12 } })
  })

  it('keeps gaps as null: an empty bucket of an average is never drawn as zero', () => {
    const prepared = prepareMetricSeries(byEnvironment, 'latency.p95')
    const staging = prepared.groups.find((g) => g.group === 'staging')!
    expect(prepared.rows.map((r) => r[staging.key])).toEqual([800, null, null])
    expect(staging.peak).toEqual({ t: T0, value: 800 })
  })

  it('leaves hidden groups out of the rows but lists them for the legend', () => {
    const prepared = prepareMetricSeries(byEnvironment, 'count', { hiddenGroups: ['production'] })
    expect(prepared.groups.find((g) => g.group === 'production')).toMatchObject({ hidden: true, colorIndex: 0 })
    expect(prepared.rows[0]).toEqual({ t: T0, end: T0 + DAY, s1: 2, s2: 1 })
  })

  it('calls the only series of an ungrouped response "All", and a null group "(none)"', () => {
    const ungrouped: MetricsResponse = { ...byEnvironment, series: [{ ...byEnvironment.series[1]!, group: null }] }
    expect(prepareMetricSeries(ungrouped, 'count').groups[0]!.label).toBe('All')
    const withNone: MetricsResponse = { ...byEnvironment, series: [byEnvironment.series[1]!, { ...byEnvironment.series[2]!, group: null }] }
    expect(prepareMetricSeries(withNone, 'count').groups[1]!.label).toBe('(none)')
  })

  it('is empty when every bucket is a gap or zero', () => {
    const quiet: MetricsResponse = {
      ...byEnvironment,
      series: [{ group: null, points: [0, 1].map((i) => ({ t: t(i), values: { count: 0, 'latency.p95': null } })), totals: { count: 0 } }],
      totals: { count: 0, 'latency.p95': null },
    }
    expect(prepareMetricSeries(quiet, 'count').empty).toBe(true)
    expect(prepareMetricSeries(quiet, 'latency.p95').empty).toBe(true)
    expect(prepareMetricSeries({ ...byEnvironment, series: [] }, 'count')).toMatchObject({ empty: true, rows: [], groups: [] })
  })

  it('is not empty when all is zero but there was traffic: no errors is news', () => {
    const clean: MetricsResponse = {
      ...byEnvironment,
      series: [{ group: null, points: [0, 1].map((i) => ({ t: t(i), values: { count: 4, errors: 0 } })), totals: { count: 8, errors: 0 } }],
      totals: { count: 8, errors: 0 },
    }
    expect(prepareMetricSeries(clean, 'errors').empty).toBe(false)
    expect(prepareMetricSeries({ ...clean, totals: { errors: 0 } }, 'errors').empty).toBe(true)
    // A measured 0 of an average is a value, not nothing.
    const free: MetricsResponse = { ...clean, series: [{ ...clean.series[0]!, points: [{ t: t(0), values: { 'cost.avg': 0 } }] }] }
    expect(prepareMetricSeries(free, 'cost.avg').empty).toBe(false)
  })
})

describe('toggleGroup', () => {
  it('adds and removes a group, null included', () => {
    expect(toggleGroup([], 'a')).toEqual(['a'])
    expect(toggleGroup(['a', null], null)).toEqual(['a'])
    expect(toggleGroup(['a'], 'a')).toEqual([])
  })
})
