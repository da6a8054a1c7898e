import type { TokenResponse } from '@sightline/core'
import { errorMessage } from '../http'

/**
 * An annotate token for `reviewer`, minted by the demo backend with its secret key: it reviews
 * only the demo queue, as that reviewer (what an internal tool's backend does for its signed-in user).
 */
export async function fetchAnnotateToken(reviewer: string): Promise<TokenResponse> {
  const res = await fetch(`/demo/annotate-token?${new URLSearchParams({ reviewer })}`)
  if (!res.ok) throw new Error(`could not get an annotate token: ${await errorMessage(res)}`)
  return (await res.json()) as TokenResponse
}

/** The demo queue's id, from `GET /demo/config`. */
export async function fetchReviewQueueId(): Promise<string> {
  const res = await fetch('/demo/config')
  if (!res.ok) throw new Error(await errorMessage(res))
  const body = (await res.json()) as { reviewQueueId?: unknown }
  if (typeof body.reviewQueueId !== 'string') throw new Error('the server has no review queue (start it with --demo)')
  return body.reviewQueueId
}
