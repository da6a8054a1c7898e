import {
  scoreConfigViolation,
  type ApiIssue,
  type CompleteItem,
  type QueueItem,
  type QueueStats,
  type ScoreConfig,
  type TraceDetail,
} from '@sightline/core'
import { vi } from 'vitest'
import { claimedTask, reviewConfigs, reviewQueue } from './fixtures'

type Action = 'claim' | 'complete' | 'skip' | 'renew' | 'stats' | 'configs'

interface FakeItem {
  item: QueueItem
  trace: TraceDetail
  holder: string | null
  expiresAt: number
  outcome: 'done' | 'skipped' | null
  scores?: CompleteItem['scores']
}

export interface FakeQueueOptions {
  items?: number
  configs?: readonly ScoreConfig[]
  leaseSeconds?: number
  /** the reviewer an annotate token would name */
  reviewer?: string
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const fail = (status: number, code: string, message: string, issues?: ApiIssue[]) =>
  json(status, { error: { code, message, ...(issues && { issues }) } })

/**
 * An in-memory queue behind a fake `fetch`, close to the server's flow: a reviewer's claim gives
 * back the item they hold, leases expire by `Date.now()`, completing checks values against the
 * configs. `failNext` makes the next call of an action answer with an error.
 */
export function fakeQueueServer({ items = 3, configs = reviewConfigs, leaseSeconds = 300, reviewer = 'ann' }: FakeQueueOptions = {}) {
  const store: FakeItem[] = Array.from({ length: items }, (_, i) => {
    const { item, trace } = claimedTask(i)
    return { item: { ...item, status: 'pending', leases: [] }, trace, holder: null, expiresAt: 0, outcome: null }
  })
  const failures = new Map<Action, { status: number; code: string; message: string; issues?: ApiIssue[] | undefined }>()
  const calls: { action: Action | 'other'; body: unknown; path: string }[] = []

  const view = (f: FakeItem): QueueItem => {
    const live = f.holder && f.expiresAt > Date.now()
    return {
      ...f.item,
      status: f.outcome === 'done' ? 'done' : live ? 'in_progress' : f.outcome === 'skipped' ? 'skipped' : 'pending',
      leases: live ? [{ reviewer: f.holder!, expiresAt: new Date(f.expiresAt).toISOString() }] : [],
      completedBy: f.outcome === 'done' ? [reviewer] : [],
      skippedBy: f.outcome === 'skipped' ? [reviewer] : [],
    }
  }

  const stats = (): QueueStats => {
    const counts = { total: store.length, pending: 0, inProgress: 0, done: 0, skipped: 0 }
    for (const f of store) {
      const s = view(f).status
      if (s === 'in_progress') counts.inProgress++
      else counts[s]++
    }
    const done = store.filter((f) => f.outcome === 'done').length
    const skipped = store.filter((f) => f.outcome === 'skipped').length
    return {
      counts,
      reviewers: done + skipped ? [{ reviewer, done, skipped, medianSeconds: 30, lastHour: done, lastAt: new Date().toISOString() }] : [],
    }
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://sightline.test')
    const path = url.pathname
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined
    const base = `/api/v1/queues/${reviewQueue.id}`
    const m = new RegExp(`^${base}/items/([^/]+)/(complete|skip|renew|release)$`).exec(path)
    const action: Action | 'other' =
      path === `${base}/claim`
        ? 'claim'
        : m
          ? (m[2] as Action)
          : path === `${base}/stats`
            ? 'stats'
            : path === `${base}/configs`
              ? 'configs'
              : 'other'
    calls.push({ action, body, path })
    const failure = action !== 'other' ? failures.get(action) : undefined
    if (failure) {
      failures.delete(action as Action)
      return fail(failure.status, failure.code, failure.message, failure.issues)
    }
    const now = Date.now()
    if (path === '/api/v1/queues') return json(200, { data: [{ ...reviewQueue, leaseSeconds, counts: stats().counts }] })
    if (path === base) return json(200, { ...reviewQueue, leaseSeconds })
    if (action === 'configs') return json(200, { data: configs })
    if (action === 'stats') return json(200, stats())
    if (action === 'claim') {
      const held = store.find((f) => f.holder === reviewer && f.expiresAt > now && !f.outcome)
      const next = held ?? store.find((f) => !f.outcome && !(f.holder && f.holder !== reviewer && f.expiresAt > now))
      if (!next) return new Response(null, { status: 204 })
      if (!held) {
        next.holder = reviewer
        next.expiresAt = now + leaseSeconds * 1000
      }
      return json(200, { item: view(next), trace: next.trace, reviewer })
    }
    if (m) {
      const f = store.find((x) => x.item.id === decodeURIComponent(m[1]!))
      if (!f) return fail(404, 'not_found', 'queue item not found')
      if (f.outcome === 'done') return fail(409, 'conflict', `${reviewer} already completed item ${f.item.id}`)
      if (m[2] === 'renew') {
        if (f.holder !== reviewer) return fail(409, 'conflict', 'no lease')
        f.expiresAt = now + leaseSeconds * 1000
        return json(200, view(f))
      }
      if (m[2] === 'skip') {
        f.outcome = 'skipped'
        f.holder = null
        return json(200, view(f))
      }
      if (m[2] === 'complete') {
        if (f.holder && f.holder !== reviewer && f.expiresAt > now)
          return fail(409, 'conflict', `item ${f.item.id} is held or done by other reviewers; claim the next one`)
        const scores = (body as CompleteItem).scores
        const issues: ApiIssue[] = []
        scores.forEach((s, i) => {
          const c = configs.find((x) => x.id === s.configId)
          const violation = c ? scoreConfigViolation(c, s.value) : 'not a score config of this queue'
          if (violation) issues.push({ path: ['scores', i, 'value'], message: violation })
        })
        if (issues.length) return fail(400, 'validation_failed', 'invalid request', issues)
        f.outcome = 'done'
        f.holder = null
        f.scores = scores
        return json(200, view(f))
      }
    }
    return fail(404, 'not_found', `no route ${path}`)
  })

  return {
    fetch,
    store,
    calls,
    /** the next call of `action` answers with this error */
    failNext(action: Action, status: number, message = `HTTP ${status}`, issues?: ApiIssue[]) {
      const code = status === 409 ? 'conflict' : status === 400 ? 'validation_failed' : status === 403 ? 'forbidden' : 'internal'
      failures.set(action, { status, code, message, issues })
    },
    /** another reviewer takes the item: the current holder's lease is gone */
    steal(itemId: string) {
      const f = store.find((x) => x.item.id === itemId)!
      f.holder = 'someone-else'
      f.expiresAt = Date.now() + leaseSeconds * 1000
    },
    completed: () => store.filter((f) => f.outcome === 'done').map((f) => ({ traceId: f.item.traceId, scores: f.scores })),
  }
}
