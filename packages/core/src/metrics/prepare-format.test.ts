import { describe, expect, it } from 'vitest'
import {
  formatMetricDelta,
  formatMetricValue,
  metricCaption,
  metricLabel,
  metricPolarity,
  metricSubject,
  metricUnit,
  subjectNote,
} from './prepare-format'

describe('formatMetricValue', () => {
  it('formats each unit', () => {
    expect(formatMetricValue('count', 1234)).toBe('1,234')
    expect(formatMetricValue('count', 123_456)).toBe('123.5K')
    expect(formatMetricValue('errorRate', 0.053125)).toBe('5.3%')
    expect(formatMetricValue('feedback.positiveRate', 1)).toBe('100%')
    expect(formatMetricValue('latency.p95', 850.4)).toBe('850 ms')
    expect(formatMetricValue('latency.p50', 1234)).toBe('1.2 s')
    expect(formatMetricValue('ttft.p95', 125_000)).toBe('2 min 5 s')
    expect(formatMetricValue('tokens.total.sum', 64_011)).toBe('64K')
    expect(formatMetricValue('tokens.output.avg', 162.4)).toBe('162')
    expect(formatMetricValue('cost.sum', 12.345)).toBe('$12.35')
    expect(formatMetricValue('cost.avg', 0.0008462)).toBe('$0.00085')
    expect(formatMetricValue('cost.sum', 0)).toBe('$0')
    expect(formatMetricValue('cost.sum', 0.1)).toBe('$0.10')
    expect(formatMetricValue('score.helpfulness.avg', 0.7330952381)).toBe('0.73')
    expect(formatMetricValue('score.helpfulness.count', 84)).toBe('84')
  })

  it('shows a gap as a dash, not as zero', () => {
    expect(formatMetricValue('latency.p95', null)).toBe('—')
    expect(formatMetricValue('count', undefined)).toBe('—')
  })
})

describe('formatMetricDelta', () => {
  it('is relative for amounts, in percentage points for rates, absolute from zero', () => {
    expect(formatMetricDelta('count', 20, 0.2)).toBe('+20%')
    expect(formatMetricDelta('latency.p95', -300, -0.25)).toBe('−25%')
    expect(formatMetricDelta('errorRate', 0.012, 0.5)).toBe('+1.2 pp')
    expect(formatMetricDelta('errors', 3, null)).toBe('+3')
    expect(formatMetricDelta('count', 0, 0)).toBe('±0%')
    expect(formatMetricDelta('count', null, null)).toBe('—')
  })
})

describe('metric names', () => {
  it('label, unit and polarity', () => {
    expect(metricLabel('latency.p95')).toBe('Latency p95')
    expect(metricLabel('count')).toBe('Traces')
    expect(metricLabel('count', 'model')).toBe('LLM calls')
    expect(metricLabel('score.helpfulness.avg')).toBe('helpfulness (avg)')
    expect(metricUnit('feedback.positiveRate')).toBe('ratio')
    expect(metricUnit('score.x.avg')).toBe('score')
    expect(metricPolarity('cost.sum')).toBe('down-good')
    expect(metricPolarity('tokens.total.sum')).toBe('neutral')
  })
})

describe('metricSubject, metricCaption and subjectNote', () => {
  it('say traces, or LLM calls when grouped by model or provider (what the server counts then)', () => {
    expect(metricSubject()).toBe('traces')
    expect(metricSubject('environment')).toBe('traces')
    expect(metricSubject('model')).toBe('LLM calls')
    expect(metricSubject('provider')).toBe('LLM calls')
  })

  it('name the unit of each kind of metric', () => {
    expect(metricCaption('count')).toBe('traces')
    expect(metricCaption('count', 'model')).toBe('LLM calls')
    expect(metricCaption('errors', 'model')).toBe('LLM calls with an error')
    expect(metricCaption('errorRate', 'name')).toBe('share of traces with an error')
    expect(metricCaption('latency.p95', 'provider')).toBe('per LLM call')
    expect(metricCaption('tokens.total.sum')).toBe('summed over traces')
    expect(metricCaption('cost.avg', 'model')).toBe('average per LLM call')
    expect(metricCaption('feedback.positiveRate')).toBe('on traces')
    expect(metricCaption('score.helpfulness.avg', 'model')).toBe('on LLM calls')
  })

  it('explain the switch only where it happens', () => {
    expect(subjectNote('model')).toBe('LLM calls: errors on tool spans are not counted here')
    expect(subjectNote('provider')).toMatch(/tool spans/)
    expect(subjectNote('environment')).toBeNull()
    expect(subjectNote(null)).toBeNull()
  })
})
