import { createFeedback, type FeedbackClient } from '@sightline/feedback'
import { DEMO_USER_ID } from './demo-config'

let client: FeedbackClient | null = null

/**
 * The page's feedback client for the demo user. Made as soon as the public key is known, so votes
 * an earlier visit left queued (offline, tab closed) go out even before any answer is on screen;
 * the React buttons share it.
 */
export function demoFeedbackClient(publicKey: string): FeedbackClient {
  return (client ??= createFeedback({ endpoint: '', publicKey, userId: DEMO_USER_ID }))
}
