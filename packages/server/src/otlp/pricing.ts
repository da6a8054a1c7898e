import { calcPrice } from '@pydantic/genai-prices'

export interface PricedUsage {
  input: number
  output: number
  cacheRead?: number
  cacheWrite?: number
}

/**
 * Cost from the offline price table of @pydantic/genai-prices (input tokens include cache
 * tokens, as in OpenTelemetry). Unknown models get no cost rather than a guess.
 */
export function computeCost(model: string, provider: string | null, usage: PricedUsage) {
  const tokens = {
    input_tokens: usage.input,
    output_tokens: usage.output,
    ...(usage.cacheRead ? { cache_read_tokens: usage.cacheRead } : {}),
    ...(usage.cacheWrite ? { cache_write_tokens: usage.cacheWrite } : {}),
  }
  const providerId = provider?.split('.').pop()
  for (const options of providerId ? [{ providerId }, {}] : [{}]) {
    try {
      const price = calcPrice(tokens, model, options)
      if (price) return { input: price.input_price, output: price.output_price, total: price.total_price }
    } catch {
      // an unknown provider id: try the model alone
    }
  }
  return null
}
