import { describe, expect, it } from 'vitest'
import { formatCost, formatCount, formatLatency, formatTime, formatTokens, MISSING } from './format'

describe('formatLatency', () => {
  it('shows milliseconds under a second', () => {
    expect(formatLatency(0)).toBe('0 ms')
    expect(formatLatency(850)).toBe('850 ms')
    expect(formatLatency(999.4)).toBe('999 ms')
  })
  it('shows seconds with one decimal', () => {
    expect(formatLatency(999.6)).toBe('1.0 s')
    expect(formatLatency(1234)).toBe('1.2 s')
    expect(formatLatency(59_940)).toBe('59.9 s')
  })
  it('switches to minutes without showing "60.0 s"', () => {
    expect(formatLatency(59_960)).toBe('1 min 0 s')
    expect(formatLatency(125_000)).toBe('2 min 5 s')
  })
  it('marks missing values', () => {
    expect(formatLatency(null)).toBe(MISSING)
    expect(formatLatency(undefined)).toBe(MISSING)
    expect(formatLatency(Number.NaN)).toBe(MISSING)
  })
})

describe('formatCost', () => {
  it('keeps two significant digits under a dollar', () => {
    expect(formatCost(0.0012)).toBe('$0.0012')
    expect(formatCost(0.00123456)).toBe('$0.0012')
    expect(formatCost(0.5)).toBe('$0.50')
    expect(formatCost(0.123)).toBe('$0.12')
    expect(formatCost(0.000003)).toBe('$0.0000030')
  })
  it('uses cents from a dollar up', () => {
    expect(formatCost(0.999)).toBe('$1.00')
    expect(formatCost(12.345)).toBe('$12.35')
    expect(formatCost(1234.5)).toBe('$1,234.50')
  })
  it('handles zero, tiny, negative and missing costs', () => {
    expect(formatCost(0)).toBe('$0')
    expect(formatCost(1e-9)).toBe('<$0.000001')
    expect(formatCost(-0.0012)).toBe('-$0.0012')
    expect(formatCost(null)).toBe(MISSING)
  })
})

describe('formatTokens', () => {
  it('shows small counts exactly and large ones compactly', () => {
    expect(formatTokens(0)).toBe('0')
    expect(formatTokens(950)).toBe('950')
    expect(formatTokens(1234)).toBe('1.2K')
    expect(formatTokens(3_400_000)).toBe('3.4M')
    expect(formatTokens(999_999)).toBe('1M')
    expect(formatTokens(undefined)).toBe(MISSING)
  })
  it('groups exact counts', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567')
    expect(formatCount(null)).toBe(MISSING)
  })
})

describe('formatTime', () => {
  it('formats in the given locale and zone', () => {
    expect(formatTime('2026-11-26T18:59:03.000Z', { locale: 'en-US', timeZone: 'UTC' })).toBe('Nov 26, 2026, 6:59:03 PM')
    expect(formatTime(Date.UTC(2026, 0, 2, 3, 4, 5), { locale: 'en-GB', timeZone: 'UTC' })).toBe('2 Jan 2026, 03:04:05')
  })
  it('leaves out the year in the short form', () => {
    expect(formatTime('2026-11-26T18:59:03.000Z', { locale: 'en-US', timeZone: 'UTC', length: 'short' })).toBe('Nov 26, 6:59:03 PM')
  })
  it('marks missing and invalid times', () => {
    expect(formatTime(null)).toBe(MISSING)
    expect(formatTime('not a time')).toBe(MISSING)
  })
})
