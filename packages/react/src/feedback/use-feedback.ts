import {
  createFeedback,
  type FeedbackClient,
  type FeedbackError,
  type FeedbackPayload,
  type FeedbackTarget,
  type FeedbackValue,
  type VoteOptions,
} from '@sightline/feedback'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'

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
      userId?: string
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
  value: FeedbackValue | undefined
  /** resolves once the vote is durably queued */
  vote(value: FeedbackValue, extra?: FeedbackExtra): Promise<void>
  /** votes, or takes the vote back when `value` is the current one */
  toggle(value: FeedbackValue, extra?: FeedbackExtra): Promise<void>
  retract(): Promise<void>
  /** a change made while mounted has not reached the server yet (offline, retrying) */
  pending: boolean
  /** the server refused a change made while mounted; cleared by the next one */
  error: FeedbackError | null
}

const clients = new Map<string, FeedbackClient>()
const getters = new Map<string, FeedbackGetToken>()

function sharedClient(o: Extract<FeedbackConnection, { endpoint: string }>): FeedbackClient {
  const { endpoint, publicKey, token, getToken, userId } = o
  const key = JSON.stringify([endpoint, publicKey, token, !!getToken, userId])
  // One client per server, credential and user: components on one answer share its queue and view.
  // Inline getToken functions change every render, so the client calls the latest one given.
  if (getToken) getters.set(key, getToken)
  let client = clients.get(key)
  if (!client)
    clients.set(
      key,
      (client = createFeedback({ endpoint, publicKey, token, userId, getToken: getToken && (() => getters.get(key)!()) })),
    )
  return client
}

/**
 * One end user's feedback on one answer, through the headless `@sightline/feedback` client: its
 * durable queue, retries and toggle stay there; this hook only subscribes to it.
 */
export function useFeedback(traceId: string, options: UseFeedbackOptions): UseFeedbackResult {
  const { name, spanId } = options
  const client = options.client ?? sharedClient(options)
  const [[pending, error], setStatus] = useState<[boolean, FeedbackError | null]>([false, null])
  const subscribe = useCallback((onChange: () => void) => client.on('change', onChange), [client])
  const value = useSyncExternalStore(subscribe, () => client.current(traceId, { name, spanId }), () => undefined)

  useEffect(() => {
    const mine = (p: FeedbackPayload) => p.traceId == traceId && p.name == (name || 'user_feedback') && p.spanId == spanId
    const offs = (['queued', 'sent', 'error'] as const).map((event) =>
      client.on(event, (d) => mine(d.payload) && setStatus([event == 'queued', 'error' in d ? d.error : null])),
    )
    return () => offs.forEach((off) => off())
  }, [client, traceId, name, spanId])

  // Plain closures, new each render: the client is the state, so there is nothing to memoise for.
  const target = { name, spanId }
  return {
    value,
    vote: (v, extra) => client.vote(traceId, v, { ...extra, ...target }),
    toggle: (v, extra) => client.toggle(traceId, v, { ...extra, ...target }),
    retract: () => client.retract(traceId, target),
    pending,
    error,
  }
}
