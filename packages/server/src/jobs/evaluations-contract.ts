import type { IngestBatch } from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EVAL_JOB, evalScoreId } from '../services/eval-schedule'
import { createEvaluator } from '../services/evaluators'
import { validateBatch } from '../services/ingest'
import { sampled } from '../services/sampling'
import { writeBatch } from '../services/write'
import { T0 } from '../store/store-contract'
import type { Store } from '../store/types'
import { evalJobHandler } from './eval-job'
import { createJobRunner, type JobHandler } from './job-runner'

const P = 'p1'
const S = 1000

/** A trace whose output says `answer`, optionally with more spans arriving later. */
const trace = (id: string, answer: string, extra: Partial<IngestBatch> = {}): IngestBatch => ({
  traces: [{ id, name: 'chat', input: 'question', output: answer, environment: 'production' }],
  spans: [{ id: `${id}-gen`, traceId: id, name: 'llm', type: 'generation', startTime: T0, endTime: T0 + S, output: answer }],
  ...extra,
})

/**
 * Evaluation on one store: scheduling after the quiet delay, deterministic sampling,
 * exactly-once scores, leases shared by two instances, and jobs that survive a restart.
 * `reopen` opens a second handle on the same database (another instance, or after a restart).
 */
export function runEvaluationContract(name: string, open: () => Promise<{ store: Store; reopen: () => Promise<Store> }>) {
  describe(`Evaluation contract: ${name}`, () => {
    let store: Store
    let reopen: () => Promise<Store>
    let now = T0
    const clock = () => now
    const others: Store[] = []

    beforeEach(async () => {
      ;({ store, reopen } = await open())
      await store.migrate()
      now = T0
    })
    afterEach(async () => {
      for (const o of others.splice(0)) await o.close()
      await store.close()
    })

    const ingest = async (batch: IngestBatch, on = store) => writeBatch(on, P, validateBatch(batch).write, now)
    const containsEvaluator = (over: Record<string, unknown> = {}) =>
      createEvaluator(
        store,
        P,
        {
          name: 'mentions refund',
          kind: 'contains',
          config: { value: 'refund' },
          target: 'trace',
          sampleRate: 1,
          delaySeconds: 10,
          active: true,
          ...over,
        },
        now,
      )
    const runner = (on = store, handler: JobHandler = evalJobHandler({ store: on, now: clock })) =>
      createJobRunner({ store: on, handlers: { [EVAL_JOB]: handler }, now: clock, leaseMs: 60_000 })
    const evalScores = async (on = store) => (await on.listScores(P, { source: 'eval', limit: 500 })).data

    it('scores a trace once it has been quiet for the delay, with a deterministic id', async () => {
      const e = await containsEvaluator()
      await ingest(trace('t1', 'You can get a refund within 30 days.'))
      expect((await store.listEvalRuns(P, e.id, { limit: 10 })).data).toMatchObject([{ traceId: 't1', status: 'pending' }])
      expect(await runner().drain()).toBe(0) // not quiet long enough
      now += 5 * S
      await ingest({ spans: [{ id: 't1-tool', traceId: 't1', name: 'lookup', type: 'tool', startTime: T0, endTime: T0 + S }] })
      now += 9 * S
      expect(await runner().drain()).toBe(0) // the new span moved the job: 10 s after it
      now += 2 * S
      expect(await runner().drain()).toBe(1)
      const [score] = await evalScores()
      expect(score).toMatchObject({
        id: evalScoreId(e.id, { traceId: 't1', spanId: null }),
        traceId: 't1',
        name: 'mentions refund',
        source: 'eval',
        authorId: e.id,
        value: true,
        dataType: 'boolean',
      })
      const [run] = (await store.listEvalRuns(P, e.id, { limit: 10 })).data
      expect(run).toMatchObject({ status: 'done', scoreId: score!.id, value: true, attempts: 1 })
      expect(await store.countJobs()).toBe(0)
    })

    it('re-running overwrites the score, never duplicates it', async () => {
      const e = await containsEvaluator({ delaySeconds: 0 })
      await ingest(trace('t1', 'no'))
      await runner().drain()
      await ingest(trace('t1', 'a refund, then'))
      await runner().drain()
      const scores = await evalScores()
      expect(scores).toHaveLength(1)
      expect(scores[0]).toMatchObject({ value: true, authorId: e.id })
    })

    it('samples by a hash of (evaluator, trace): the same traces every time', async () => {
      const e = await containsEvaluator({ sampleRate: 0.3, delaySeconds: 0 })
      const ids = Array.from({ length: 60 }, (_, i) => `s${i}`)
      for (const id of ids) await ingest(trace(id, 'refund'))
      // more spans later do not flip a trace in or out
      for (const id of ids) await ingest({ spans: [{ id: `${id}-x`, traceId: id, name: 'x', type: 'span', startTime: T0 }] })
      await runner().drain()
      const scored = new Set((await evalScores()).map((s) => s.traceId))
      expect(scored).toEqual(new Set(ids.filter((id) => sampled(e.id, id, 0.3))))
      expect(scored.size).toBeGreaterThan(5)
      expect(scored.size).toBeLessThan(40)
    })

    it('takes only traces its filter matches, and per generation span with target "generation"', async () => {
      await containsEvaluator({ filter: { environment: 'staging' }, delaySeconds: 0 })
      const gen = await containsEvaluator({ name: 'gen', target: 'generation', delaySeconds: 0 })
      await ingest(trace('prod', 'refund'))
      await runner().drain()
      const scores = await evalScores()
      expect(scores.map((s) => [s.name, s.traceId, s.spanId])).toEqual([['gen', 'prod', 'prod-gen']])
      expect(scores[0]!.id).toBe(evalScoreId(gen.id, { traceId: 'prod', spanId: 'prod-gen' }))
    })

    it('two instances share the jobs through leases: each runs exactly once', async () => {
      await containsEvaluator({ delaySeconds: 0 })
      for (let i = 0; i < 40; i++) await ingest(trace(`m${i}`, 'refund'))
      const second = await reopen()
      others.push(second)
      const ran: string[] = []
      const counting = (on: Store): JobHandler => {
        const real = evalJobHandler({ store: on, now: clock })
        return {
          ...real,
          run: async (job) => {
            ran.push(job.id)
            await real.run(job)
          },
        }
      }
      const [a, b] = await Promise.all([runner(store, counting(store)).drain(), runner(second, counting(second)).drain()])
      expect(a + b).toBe(40)
      expect(new Set(ran).size).toBe(40)
      expect(ran).toHaveLength(40)
      expect(await evalScores()).toHaveLength(40)
    })

    it('jobs survive a restart, and a lease left by a killed worker expires and runs again', async () => {
      const e = await containsEvaluator({ delaySeconds: 0 })
      await ingest(trace('r1', 'refund'))
      await ingest(trace('r2', 'refund'))
      // A worker claims both and dies before finishing (kill -9: no finish, no retry).
      expect(await store.claimJobs('dead-worker', now, 60_000, 10)).toHaveLength(2)
      const restarted = await reopen()
      await store.close()
      store = restarted
      expect(await runner().drain()).toBe(0) // still leased
      now += 61 * S
      expect(await runner().drain()).toBe(2)
      expect((await store.listEvalRuns(P, e.id, { limit: 10 })).data.map((r) => r.status)).toEqual(['done', 'done'])
    })

    it('a job enqueued again while it runs runs once more afterwards', async () => {
      await containsEvaluator({ delaySeconds: 0 })
      await ingest(trace('c1', 'nothing'))
      const [job] = await store.claimJobs('w1', now, 60_000, 10)
      await ingest(trace('c1', 'refund now')) // arrives mid-run
      await store.finishJob(job!, 'w1')
      expect(await store.countJobs()).toBe(1)
      await runner().drain()
      expect((await evalScores())[0]).toMatchObject({ traceId: 'c1', value: true })
    })

    it('a judge that keeps failing is retried on the schedule, then recorded as an error; a refused key pauses it', async () => {
      const judge = (name: string) =>
        containsEvaluator({
          name,
          kind: 'llm-judge',
          filter: { name },
          delaySeconds: 0,
          config: { baseUrl: 'http://judge.invalid/v1', model: 'm', prompt: '{{output}}', output: { dataType: 'boolean' } },
        })
      const down = await judge('down')
      const refused = await judge('refused')
      const status = (name: string) => (name === 'down' ? 503 : 401)
      const fetch = async (_url: string, init?: RequestInit) =>
        new Response('{"error":{"message":"nope"}}', { status: status(JSON.parse(String(init?.body)).messages.at(-1).content) })
      const run = () =>
        createJobRunner({
          store,
          handlers: { [EVAL_JOB]: evalJobHandler({ store, now: clock, fetch }) },
          now: clock,
          maxAttempts: 2,
        }).drain()
      await ingest({ traces: [{ id: 'j1', name: 'down', output: 'down' }] })
      await ingest({ traces: [{ id: 'j2', name: 'refused', output: 'refused' }] })
      await run()
      expect((await store.listEvalRuns(P, down.id, { limit: 5 })).data[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        error: expect.stringMatching(/503.*trying again at/s),
      })
      expect(await store.getEvaluator(P, refused.id)).toMatchObject({ pausedReason: expect.stringMatching(/401/) })
      now += 10 * S
      await run()
      expect((await store.listEvalRuns(P, down.id, { limit: 5 })).data[0]).toMatchObject({ status: 'error', attempts: 2 })
      // the paused judge's trace waits: pending, its job still there
      expect((await store.listEvalRuns(P, refused.id, { limit: 5 })).data[0]).toMatchObject({ status: 'pending' })
      expect(await store.countJobs(EVAL_JOB)).toBe(1)
    })

    it('skips with the reason when the subject lacks what the kind needs', async () => {
      const e = await containsEvaluator({ name: 'similar', kind: 'exact-match', config: {}, delaySeconds: 0 })
      await ingest(trace('x1', 'refund'))
      await runner().drain()
      expect((await store.listEvalRuns(P, e.id, { limit: 10 })).data[0]).toMatchObject({
        status: 'skipped',
        error: expect.stringMatching(/expected/),
      })
      expect(await store.countJobs()).toBe(0)
    })

    it('a human review queue with an evaluator rule samples the traces it scored', async () => {
      const e = await containsEvaluator({ delaySeconds: 0 })
      await store.createScoreConfig(P, {
        id: 'cfg',
        name: 'correct',
        dataType: 'boolean',
        min: null,
        max: null,
        step: null,
        categories: null,
        description: null,
        feedback: false,
        archivedAt: null,
        createdAt: new Date(T0).toISOString(),
      })
      await store.createQueue(P, {
        id: 'q',
        name: 'check the judge',
        description: null,
        scoreConfigIds: ['cfg'],
        reviewersPerItem: 1,
        leaseSeconds: 60,
        rules: [{ kind: 'evaluator', evaluatorId: e.id }],
        archivedAt: null,
        createdAt: new Date(T0).toISOString(),
      })
      await ingest(trace('q1', 'refund'))
      await runner().drain()
      expect((await store.listQueueItems(P, 'q', { limit: 10 }, now)).data.map((i) => i.traceId)).toEqual(['q1'])
    })
  })
}
