/**
 * Token buckets in memory, one per client key: `perMinute` requests a minute, bursts up to
 * `burst`. Per server instance (README says so); the oldest buckets are dropped past `maxKeys`.
 */
export function createRateLimiter(o: { perMinute: number; burst: number; now: () => number; maxKeys?: number }) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const maxKeys = o.maxKeys ?? 50_000
  const perMs = o.perMinute / 60_000
  return {
    /** Takes one token; returns 0 when allowed, else the seconds to wait. */
    take(key: string): number {
      const now = o.now()
      const b = buckets.get(key) ?? { tokens: o.burst, at: now }
      b.tokens = Math.min(o.burst, b.tokens + (now - b.at) * perMs)
      b.at = now
      buckets.delete(key)
      buckets.set(key, b)
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return 0
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000))
    },
  }
}
