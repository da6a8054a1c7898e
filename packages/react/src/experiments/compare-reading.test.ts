import { describe, expect, it } from 'vitest'
import { formatPValue, formatSigned, intervalSide, missingText, readComparison } from './compare-reading'

describe('readComparison', () => {
  it('reads an interval wholly above 0 as better, below as worse, across as no difference', () => {
    expect(readComparison({ delta: 0.08, ci95: [0.03, 0.13] }, { label: 'accuracy' })).toEqual({
      verdict: 'better',
      text: 'Candidate is better on accuracy (+0.08, 95 % CI +0.03…+0.13).',
    })
    expect(readComparison({ delta: -0.05, ci95: [-0.09, -0.01] }, { label: 'accuracy' })).toEqual({
      verdict: 'worse',
      text: 'Candidate is worse on accuracy (\u22120.05, 95 % CI \u22120.09…\u22120.01).',
    })
    expect(readComparison({ delta: 0.01, ci95: [-0.02, 0.04] }, { label: 'accuracy' }).text).toBe(
      'No detectable difference on accuracy (+0.01, 95 % CI \u22120.02…+0.04).',
    )
  })

  it('turns the verdict round when lower is better', () => {
    const reading = readComparison({ delta: -120, ci95: [-200, -40] }, { label: 'latency', lowerIsBetter: true, format: (v) => `${v} ms` })
    expect(reading).toEqual({ verdict: 'better', text: 'Candidate is better on latency (-120 ms, 95 % CI -200 ms…-40 ms).' })
  })

  it('says so when there is nothing to judge by', () => {
    expect(readComparison({ delta: null, ci95: null }, { label: 'accuracy' }).verdict).toBe('unknown')
    expect(readComparison({ delta: 0.2, ci95: null }, { label: 'accuracy' }).text).toBe(
      'accuracy: +0.20 on too few paired items to tell a difference.',
    )
  })
})

describe('figures', () => {
  it('sides, p-values, signs and missing counts', () => {
    expect(intervalSide([0.01, 0.2])).toBe('above')
    expect(intervalSide([-0.3, -0.01])).toBe('below')
    expect(intervalSide([-0.1, 0.1])).toBe('across')
    expect(intervalSide(null)).toBe('none')
    expect(formatPValue(0.0004)).toBe('p < 0.001')
    expect(formatPValue(0.0432)).toBe('p = 0.04')
    expect(formatSigned(0)).toBe('±0.00')
    expect(missingText({ base: 0, candidate: 3 })).toBe('3 items missing on the candidate side')
    expect(missingText({ base: 1, candidate: 0 })).toBe('1 item missing on the base side')
    expect(missingText({ base: 2, candidate: 3 })).toBe('2 items missing on the base side, 3 on the candidate side')
    expect(missingText({ base: 0, candidate: 0 })).toBe('No items missing on either side')
  })
})
