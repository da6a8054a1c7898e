import { randomUUID } from 'node:crypto'
import type { Job, Store } from '../store/types'

/** Try again later without counting a failure (e.g. the evaluator is paused). */
export class JobDeferred extends Error {
  constructor(
    readonly delayMs: number,
    message: string,
  ) {
    super(message)
    this.name = 'JobDeferred'
  }
}

/** A failure worth retrying no sooner than `retryAfterMs` (a judge's Retry-After). */
export class JobRetryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message)
    this.name = 'JobRetryable'
  }
}

export interface JobHandler {
  run(job: Job): Promise<void>
  /** called when a job is retried, with when it runs next */
  retrying?(job: Job, error: Error, nextAt: number): Promise<void>
  /** called once when a job gives up (its effect must say so: a run log row, a delivery status) */
  failed?(job: Job, error: Error): Promise<void>
}

/** Seconds between tries: 5 s, 30 s, 2 min, 10 min, 1 h, then 6 h. */
export const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]

export interface JobRunnerOptions {
  store: Store
  handlers: Record<string, JobHandler>
  now?: () => number
  /** how often to look for due jobs when idle */
  pollMs?: number
  /** how long a claim holds a job; a worker that dies frees its jobs after this */
  leaseMs?: number
  /** jobs claimed and run at once (default 8) */
  concurrency?: number
  /** tries before a job gives up */
  maxAttempts?: number
  /** this worker's lease name */
  owner?: string
  onError?: (error: unknown) => void
}

export interface JobRunner {
  readonly owner: string
  start(): void
  /** stops claiming and waits for running jobs */
  stop(): Promise<void>
  /** runs due jobs until none is left (tests, CLI); returns how many ran */
  drain(): Promise<number>
}

/**
 * One durable job loop for every kind. Jobs are claimed with leases, so any number of instances
 * share the work and a killed one loses nothing: its leases expire and the jobs run elsewhere.
 */
export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const now = o.now ?? Date.now
  const owner = o.owner ?? `worker-${randomUUID()}`
  const pollMs = o.pollMs ?? 1000
  const leaseMs = o.leaseMs ?? 120_000
  const concurrency = o.concurrency ?? 8
  const maxAttempts = o.maxAttempts ?? BACKOFF_MS.length + 1
  const onError = o.onError ?? ((err) => console.error('sightline: job runner:', err))
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = true
  let draining = false
  let loop: Promise<unknown> = Promise.resolve()

  async function runOne(job: Job) {
    const handler = o.handlers[job.kind]
    if (!handler) {
      await o.store.retryJob(job, owner, now() + BACKOFF_MS.at(-1)!, `no handler for job kind "${job.kind}"`, true)
      return
    }
    try {
      await handler.run(job)
      await o.store.finishJob(job, owner)
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err))
      if (error instanceof JobDeferred) {
        await o.store.retryJob(job, owner, now() + error.delayMs, error.message, false)
        return
      }
      if (job.attempts + 1 >= maxAttempts) {
        await handler.failed?.(job, error)
        await o.store.finishJob(job, owner)
        return
      }
      const wait = Math.max(
        BACKOFF_MS[Math.min(job.attempts, BACKOFF_MS.length - 1)]!,
        error instanceof JobRetryable ? error.retryAfterMs : 0,
      )
      const nextAt = now() + wait
      await handler.retrying?.(job, error, nextAt)
      await o.store.retryJob(job, owner, nextAt, error.message, true)
    }
  }

  /** Claims and runs batches until nothing is due. */
  async function runDue(): Promise<number> {
    let ran = 0
    for (;;) {
      const jobs = await o.store.claimJobs(owner, now(), leaseMs, concurrency)
      if (!jobs.length) return ran
      await Promise.all(jobs.map((j) => runOne(j).catch(onError)))
      ran += jobs.length
      // SQLite answers synchronously: without a turn of the event loop, a backlog would keep the
      // server from answering any request until it is done.
      await new Promise((resolve) => setImmediate(resolve))
      // stop() was called: leave the rest to the next start (or another instance)
      if (stopped && !draining) return ran
    }
  }

  const tick = () => {
    timer = undefined
    loop = runDue()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs)
      })
  }

  return {
    owner,
    start() {
      if (!stopped) return
      stopped = false
      tick()
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      await loop
    },
    async drain() {
      draining = true
      try {
        return await runDue()
      } finally {
        draining = false
      }
    },
  }
}
