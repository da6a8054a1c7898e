import { describe, expect, it } from 'vitest'
import { bucketBoundaries } from './time-buckets'

const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString())

describe('bucket boundaries', () => {
  it('start weeks on Monday and months on the 1st, at local midnight across DST', () => {
    expect(iso(bucketBoundaries(Date.parse('2026-03-04T12:00:00Z'), Date.parse('2026-03-20T00:00:00Z'), '1w', 'UTC'))).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
      '2026-03-23T00:00:00.000Z',
    ])
    // New York moves its clocks on 2026-03-08: that week is an hour shorter, months still start at local midnight.
    expect(iso(bucketBoundaries(Date.parse('2026-03-04T12:00:00Z'), Date.parse('2026-03-10T00:00:00Z'), '1w', 'America/New_York'))).toEqual(
      ['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z'],
    )
    expect(
      iso(bucketBoundaries(Date.parse('2026-01-31T12:00:00Z'), Date.parse('2026-04-02T00:00:00Z'), '1mo', 'America/New_York')),
    ).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2026-02-01T05:00:00.000Z',
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
      '2026-05-01T04:00:00.000Z',
    ])
  })

  it('keep months in years below 100 (Date.UTC would read them as 19xx)', () => {
    expect(iso(bucketBoundaries(Date.parse('0001-01-15T00:00:00Z'), Date.parse('0001-02-15T00:00:00Z'), '1mo', 'UTC'))).toEqual([
      '0001-01-01T00:00:00.000Z',
      '0001-02-01T00:00:00.000Z',
      '0001-03-01T00:00:00.000Z',
    ])
  })
})
