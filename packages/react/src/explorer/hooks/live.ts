/*
 * Live updates poll with TanStack Query (`refetchInterval`) instead of holding a stream open:
 * the server stays stateless, so polling works unchanged across several server instances and
 * through proxies that buffer or cut long responses, and no viewer holds a connection. Polling pauses
 * while the tab is hidden (TanStack Query's default without `refetchIntervalInBackground`).
 */

/** How often live panels ask for news, in ms. */
export const LIVE_INTERVAL_MS = 5_000

/** `live` as a panel takes it (on, off, or a custom interval in ms) → an interval or false. */
export function liveInterval(live: boolean | number | undefined, fallback = LIVE_INTERVAL_MS): number | false {
  if (live === false || live === 0) return false
  if (typeof live === 'number' && live > 0) return live
  return fallback
}

/** A trace counts as in progress while it has no end or started lately (late spans may still come). */
export function isInProgress(trace: { startTime: string; endTime: string | null }, now = Date.now(), recentMs = 60_000): boolean {
  if (trace.endTime === null) return true
  const start = Date.parse(trace.startTime)
  return Number.isFinite(start) && now - start < recentMs
}
