import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../store/sqlite/sqlite-store'
import type { Job, Store } from '../store/types'
import { BACKOFF_MS, createJobRunner, JobDeferred, JobRetryable } from './job-runner'

let store: Store
let now = 1_000_000
beforeEach(async () => {
  store = openSqliteStore({ filename: ':memory:' })
  await store.migrate()
  now = 1_000_000
})
afterEach(() => store.close())

const enqueue = (id = 'j1') => store.enqueueJobs([{ id, projectId: 'p', kind: 'k', payload: { n: 1 }, runAfter: now }])

describe('job runner', () => {
  it('retries failures on the backoff schedule, then gives up once and says so', async () => {
    await enqueue()
    const seen: string[] = []
    const runner = createJobRunner({
      store,
      now: () => now,
      maxAttempts: 3,
      handlers: {
        k: {
          run: async (job) => {
            seen.push(`run ${job.attempts}`)
            throw new Error('boom')
          },
          retrying: async (_job, error, nextAt) => void seen.push(`retry at +${nextAt - now} (${error.message})`),
          failed: async (job, error) => void seen.push(`failed after ${job.attempts + 1} (${error.message})`),
        },
      },
    })
    expect(await runner.drain()).toBe(1)
    now += BACKOFF_MS[0]! - 1
    expect(await runner.drain()).toBe(0)
    now += 1
    await runner.drain()
    now += BACKOFF_MS[1]!
    await runner.drain()
    expect(seen).toEqual([
      'run 0',
      `retry at +${BACKOFF_MS[0]} (boom)`,
      'run 1',
      `retry at +${BACKOFF_MS[1]} (boom)`,
      'run 2',
      'failed after 3 (boom)',
    ])
    expect(await store.countJobs()).toBe(0)
  })

  it('honours a retryable error’s delay when it is longer, and defers without counting an attempt', async () => {
    await enqueue('slow')
    await enqueue('paused')
    const attempts: Record<string, number[]> = { slow: [], paused: [] }
    const runner = createJobRunner({
      store,
      now: () => now,
      handlers: {
        k: {
          run: async (job: Job) => {
            attempts[job.id]!.push(job.attempts)
            if (job.id === 'slow') throw new JobRetryable('429', 60_000)
            throw new JobDeferred(30_000, 'paused')
          },
        },
      },
    })
    await runner.drain()
    now += 30_000
    await runner.drain()
    now += 30_000
    await runner.drain()
    expect(attempts).toEqual({ slow: [0, 1], paused: [0, 0, 0] })
  })

  it('a job kind without a handler waits instead of vanishing', async () => {
    await store.enqueueJobs([{ id: 'x', projectId: 'p', kind: 'unknown', payload: {}, runAfter: now }])
    await createJobRunner({ store, now: () => now, handlers: {} }).drain()
    expect(await store.countJobs('unknown')).toBe(1)
  })

  it('start polls for due jobs and stop waits for the running ones', async () => {
    let done = 0
    const runner = createJobRunner({ store, pollMs: 5, handlers: { k: { run: async () => void done++ } } })
    runner.start()
    now = Date.now()
    await enqueue()
    for (let i = 0; i < 400 && done === 0; i++) await new Promise((r) => setTimeout(r, 5))
    await runner.stop()
    expect(done).toBe(1)
  })
})
