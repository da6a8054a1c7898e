import { describe, expect, it } from 'vitest'
import { bucketOf, rollupEligible } from './rollup-contrib'
import type { MetricsPlan } from './types'

describe('metric rollups', () => {
  it('finds buckets by binary search', () => {
    const b = [0, 10, 20, 35]
    expect([-1, 0, 9, 10, 34, 35].map((t) => bucketOf(b, t))).toEqual([-1, 0, 0, 1, 2, -1])
  })

  it('serves only hour-aligned queries on rollup dimensions from rollups', () => {
    const H = 3_600_000
    const plan = (over: Partial<MetricsPlan>): MetricsPlan => ({
      boundaries: [0, H, 2 * H],
      unit: 'trace',
      filters: {},
      need: { units: true, users: false, sessions: false, feedback: false, scores: [] },
      ...over,
    })
    expect(rollupEligible(plan({}))).toBe(true)
    expect(rollupEligible(plan({ groupBy: 'environment', filters: { release: '1', name: 'x' } }))).toBe(true)
    expect(rollupEligible(plan({ unit: 'llm', groupBy: 'model' }))).toBe(true)
    expect(rollupEligible(plan({ boundaries: [0, H / 2] }))).toBe(false)
    expect(rollupEligible(plan({ groupBy: 'userId' }))).toBe(false)
    expect(rollupEligible(plan({ filters: { userId: 'u' } }))).toBe(false)
    expect(rollupEligible(plan({ need: { units: true, users: true, sessions: false, feedback: false, scores: [] } }))).toBe(false)
    // Feedback is kept per trace: trace-level rollups carry it, LLM-call rollups do not.
    const feedback = { units: false, users: false, sessions: false, feedback: true, scores: [] }
    expect(rollupEligible(plan({ need: feedback, groupBy: 'environment' }))).toBe(true)
    expect(rollupEligible(plan({ need: feedback, unit: 'llm', groupBy: 'model' }))).toBe(false)
    expect(rollupEligible(plan({ need: { ...feedback, scores: ['helpfulness'] } }))).toBe(false)
  })
})
