// What every route sub-app is built from. Routes import it from here, not from app.ts, which imports them.
import type { Store } from './store/types'

export interface AppConfig {
  /** request bodies above this are refused with 413 (default 10 MB) */
  bodyLimitBytes: number
  /** browser origins allowed by CORS, and for public keys */
  allowedOrigins: string[]
  /** this server's own origins (its public URL, or where it is bound): allowed without being listed */
  ownOrigins: string[]
  /** end-user feedback per credential and client address: sustained rate and burst */
  feedbackPerMinute: number
  feedbackBurst: number
  /** OTLP requests handled at once before 503 + Retry-After */
  otlpMaxInflight: number
  /** webhook channels may point at private and loopback addresses */
  allowPrivateWebhooks: boolean
}

export const DEFAULT_CONFIG: AppConfig = {
  bodyLimitBytes: 10 * 1024 * 1024,
  allowedOrigins: [],
  ownOrigins: [],
  feedbackPerMinute: 60,
  feedbackBurst: 30,
  otlpMaxInflight: 8,
  allowPrivateWebhooks: false,
}

/** What evaluators may reach: the judge's HTTP client and the environment holding its keys. */
export interface EvaluationDeps {
  fetch?: ((url: string, init?: RequestInit) => Promise<Response>) | undefined
  env?: ((name: string) => string | undefined) | undefined
}

export interface AppDeps {
  store: Store
  config: AppConfig
  now: () => number
  evaluation: EvaluationDeps
}
