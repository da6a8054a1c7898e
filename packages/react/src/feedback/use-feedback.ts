import {
  createFeedback,
  type FeedbackClient,
  type FeedbackError,
  type FeedbackState,
  type FeedbackStatus,
  type FeedbackTarget,
  type FeedbackValue,
  type VoteOptions,
} from '@sightline/feedback'
import { useSyncExternalStore } from 'react'

export type FeedbackGetToken = () => string | Promise<string>

/** Exactly one credential, as the headless client requires. */
export type FeedbackCredential =
  | { publicKey: string; token?: never; getToken?: never }
  | { token: string; publicKey?: never; getToken?: never }
  | { getToken: FeedbackGetToken; publicKey?: never; token?: never }

/** Where feedback goes: a server and credential (clients are shared per server, credential and user), or a client of your own. */
export type FeedbackConnection =
  | ({
      /** server base URL; "" = same origin */
      endpoint: string
      /** the end user's id in your app; else an anonymous id kept in storage */
      userId?: string | undefined
      client?: never
    } & FeedbackCredential)
  | {
      /** a client from `createFeedback()` to share, e.g. with a custom fetch or storage */
      client: FeedbackClient
      endpoint?: never
      userId?: never
      publicKey?: never
      token?: never
      getToken?: never
    }

export type UseFeedbackOptions = FeedbackConnection & FeedbackTarget

/** What `vote` and `toggle` may add to the value. `name` and `spanId` come from the hook's options. */
export type FeedbackExtra = Omit<VoteOptions, keyof FeedbackTarget>

export interface UseFeedbackResult {
  /** this end user's vote on the answer; undefined when none */
  value?: FeedbackValue | undefined
  /** resolves once the vote is durably queued */
  vote(value: FeedbackValue, extra?: FeedbackExtra): Promise<void>
  /** votes, or takes the vote back when `value` is the current one */
  toggle(value: FeedbackValue, extra?: FeedbackExtra): Promise<void>
  retract(): Promise<void>
  /** pending (queued, retrying), sent (the server has it), failed (refused; the vote was taken back) */
  status?: FeedbackStatus | undefined
  /** the latest change has not reached the server yet (offline, retrying) */
  pending: boolean
  /** why the latest change was refused on this page; cleared by the next one */
  error: FeedbackError | null
}

/** Before hydration there is no client state to show. */
const NONE: FeedbackState = {}
/** One client per server, credential and user, with the latest getToken given for it. */
const shared = new Map<string, { client: FeedbackClient; getToken?: FeedbackGetToken | undefined }>()

function sharedClient(o: Extract<FeedbackConnection, { endpoint: string }>): FeedbackClient {
  const key = JSON.stringify([o.endpoint, o.publicKey, o.token, !!o.getToken, o.userId])
  let entry = shared.get(key)
  // Components on one answer share its queue and view. The options are the component's props too:
  // createFeedback reads only its own.
  if (!entry) shared.set(key, (entry = { client: createFeedback({ ...o, getToken: o.getToken && (() => entry!.getToken!()) }) }))
  // Inline getToken functions change every render: the client calls the latest one.
  entry.getToken = o.getToken
  return entry.client
}

/**
 * One end user's feedback on one answer, through the headless `@sightline/feedback` client: its
 * durable queue, retries and toggle stay there; this hook only subscribes to it.
 */
export function useFeedback(traceId: string, options: UseFeedbackOptions): UseFeedbackResult {
  const client = options.client ?? sharedClient(options)
  const target = { name: options.name, spanId: options.spanId }
  // The client keeps each vote's state as one object that only changes with it. A new subscribe
  // function each render makes React resubscribe, which costs a Set add and delete.
  const state = useSyncExternalStore(
    (onChange) => client.on('change', onChange),
    () => client.state(traceId, target),
    () => NONE,
  )

  // Plain closures, new each render: the client is the state, so there is nothing to memoise for.
  return {
    ...state,
    vote: (v, extra) => client.vote(traceId, v, { ...extra, ...target }),
    toggle: (v, extra) => client.toggle(traceId, v, { ...extra, ...target }),
    retract: () => client.retract(traceId, target),
    pending: state.status == 'pending',
    error: state.error ?? null,
  }
}
