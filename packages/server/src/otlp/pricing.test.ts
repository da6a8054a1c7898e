import { calcPrice } from '@pydantic/genai-prices'
import { describe, expect, it } from 'vitest'
import { computeCost, type PricedUsage } from './pricing'

describe('computeCost', () => {
  it.each<[string, string, PricedUsage]>([
    ['gpt-4o-mini', 'openai', { input: 1200, output: 300, cacheRead: 1000 }],
    ['gpt-4o', 'openai', { input: 5000, output: 700 }],
    ['claude-3-5-sonnet-20241022', 'anthropic', { input: 3000, output: 100, cacheRead: 1000, cacheWrite: 500 }],
    ['claude-sonnet-4-5', 'anthropic', { input: 250_000, output: 1000 }], // tiered above 200k input
  ])('matches the price table for %s', (model, provider, usage) => {
    const expected = calcPrice(
      { input_tokens: usage.input, output_tokens: usage.output, cache_read_tokens: usage.cacheRead, cache_write_tokens: usage.cacheWrite },
      model,
      { providerId: provider },
    )!
    const cost = computeCost(model, provider, usage)!
    expect(cost.total).toBeCloseTo(expected.total_price, 12)
    expect(cost.input).toBeCloseTo(expected.input_price, 12)
    expect(cost.output).toBeCloseTo(expected.output_price, 12)
  })

  it('gives no cost for unknown models', () => {
    expect(computeCost('acme-private-llm', 'acme', { input: 10, output: 10 })).toBeNull()
  })
})
