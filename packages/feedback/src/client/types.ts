import type { JsonValue, ScoreValue } from '@sightline/core'

/** thumbs: boolean; ratings: number; categories: string */
export type FeedbackValue = ScoreValue

/** The storage the queue lives in; `localStorage` fits. */
export type FeedbackStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export type FeedbackFetch = (url: string, init?: RequestInit) => Promise<Response>

export interface FeedbackOptions {
  /** server base URL, e.g. "https://sightline.example.com"; "" = same origin */
  endpoint: string
  /** a public key `pk-sl-…`; pass exactly one of publicKey, token, getToken */
  publicKey?: string | undefined
  /** a feedback token `slt_…` minted by the host app's backend */
  token?: string | undefined
  /** called before each send; cache and refresh the token there */
  getToken?: (() => string | Promise<string>) | undefined
  /** default: localStorage when usable, else memory; `null` = memory */
  storage?: FeedbackStorage | null | undefined
  fetch?: FeedbackFetch | undefined
  /** the end user's id in the host app (sent as authorId); else an anonymous id kept in storage */
  userId?: string | undefined
  /** default 100; beyond it the oldest op is dropped with an `error` event */
  queueLimit?: number | undefined
}

/** Which score on a trace: `name` defaults to "user_feedback". */
export interface FeedbackTarget {
  name?: string | undefined
  spanId?: string | undefined
}

export interface VoteOptions extends FeedbackTarget {
  /** at most 2000 characters */
  comment?: string | undefined
  /** at most 20 */
  reasons?: string[] | undefined
  /** what the answer should have been; at most 10000 characters */
  correction?: string | undefined
  metadata?: Record<string, JsonValue> | undefined
}

/** The JSON body of `POST /api/v1/feedback`; `id` is stable per (trace, span, name, end user). */
export interface FeedbackPayload {
  id: string
  traceId: string
  spanId?: string | undefined
  name: string
  value?: FeedbackValue
  comment?: string | undefined
  correction?: string | undefined
  reasons?: string[] | undefined
  authorId?: string | undefined
  metadata?: Record<string, JsonValue> | undefined
  retract?: true
}

export interface FeedbackError {
  /** the server's error code, "origin_not_allowed" (the page's origin is not in the server's allowlist) or "queue_full" */
  code: string
  message: string
  /** HTTP status when the server refused the op */
  status?: number
}

/**
 * Where a vote's latest change is: `pending` while queued or retrying (a beaconed op stays pending
 * until a fetch confirms it), `sent` once the server has the vote, `failed` when the change was
 * refused or dropped (the vote is then taken back locally).
 */
export type FeedbackStatus = 'pending' | 'sent' | 'failed'

/** One vote as this page sees it. */
export interface FeedbackState {
  /** undefined when there is no vote: never given, retracted, or taken back after a refusal */
  value?: FeedbackValue | undefined
  /** undefined when there is no vote and nothing is waiting or refused */
  status?: FeedbackStatus | undefined
  /** why the latest change failed, on this page */
  error?: FeedbackError
}

export interface FeedbackChange extends FeedbackState {
  id: string
  traceId: string
  spanId?: string | undefined
  name: string
}

export interface FeedbackEventMap {
  /** an op was written to the queue */
  queued: { payload: FeedbackPayload }
  /** the server accepted an op, or `navigator.sendBeacon` took it */
  sent: { payload: FeedbackPayload; beacon: boolean }
  /**
   * an op was dropped: refused by the server (4xx other than 408/429, or a page origin the server
   * does not allow) or pushed out of a full queue
   */
  error: { payload: FeedbackPayload; error: FeedbackError }
  /** the local view of a vote, or its status, changed */
  change: FeedbackChange
}

export type FeedbackEvent = keyof FeedbackEventMap

export interface FeedbackClient {
  /** resolves once the vote is durably queued */
  vote(traceId: string, value: FeedbackValue, options?: VoteOptions): Promise<void>
  /** votes, or retracts when `value` is already the current vote */
  toggle(traceId: string, value: FeedbackValue, options?: VoteOptions): Promise<void>
  retract(traceId: string, options?: FeedbackTarget): Promise<void>
  /** the local view of this end user's vote; survives reloads */
  current(traceId: string, options?: FeedbackTarget): FeedbackValue | undefined
  /** the vote, its status and error: the same object until one of them changes (fits `useSyncExternalStore`) */
  state(traceId: string, options?: FeedbackTarget): FeedbackState
  /**
   * Sends what is queued now, skipping any backoff wait. Resolves once the queue is empty or
   * sending pauses (offline, or a retry is scheduled).
   */
  flush(): Promise<void>
  /** ops still queued */
  pending(): number
  /** returns an unsubscribe function */
  on<E extends FeedbackEvent>(event: E, listener: (detail: FeedbackEventMap[E]) => void): () => void
  /** stops sending and listening; queued ops stay in storage for the next page */
  destroy(): void
}
