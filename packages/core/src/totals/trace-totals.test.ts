import { describe, expect, it } from 'vitest'
import { computeTraceTotals, type TotalsSpan } from './trace-totals'

const base: TotalsSpan = {
  type: 'span',
  startTime: 0,
  endTime: null,
  model: null,
  status: 'ok',
  usageInput: null,
  usageOutput: null,
  usageTotal: null,
  costTotal: null,
}

describe('computeTraceTotals', () => {
  it('is empty for no spans', () => {
    expect(computeTraceTotals([])).toEqual({
      startTime: null,
      endTime: null,
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      cost: null,
      spanCount: 0,
      errorCount: 0,
      models: [],
      ttftMs: null,
    })
  })

  it('counts usage and cost on generation and embedding spans only', () => {
    const t = computeTraceTotals([
      { ...base, type: 'agent', startTime: 100, endTime: 900, usageInput: 1000, usageOutput: 1000, costTotal: 5 },
      {
        ...base,
        type: 'generation',
        startTime: 110,
        endTime: 500,
        model: 'm1',
        usageInput: 10,
        usageOutput: 5,
        costTotal: 0.1,
        completionStartTime: 160,
      },
      {
        ...base,
        type: 'generation',
        startTime: 510,
        endTime: 800,
        model: 'm2',
        usageInput: 20,
        usageOutput: 7,
        usageTotal: 30,
        costTotal: 0.2,
        completionStartTime: 520,
      },
      { ...base, type: 'embedding', startTime: 90, endTime: 95, model: 'e1', usageInput: 3 },
      { ...base, type: 'tool', startTime: 801, endTime: null, status: 'error', model: 'not-billed' },
    ])
    expect(t).toEqual({
      startTime: 90,
      endTime: 900,
      inputTokens: 33,
      outputTokens: 12,
      totalTokens: 48,
      cost: 0.3,
      spanCount: 5,
      errorCount: 1,
      models: ['e1', 'm1', 'm2', 'not-billed'],
      ttftMs: 50,
    })
  })

  it('leaves cost null when no billable span has one', () => {
    expect(computeTraceTotals([{ ...base, type: 'generation', usageInput: 1 }]).cost).toBeNull()
  })
})
