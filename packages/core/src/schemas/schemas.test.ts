import { describe, expect, it } from 'vitest'
import { timeInputSchema } from './common'
import { feedbackPolarity, scoreInputSchema } from './score'
import { spanInputSchema } from './span'

describe('wire schemas', () => {
  it('reads times as ISO-8601 or epoch milliseconds, and spots epoch seconds', () => {
    expect(timeInputSchema.parse('2026-01-01T00:00:00.000Z')).toBe(Date.UTC(2026, 0, 1))
    expect(timeInputSchema.parse('2026-01-01T01:00:00+01:00')).toBe(Date.UTC(2026, 0, 1))
    expect(timeInputSchema.parse(1767225600000)).toBe(1767225600000)
    expect(timeInputSchema.safeParse(1767225600).error?.issues[0]?.message).toMatch(/seconds/)
    expect(timeInputSchema.safeParse('2026-01-01').success).toBe(false)
  })

  it('infers a score’s data type and checks a declared one', () => {
    expect(scoreInputSchema.parse({ traceId: 't', name: 'n', value: 1 })).toMatchObject({ dataType: 'numeric', source: 'api' })
    expect(scoreInputSchema.parse({ traceId: 't', name: 'n', value: true }).dataType).toBe('boolean')
    expect(scoreInputSchema.parse({ traceId: 't', name: 'n', value: 'x', dataType: 'text' }).dataType).toBe('text')
    const bad = scoreInputSchema.safeParse({ traceId: 't', name: 'n', value: 'yes', dataType: 'boolean' })
    expect(bad.error?.issues[0]?.path).toEqual(['value'])
    expect(scoreInputSchema.safeParse({ traceId: 't', name: 'n', value: Number.NaN }).success).toBe(false)
  })

  it('rejects unknown fields, reversed times and self-parented spans', () => {
    const base = { id: 's', traceId: 't', name: 'n', startTime: 1767225600000 }
    expect(spanInputSchema.safeParse({ ...base, modle: 'x' }).success).toBe(false)
    expect(spanInputSchema.safeParse({ ...base, endTime: 1767225500000 }).error?.issues[0]?.path).toEqual(['endTime'])
    expect(spanInputSchema.safeParse({ ...base, parentId: 's' }).error?.issues[0]?.path).toEqual(['parentId'])
    expect(spanInputSchema.parse(base)).toMatchObject({ type: 'span', status: 'ok' })
  })

  it('reads feedback polarity for thumbs and ratings', () => {
    expect(feedbackPolarity({ value: true })).toBe(1)
    expect(feedbackPolarity({ value: false })).toBe(-1)
    expect(feedbackPolarity({ value: 1 })).toBe(1)
    expect(feedbackPolarity({ value: 0 })).toBe(-1)
    expect(feedbackPolarity({ value: 5, metadata: { scale: { min: 1, max: 5 } } })).toBe(1)
    expect(feedbackPolarity({ value: 3, metadata: { scale: { min: 1, max: 5 } } })).toBe(0)
    expect(feedbackPolarity({ value: 1, metadata: { scale: { min: 1, max: 5 } } })).toBe(-1)
    expect(feedbackPolarity({ value: 'meh' })).toBeNull()
  })
})
