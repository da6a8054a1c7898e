import { calcPrice, type PriceCalculation } from '@pydantic/genai-prices'

export interface PricedUsage {
  input: number
  output: number
  cacheRead?: number | undefined
  cacheWrite?: number | undefined
}

interface Rates {
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
}

const RATES_TTL_MS = 3_600_000
/** Flat per-million rates by model and provider; `tiered` models are priced by the table each time. */
const rateCache = new Map<string, { at: number; rates: Rates | 'tiered' | null }>()

function lookup(model: string, providerId: string | undefined, usage: Record<string, number>): PriceCalculation | null {
  for (const options of providerId ? [{ providerId }, {}] : [{}]) {
    try {
      const price = calcPrice(usage, model, options)
      if (price) return price
    } catch {
      // an unknown provider id: try the model alone
    }
  }
  return null
}

function rates(model: string, providerId: string | undefined): Rates | 'tiered' | null {
  const key = `${providerId ?? ''}|${model}`
  const hit = rateCache.get(key)
  if (hit && Date.now() - hit.at < RATES_TTL_MS) return hit.rates
  const price = lookup(model, providerId, { input_tokens: 1, output_tokens: 1 })
  const p = price?.model_price
  const flat = (v: unknown) => v === undefined || typeof v === 'number'
  const value: Rates | 'tiered' | null = !p
    ? null
    : [p.input_mtok, p.output_mtok, p.cache_read_mtok, p.cache_write_mtok].every(flat)
      ? {
          input: (p.input_mtok as number | undefined) ?? 0,
          output: (p.output_mtok as number | undefined) ?? 0,
          cacheRead: (p.cache_read_mtok as number | undefined) ?? (p.input_mtok as number | undefined) ?? 0,
          cacheWrite: (p.cache_write_mtok as number | undefined) ?? (p.input_mtok as number | undefined) ?? 0,
        }
      : 'tiered'
  if (rateCache.size > 10_000) rateCache.clear()
  rateCache.set(key, { at: Date.now(), rates: value })
  return value
}

/** Costs are kept to 1e-12 (a millionth of a millionth): enough for any price, free of float noise. */
export const roundCost = (n: number) => Number(n.toFixed(12))

/**
 * Cost from the offline price table of @pydantic/genai-prices. Input tokens include cache tokens,
 * as in OpenTelemetry: (input − cacheRead − cacheWrite) × input rate + cacheRead × cache-read rate
 * + cacheWrite × cache-write rate + output × output rate. Flat rates are looked up once per model
 * (the table lookup is slow enough to cap ingest); tiered models go through the table every time.
 * Unknown models get no cost rather than a guess.
 */
export function computeCost(model: string, provider: string | null, usage: PricedUsage) {
  const providerId = provider?.split('.').pop()
  const r = rates(model, providerId)
  if (!r) return null
  const cacheRead = usage.cacheRead ?? 0
  const cacheWrite = usage.cacheWrite ?? 0
  if (r === 'tiered') {
    const price = lookup(model, providerId, {
      input_tokens: usage.input,
      output_tokens: usage.output,
      ...(cacheRead ? { cache_read_tokens: cacheRead } : {}),
      ...(cacheWrite ? { cache_write_tokens: cacheWrite } : {}),
    })
    return price ? { input: price.input_price, output: price.output_price, total: price.total_price } : null
  }
  const input = (Math.max(0, usage.input - cacheRead - cacheWrite) * r.input + cacheRead * r.cacheRead + cacheWrite * r.cacheWrite) / 1e6
  const output = (usage.output * r.output) / 1e6
  return { input, output, total: input + output }
}
