import type { TokenResponse } from '@sightline/core'
import { errorMessage } from '../http'

export interface TokenSourceOptions {
  /** how long before expiry a new token is fetched (at most half the token's lifetime) */
  refreshBeforeMs?: number
  now?: () => number
}

/**
 * A `getToken` for <SightlineProvider>: keeps the current token, fetches a new one shortly before
 * it expires, and shares one request between callers that ask at the same time.
 */
export function createTokenSource(
  fetchToken: () => Promise<TokenResponse>,
  { refreshBeforeMs = 60_000, now = Date.now }: TokenSourceOptions = {},
): () => Promise<string> {
  let current: { token: string; refreshAt: number } | null = null
  let inFlight: Promise<string> | null = null

  return () => {
    if (current && now() < current.refreshAt) return Promise.resolve(current.token)
    inFlight ??= fetchToken()
      .then(({ token, expiresAt }) => {
        const fetchedAt = now()
        const expires = Date.parse(expiresAt)
        const lifetime = Number.isFinite(expires) ? expires - fetchedAt : 0
        current = { token, refreshAt: fetchedAt + lifetime - Math.min(refreshBeforeMs, lifetime / 2) }
        return token
      })
      .finally(() => {
        inFlight = null
      })
    return inFlight
  }
}

/**
 * A short-lived view token, minted by the demo server with its secret key; with `environment` the
 * token sees only that environment's traces (the server enforces it, whatever the page asks for).
 */
export async function fetchViewToken(environment?: string | null): Promise<TokenResponse> {
  const res = await fetch(environment ? `/demo/token?${new URLSearchParams({ environment })}` : '/demo/token')
  if (!res.ok) throw new Error(`could not get a view token: ${await errorMessage(res)}`)
  return (await res.json()) as TokenResponse
}
