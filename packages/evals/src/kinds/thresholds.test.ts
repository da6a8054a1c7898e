import { describe, expect, it } from 'vitest'
import { EvalSkip } from '../types'
import { cost, latency, tokens } from './thresholds'
import { configError, run, subject } from './test-utils/subject'

const withMetrics = (m: Partial<ReturnType<typeof subject>['metrics']>) => subject({ metrics: { ...subject().metrics, ...m } })

describe('latency', () => {
  it('is true within the bounds, inclusive', () => {
    expect(run(latency, withMetrics({ latencyMs: 1500 }), { max: 2000 })).toMatchObject({
      value: true,
      dataType: 'boolean',
      comment: '1,500 ms (max 2,000 ms)',
    })
    expect(run(latency, withMetrics({ latencyMs: 2000 }), { max: 2000 }).value).toBe(true)
    expect(run(latency, withMetrics({ latencyMs: 2001 }), { max: 2000 }).value).toBe(false)
    expect(run(latency, withMetrics({ latencyMs: 5 }), { min: 10, max: 20 }).value).toBe(false)
    expect(run(latency, withMetrics({ latencyMs: 0 }), { max: 0 }).value).toBe(true)
  })
  it('skips when the latency is unknown', () => {
    expect(() => run(latency, withMetrics({}), { max: 1 })).toThrow(EvalSkip)
  })
  it('refuses configs without bounds or with crossed ones', () => {
    expect(configError(latency, {})).toContain('set min, max or both')
    expect(configError(latency, { min: 10, max: 1 })).toContain('min must not be greater than max')
    expect(configError(latency, { max: -5 })).toContain('max must not be negative')
    expect(configError(latency, { max: '5' })).toContain('max must be a number')
  })
})

describe('cost', () => {
  it('compares USD with fractions', () => {
    expect(run(cost, withMetrics({ cost: 0.0042 }), { max: 0.01 })).toMatchObject({ value: true, comment: '$0.0042 (max $0.01)' })
    expect(run(cost, withMetrics({ cost: 0.02 }), { max: 0.01 }).value).toBe(false)
    expect(() => run(cost, withMetrics({}), { max: 1 })).toThrow('cost is not known')
  })
})

describe('tokens', () => {
  it('reads the count asked for', () => {
    const s = withMetrics({ inputTokens: 900, outputTokens: 300, totalTokens: 1200 })
    expect(run(tokens, s, { max: 1000 })).toMatchObject({ value: false, comment: '1,200 total tokens (max 1,000)' })
    expect(run(tokens, s, { which: 'input', max: 1000 }).value).toBe(true)
    expect(run(tokens, s, { which: 'output', min: 301 }).value).toBe(false)
  })
  it('adds input and output when the total is missing, and skips when unknown', () => {
    expect(run(tokens, withMetrics({ inputTokens: 10, outputTokens: 5 }), { max: 15 }).comment).toBe('15 total tokens (max 15)')
    expect(() => run(tokens, withMetrics({ inputTokens: 10 }), { max: 15 })).toThrow('total token count is not known')
    expect(() => run(tokens, withMetrics({}), { which: 'output', max: 15 })).toThrow(EvalSkip)
  })
  it('refuses fractional bounds and unknown counts', () => {
    expect(configError(tokens, { max: 1.5 })).toContain('max must be a whole number')
    expect(configError(tokens, { which: 'cached', max: 1 })).toContain('which must be "total", "input" or "output"')
  })
})
