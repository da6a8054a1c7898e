import type { Health } from '@sightline/core'
import { DEFAULT_NAME, feedbackId } from './feedback-id'
import type {
  FeedbackClient,
  FeedbackError,
  FeedbackEventMap,
  FeedbackOptions,
  FeedbackPayload,
  FeedbackState,
  FeedbackStorage,
  FeedbackTarget,
  FeedbackValue,
  VoteOptions,
} from './types'

const BASE_DELAY = 1000
const MAX_DELAY = 60_000
/** Local votes kept for `current()`; the oldest are forgotten first. */
const MAX_VOTES = 1000
const ANON_KEY = 'sightline-feedback:anon'

type Votes = Record<string, FeedbackValue>
/** A queued op; `token` is the static token it was made under, as tokens are scoped to traces. */
type Entry = { op: FeedbackPayload; token?: string | undefined }
type Listener = (detail: never) => void

export function memoryStorage(): FeedbackStorage {
  const map = new Map<string, string>()
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

function defaultStorage(): FeedbackStorage {
  try {
    // Throws when blocked (sandboxed frames); a store that fails on write (private modes, quota)
    // is left for memory by the first write.
    return localStorage
  } catch {
    return memoryStorage()
  }
}

function checkVote(value: FeedbackValue, o: VoteOptions): void {
  if (
    (typeof value == 'number' && !isFinite(value)) ||
    (o.comment?.length ?? 0) > 2000 ||
    (o.correction?.length ?? 0) > 10_000 ||
    (o.reasons?.length ?? 0) > 20
  )
    throw new RangeError('feedback: value, comment, correction or reasons out of range')
}

/**
 * A headless feedback client: votes go to a storage queue first, then to the server one at a
 * time with retries, and leave by `navigator.sendBeacon` when the page is hidden.
 */
export function createFeedback(options: FeedbackOptions): FeedbackClient {
  const { endpoint, publicKey, token, getToken, userId, queueLimit = 100 } = options
  if ([publicKey, token, getToken].filter(Boolean).length != 1)
    throw new TypeError('feedback: pass exactly one of publicKey, token, getToken')
  const doFetch = options.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init))
  const base = endpoint.replace(/\/+$/, '')
  const url = base + '/api/v1/feedback'
  // One queue per server and public key, so ops never reach a server or project not meant for them.
  const queueKey = `sightline-feedback:${endpoint}|${publicKey ?? ''}:`
  const votesKey = queueKey + 'votes'
  let store = options.storage === undefined ? defaultStorage() : (options.storage ?? memoryStorage())
  // The credential beacons use: the last token getToken gave, as sendBeacon cannot wait.
  let key = publicKey ?? token
  const listeners: Record<string, Set<Listener>> = {}
  let timer: ReturnType<typeof setTimeout> | undefined
  let tries = 0
  let dead = false
  let warned = false
  /** Each vote's state as last reported; a refusal lives only here, for this page's lifetime. */
  const states: Record<string, FeedbackState> = {}
  let chain = Promise.resolve()

  function read<T>(k: string, fallback: T): T {
    try {
      return JSON.parse(store.getItem(k)!) ?? fallback
    } catch {
      return fallback
    }
  }

  function write(k: string, value: unknown): void {
    const json = JSON.stringify(value)
    try {
      store.setItem(k, json)
    } catch {
      // Quota or revoked storage: carry on in memory so this page still delivers.
      const mem = memoryStorage()
      for (const own of [queueKey, votesKey]) mem.setItem(own, JSON.stringify(read(own, null)))
      store = mem
      mem.setItem(k, json)
    }
  }

  const queue = (): Entry[] => {
    const q = read<Entry[]>(queueKey, [])
    return Array.isArray(q) ? q : []
  }

  function emit<E extends keyof FeedbackEventMap>(event: E, detail: FeedbackEventMap[E]): void {
    listeners[event]?.forEach((l) => {
      try {
        ;(l as (d: FeedbackEventMap[E]) => void)(detail)
      } catch (e) {
        // A listener's bug must not stall the queue; surface it like an uncaught error.
        setTimeout(() => {
          throw e
        })
      }
    })
  }

  const queued = (id: string) => queue().some((e) => e.op.id == id)

  function stateOf(id: string): FeedbackState {
    const value = read<Votes>(votesKey, {})[id]
    return { value, status: queued(id) ? 'pending' : value !== undefined ? 'sent' : undefined }
  }

  // A new state object only on a change, as React's useSyncExternalStore requires.
  function changed({ id, traceId, spanId, name }: FeedbackPayload, state = stateOf(id)): void {
    emit('change', { id, traceId, spanId, name, ...(states[id] = state) })
  }

  function setVote(id: string, value?: FeedbackValue): void {
    const votes = read<Votes>(votesKey, {})
    delete votes[id]
    if (value !== undefined) votes[id] = value
    const ids = Object.keys(votes)
    for (let i = 0; i < ids.length - MAX_VOTES; i++) delete votes[ids[i]!]
    write(votesKey, votes)
  }

  /** An op that will never be sent takes its vote back, unless a newer op for it is queued. */
  function drop(op: FeedbackPayload, error: FeedbackError): void {
    emit('error', { payload: op, error })
    if (queued(op.id)) return changed(op)
    setVote(op.id)
    changed(op, { status: 'failed', error })
  }

  /** Removes an op once sent; an identical op queued meanwhile was sent by the same request. */
  function remove(entry: Entry): void {
    const json = JSON.stringify(entry)
    write(
      queueKey,
      queue().filter((e) => JSON.stringify(e) != json),
    )
  }

  function anonymousId(): string {
    let id = store.getItem(ANON_KEY)
    if (!id) {
      id = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36)
      try {
        store.setItem(ANON_KEY, id)
      } catch {
        // Without storage the id lasts for this page only.
      }
    }
    return id
  }
  const user = userId ?? anonymousId()

  function target(traceId: string, o: FeedbackTarget) {
    const name = o.name || DEFAULT_NAME
    return { id: feedbackId({ traceId, spanId: o.spanId, name, userId: user }), traceId, spanId: o.spanId, name }
  }

  const offline = () => globalThis.navigator?.onLine === false

  /** A retry delay in ms: exponential with full jitter, or what Retry-After asks for (setTimeout takes a past date as 0). */
  function retryDelay(retryAfter?: string | null): number {
    const cap = Math.min(MAX_DELAY, BASE_DELAY * 2 ** tries++)
    if (retryAfter) {
      const s = Number(retryAfter)
      const ms = isNaN(s) ? Date.parse(retryAfter) - Date.now() : s * 1000
      if (!isNaN(ms)) return ms
    }
    return Math.random() * cap
  }

  /** Sends one op: undefined when accepted, a delay to retry after, or the error that drops it. */
  async function send(entry: Entry): Promise<number | FeedbackError | undefined> {
    let res: Response
    try {
      const credential = entry.token ?? (getToken ? (key = await getToken()) : key)
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + credential },
        body: JSON.stringify(entry.op),
        keepalive: true,
      })
    } catch {
      // A CORS refusal is opaque to scripts: the public health endpoint says whether this page's origin is allowed.
      let origin: Health['origin'] | undefined
      try {
        origin = ((await (await doFetch(base + '/api/health')).json()) as Health).origin
      } catch {
        // Unreachable: retry below.
      }
      return origin?.allowed === false ? { code: 'origin_not_allowed', message: origin.message! } : retryDelay()
    }
    const status = res.status
    if (res.ok) return
    if (status >= 500 || status == 408 || status == 429) return retryDelay(res.headers.get('retry-after'))
    const error = (await res.json().catch(() => null))?.error
    return { code: error?.code ?? 'http_' + status, message: error?.message ?? res.statusText, status }
  }

  async function drain(): Promise<void> {
    let entry: Entry | undefined
    while (!dead && !timer && !offline() && (entry = queue()[0])) {
      const result = await send(entry)
      if (typeof result == 'number') {
        timer = setTimeout(flush, result)
        return
      }
      tries = 0
      remove(entry)
      if (result) {
        // Once per client: a refusal comes from the setup (origin, key, token), so every later op repeats it.
        if (!warned) console.warn('Sightline feedback refused: ' + result.message)
        warned = true
        drop(entry.op, result)
      } else {
        emit('sent', { payload: entry.op, beacon: false })
        changed(entry.op)
      }
    }
  }

  // Drains run one after another, so ops go out one at a time and in order.
  const pump = () => (chain = chain.then(drain).catch(() => {}))

  function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    return pump()
  }

  function beacon(): void {
    const nav = globalThis.navigator
    if (!nav?.sendBeacon || offline()) return
    for (const entry of queue()) {
      const credential = entry.token ?? key
      // A string body goes as text/plain;charset=UTF-8, which needs no CORS preflight.
      // false: no key yet, or the browser's beacon quota is full; the rest waits for the next page.
      if (!credential || !nav.sendBeacon(url + '?key=' + encodeURIComponent(credential), JSON.stringify(entry.op))) return
      // A beacon reports no delivery: the op stays queued and is sent again (idempotently, same
      // id) when the page is shown again or by the next page, so a lost beacon loses no vote.
      emit('sent', { payload: entry.op, beacon: true })
    }
  }

  const onHidden = () => (document.visibilityState == 'hidden' ? beacon() : flush())
  globalThis.addEventListener?.('pagehide', beacon)
  globalThis.addEventListener?.('online', flush)
  globalThis.document?.addEventListener('visibilitychange', onHidden)

  function enqueue(op: FeedbackPayload, value?: FeedbackValue): void {
    setVote(op.id, value)

    // A newer op for the same score replaces the queued one: only the latest state matters.
    const q = queue()
    const at = q.findIndex((e) => e.op.id == op.id)
    q[at < 0 ? q.length : at] = { op, token }
    // A negative count (room left) removes nothing.
    const dropped = q.splice(0, q.length - queueLimit)
    write(queueKey, q)
    for (const e of dropped) drop(e.op, { code: 'queue_full', message: 'feedback queue full: oldest dropped' })
    emit('queued', { payload: op })
    changed(op)
    pump()
  }

  const client: FeedbackClient = {
    async vote(traceId, value, o = {}) {
      checkVote(value, o)
      enqueue({ ...o, ...target(traceId, o), value, authorId: userId }, value)
    },
    toggle(traceId, value, o = {}) {
      return client.current(traceId, o) === value ? client.retract(traceId, o) : client.vote(traceId, value, o)
    },
    async retract(traceId, o = {}) {
      enqueue({ ...target(traceId, o), retract: true })
    },
    current: (traceId, o) => client.state(traceId, o).value,
    state(traceId, o = {}) {
      const { id } = target(traceId, o)
      return (states[id] ??= stateOf(id))
    },
    flush,
    pending: () => queue().length,
    on(event, listener) {
      const set = (listeners[event] ??= new Set())
      set.add(listener as Listener)
      return () => void set.delete(listener as Listener)
    },
    destroy() {
      dead = true
      clearTimeout(timer)
      globalThis.removeEventListener?.('pagehide', beacon)
      globalThis.removeEventListener?.('online', flush)
      globalThis.document?.removeEventListener('visibilitychange', onHidden)
      for (const k in listeners) delete listeners[k]
    },
  }
  // What an earlier page left behind goes out first.
  pump()
  return client
}
