import { SightlineError, type ClaimResponse, type QueueItem, type ScoreConfig } from '@sightline/core'
import { useCallback, useEffect, useInsertionEffect, useMemo, useRef, useState } from 'react'
import { useSightlineContext } from '../provider/sightline-provider'
import type { AnnotationQueueState, AnnotationSummary } from './annotation-queue'
import type { LeaseState } from './lease-countdown'
import { draftToScores, EMPTY_DRAFT, issuesToErrors, type ScoreDraft, type ScoreErrors } from './score-draft'
import { annotationKeys, useQueue, useQueueConfigs } from './use-queues'

/** An item this session scored or skipped. */
export interface AnnotationReview {
  task: ClaimResponse
  values: ScoreDraft
  outcome: 'done' | 'skipped'
  /** `saving` until the server confirmed it */
  status: 'saving' | 'saved'
}

export interface UseAnnotationSessionOptions {
  queueId: string
  /** needed with a secret key; an annotate token names its reviewer itself */
  reviewer?: string | undefined
  /** nothing is left for this reviewer */
  onFinished?: ((summary: AnnotationSummary) => void) | undefined
  /** an item was scored or skipped, and the server confirmed it */
  onReviewed?: ((review: AnnotationReview) => void) | undefined
}

export interface AnnotationSession {
  state: AnnotationQueueState
  queueName: string | undefined
  /** the queue's live (not archived) score configs */
  configs: readonly ScoreConfig[]
  /** the item being reviewed */
  task: ClaimResponse | null
  values: ScoreDraft
  setValues: (values: ScoreDraft) => void
  errors: ScoreErrors
  submitError: string | null
  /** the last submit failed because the item is no longer this reviewer's (409) */
  conflict: boolean
  notice: string | null
  error: Error | null
  lease: { expiresAt: string | null; state: LeaseState } | null
  /** this session's reviewed items, oldest first */
  history: readonly AnnotationReview[]
  summary: AnnotationSummary
  /** completes the item with valid answers and moves on at once; rolls back if the server refuses */
  submit: (values: ScoreDraft) => void
  skip: () => void
  /** leaves an item that cannot be finished and claims the next */
  moveOn: () => void
  /** claims again (after an error, or to look for new items) */
  retry: () => void
}

interface Live {
  phase: 'loading' | 'ready' | 'empty' | 'finished' | 'error'
  task: ClaimResponse | null
  values: ScoreDraft
  errors: ScoreErrors
  submitError: string | null
  conflict: boolean
  notice: string | null
  error: Error | null
  expiresAt: string | null
  leaseState: LeaseState
}

const START: Live = {
  phase: 'loading',
  task: null,
  values: EMPTY_DRAFT,
  errors: {},
  submitError: null,
  conflict: false,
  notice: null,
  error: null,
  expiresAt: null,
  leaseState: 'held',
}

const NO_CONFIGS: readonly ScoreConfig[] = []
const RENEW_RETRY_MS = 10_000

/** The reviewer's lease on an item: theirs by name, else the only one, else the latest. */
export function leaseExpiry(item: QueueItem, reviewer: string | undefined): string | null {
  const own = reviewer ? item.leases.find((l) => l.reviewer === reviewer) : undefined
  if (own) return own.expiresAt
  if (item.leases.length === 0) return null
  return item.leases.reduce((a, b) => (a.expiresAt > b.expiresAt ? a : b)).expiresAt
}

const isConflict = (e: unknown) => e instanceof SightlineError && e.status === 409
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A clearer word for the errors a reviewer's set-up causes. */
function sessionError(e: unknown): Error {
  if (e instanceof SightlineError && e.status === 400 && e.issues.some((i) => i.path[0] === 'reviewer'))
    return new Error('no reviewer is named: with a secret key, pass the `reviewer` prop (an annotate token names its reviewer itself)')
  if (e instanceof SightlineError && e.status === 403) return new Error(`this credential may not review this queue (${e.message})`)
  return e instanceof Error ? e : new Error(String(e))
}

/**
 * The review flow of one queue through the provider's client: claim an item, complete or skip
 * it (optimistically: the next item is claimed at once, and a refused item comes back with its
 * answers), renew the lease while the page is visible, and remember this session's reviews.
 */
const summaryOf = (reviews: readonly AnnotationReview[]): AnnotationSummary => ({
  done: reviews.filter((r) => r.outcome === 'done').length,
  skipped: reviews.filter((r) => r.outcome === 'skipped').length,
})

export function useAnnotationSession({ queueId, reviewer, onFinished, onReviewed }: UseAnnotationSessionOptions): AnnotationSession {
  const { client, queryClient } = useSightlineContext('useAnnotationSession')
  const queue = useQueue(queueId)
  const configsQuery = useQueueConfigs(queueId)
  const configs = useMemo(() => configsQuery.data?.filter((c) => !c.archivedAt) ?? NO_CONFIGS, [configsQuery.data])

  const [live, setLive] = useState<Live>(START)
  const [history, setHistory] = useState<readonly AnnotationReview[]>([])
  const liveRef = useRef(live)
  liveRef.current = live
  const historyRef = useRef(history)
  historyRef.current = history
  const configsRef = useRef(configs)
  configsRef.current = configs
  const callbacks = useRef({ onFinished, onReviewed })
  useInsertionEffect(() => {
    callbacks.current = { onFinished, onReviewed }
  })
  // Each flow step takes a number; answers to an older step are dropped.
  const step = useRef(0)

  const refreshCounts = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: annotationKeys.stats })
    void queryClient.invalidateQueries({ queryKey: annotationKeys.lists })
  }, [queryClient])

  const claimNext = useCallback(
    async (notice: string | null = null) => {
      const mine = ++step.current
      setLive({ ...START, notice })
      try {
        const claimed = await client.claimQueueItem(queueId, reviewer)
        if (mine !== step.current) return
        if (claimed) {
          setLive((prev) => ({
            ...prev,
            phase: 'ready',
            task: claimed,
            expiresAt: leaseExpiry(claimed.item, reviewer),
            leaseState: 'held',
          }))
          return
        }
        // Nothing to claim: an empty queue, or everything is done or held by others.
        const stats = await client.queueStats(queueId).catch(() => null)
        if (mine !== step.current) return
        const empty = stats?.counts.total === 0 && historyRef.current.length === 0
        setLive((prev) => ({ ...prev, phase: empty ? 'empty' : 'finished' }))
        if (!empty) callbacks.current.onFinished?.(summaryOf(historyRef.current))
      } catch (e) {
        if (mine === step.current) setLive((prev) => ({ ...prev, phase: 'error', error: sessionError(e) }))
      } finally {
        refreshCounts()
      }
    },
    [client, queueId, reviewer, refreshCounts],
  )

  useEffect(() => {
    void claimNext()
    // A queue or reviewer change (or unmount) drops answers meant for the old one.
    return () => {
      step.current++
    }
  }, [claimNext])

  /** Moves on at once; the server's answer confirms the review, or brings the item back. */
  const finish = useCallback(
    async (outcome: 'done' | 'skipped', values: ScoreDraft) => {
      const before = liveRef.current
      const task = before.task
      if (before.phase !== 'ready' || !task) return
      const review: AnnotationReview = { task, values, outcome, status: 'saving' }
      const scores = draftToScores(configsRef.current, values)
      setHistory((h) => [...h, review])
      const mine = ++step.current
      setLive({ ...START, phase: 'loading' })
      try {
        if (outcome === 'done') await client.completeQueueItem(queueId, task.item.id, { ...(reviewer && { reviewer }), scores })
        else await client.skipQueueItem(queueId, task.item.id, reviewer)
        const saved: AnnotationReview = { ...review, status: 'saved' }
        setHistory((h) => h.map((r) => (r === review ? saved : r)))
        callbacks.current.onReviewed?.(saved)
        if (mine === step.current) void claimNext()
        else refreshCounts()
      } catch (e) {
        setHistory((h) => h.filter((r) => r !== review))
        step.current++
        let errors: ScoreErrors = {}
        let submitError: string
        const conflict = isConflict(e)
        if (conflict)
          submitError = `This item is no longer yours: your lease ran out and another reviewer has it, or it was already completed. Your ${outcome === 'done' ? 'scores were' : 'skip was'} not saved.`
        else if (e instanceof SightlineError && e.status === 400 && e.issues.length) {
          const mapped = issuesToErrors(e.issues, scores)
          errors = mapped.fields
          submitError = mapped.form.length
            ? `The server did not accept these scores: ${mapped.form.join('; ')}`
            : 'The server did not accept these scores; see the fields.'
        } else submitError = `Could not save your ${outcome === 'done' ? 'scores' : 'skip'}: ${messageOf(e)}. Try again.`
        setLive({
          ...before,
          phase: 'ready',
          task,
          values,
          errors,
          submitError,
          conflict,
          notice: null,
          leaseState: conflict ? 'lost' : before.leaseState,
        })
      }
    },
    [client, queueId, reviewer, claimNext, refreshCounts],
  )

  // Keep the lease: renew when little is left and the page is visible; a lost lease moves on.
  const leaseSeconds = queue.data?.leaseSeconds
  const renewBelowMs = Math.min(60_000, leaseSeconds ? (leaseSeconds * 1000) / 2 : 60_000)
  const { phase, task, expiresAt } = live
  const leaseLost = live.leaseState === 'lost'
  useEffect(() => {
    if (phase !== 'ready' || !task || !expiresAt || leaseLost) return
    let busy = false
    let cancelled = false
    let retryAt = 0
    const check = async () => {
      if (busy || cancelled || document.visibilityState === 'hidden' || Date.now() < retryAt) return
      if (Date.parse(expiresAt) - Date.now() > renewBelowMs) return
      busy = true
      setLive((prev) => (prev.task === task ? { ...prev, leaseState: 'renewing' } : prev))
      try {
        const item = await client.renewQueueItem(queueId, task.item.id, reviewer)
        if (!cancelled)
          setLive((prev) =>
            prev.task === task ? { ...prev, expiresAt: leaseExpiry(item, reviewer) ?? prev.expiresAt, leaseState: 'held' } : prev,
          )
      } catch (e) {
        if (cancelled || liveRef.current.task !== task) return
        if (isConflict(e) || (e instanceof SightlineError && e.status === 404))
          void claimNext('Your lease on the last item ran out and another reviewer took it, so it was left to them. Here is the next one.')
        else {
          retryAt = Date.now() + RENEW_RETRY_MS
          setLive((prev) => (prev.task === task ? { ...prev, leaseState: 'held' } : prev))
        }
      } finally {
        busy = false
      }
    }
    const timer = setInterval(() => void check(), 1000)
    const onVisible = () => void check()
    document.addEventListener('visibilitychange', onVisible)
    void check()
    return () => {
      cancelled = true
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [phase, task, expiresAt, leaseLost, renewBelowMs, client, queueId, reviewer, claimNext])

  const setValues = useCallback((values: ScoreDraft) => setLive((prev) => ({ ...prev, values })), [])
  const submit = useCallback((values: ScoreDraft) => void finish('done', values), [finish])
  const skip = useCallback(() => void finish('skipped', liveRef.current.values), [finish])
  const moveOn = useCallback(() => void claimNext(), [claimNext])
  const setupError = configsQuery.error ?? null
  const refetchConfigs = configsQuery.refetch
  const retry = useCallback(() => {
    if (setupError) void refetchConfigs()
    void claimNext()
  }, [claimNext, setupError, refetchConfigs])
  const state: AnnotationQueueState = setupError ? 'error' : configsQuery.isPending ? 'loading' : live.phase
  return {
    state,
    queueName: queue.data?.name,
    configs,
    task: live.task,
    values: live.values,
    setValues,
    errors: live.errors,
    submitError: live.submitError,
    conflict: live.conflict,
    notice: live.notice,
    error: setupError ? sessionError(setupError) : live.error,
    lease: live.task ? { expiresAt: live.expiresAt, state: live.leaseState } : null,
    history,
    summary: summaryOf(history),
    submit,
    skip,
    moveOn,
    retry,
  }
}
