import type { Queue, ScoreConfig } from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateBatch } from '../services/ingest'
import { ITEM_SCAN_LIMIT } from './queue-state'
import { T0 } from './store-contract'
import type { Store } from './types'

const config: ScoreConfig = {
  id: 'cfg-quality',
  name: 'quality',
  dataType: 'numeric',
  min: 1,
  max: 5,
  step: 1,
  categories: null,
  description: 'How good?',
  feedback: false,
  archivedAt: null,
  createdAt: new Date(T0).toISOString(),
}
const queue = (id: string, over: Partial<Queue> = {}): Queue => ({
  id,
  name: id,
  description: null,
  scoreConfigIds: [config.id],
  reviewersPerItem: 1,
  leaseSeconds: 60,
  rules: [],
  archivedAt: null,
  createdAt: new Date(T0).toISOString(),
  ...over,
})

export function runQueuesContract(name: string, open: () => Promise<Store>) {
  describe(`Queues contract: ${name}`, () => {
    let store: Store
    let now = T0
    const q1 = queue('q1')
    const score = (itemTrace: string, reviewer: string, value: number) => ({
      id: `s-${itemTrace}-${reviewer}`,
      traceId: itemTrace,
      name: 'quality',
      dataType: 'numeric' as const,
      value,
      source: 'human' as const,
      authorId: reviewer,
    })

    beforeEach(async () => {
      now = T0
      store = await open()
      await store.migrate()
      await store.createProject({ id: 'p1', name: 'p1', signingSecret: 's' })
      await store.createProject({ id: 'p2', name: 'p2', signingSecret: 's' })
      const { write } = validateBatch({
        traces: ['T1', 'T2', 'T3', 'T4'].map((id, i) => ({
          id,
          name: 'chat',
          startTime: T0 + i * 1000,
          environment: i % 2 ? 'staging' : 'production',
        })),
      })
      await store.ingest('p1', write, T0)
      await store.createScoreConfig('p1', config)
      await store.createQueue('p1', q1)
    })
    afterEach(() => store.close())

    it('keeps configs and queues per project', async () => {
      expect(await store.listScoreConfigs('p1')).toEqual([config])
      expect(await store.getScoreConfig('p2', config.id)).toBeNull()
      expect(
        await store.updateScoreConfig('p1', config.id, { description: 'new', archivedAt: new Date(T0 + 1).toISOString() }),
      ).toMatchObject({ description: 'new', archivedAt: new Date(T0 + 1).toISOString() })
      expect(await store.scoreConfigInUse('p1', config)).toBe(true) // q1 uses it
      const stars = { ...config, id: 'cfg-stars', name: 'stars', feedback: true }
      await store.createScoreConfig('p1', stars)
      expect(await store.getScoreConfig('p1', 'cfg-stars')).toEqual(stars)
      expect(await store.updateScoreConfig('p1', 'cfg-stars', { feedback: false })).toMatchObject({ feedback: false })
      expect(await store.getQueue('p1', 'q1')).toEqual(q1)
      expect(await store.listQueues('p2')).toEqual([])
      expect(await store.updateQueue('p1', 'q1', { name: 'renamed', rules: [{ kind: 'negative-feedback' }] })).toMatchObject({
        name: 'renamed',
        rules: [{ kind: 'negative-feedback' }],
      })
      expect(await store.traceIdsMatching('p1', { environment: 'staging' }, undefined, 10)).toEqual(['T2', 'T4'])
      expect(await store.traceIdsMatching('p1', {}, ['T3', 'nope', 'T1'], 10)).toEqual(['T1', 'T3'])
    })

    it('lets a trace into a queue once', async () => {
      expect(await store.addQueueItems('p1', 'q1', ['T1', 'T2', 'T1'], now)).toEqual({ added: 2, skipped: 1 })
      expect(await store.addQueueItems('p1', 'q1', ['T2', 'T3'], now)).toEqual({ added: 1, skipped: 1 })
      const page = await store.listQueueItems('p1', 'q1', { limit: 2 }, now)
      expect(page.data.map((i) => i.traceId)).toEqual(['T1', 'T2'])
      const rest = await store.listQueueItems('p1', 'q1', { limit: 2, cursor: page.nextCursor! }, now)
      expect(rest.data.map((i) => [i.traceId, i.status])).toEqual([['T3', 'pending']])
    })

    it('leases each item to one reviewer at a time and gives a holder the same item back', async () => {
      await store.addQueueItems('p1', 'q1', ['T1', 'T2', 'T3'], now)
      const a = await store.claimQueueItem('p1', q1, 'ann', now)
      expect(a).toMatchObject({
        traceId: 'T1',
        status: 'in_progress',
        leases: [{ reviewer: 'ann', expiresAt: new Date(now + 60_000).toISOString() }],
      })
      expect((await store.claimQueueItem('p1', q1, 'ann', now))!.id).toBe(a!.id)
      expect((await store.claimQueueItem('p1', q1, 'bob', now))!.traceId).toBe('T2')
      expect((await store.claimQueueItem('p1', q1, 'cat', now))!.traceId).toBe('T3')
      expect(await store.claimQueueItem('p1', q1, 'dan', now)).toBeNull()
    })

    it('returns items of expired leases to the pool, and refuses the late holder', async () => {
      await store.addQueueItems('p1', 'q1', ['T1'], now)
      const a = (await store.claimQueueItem('p1', q1, 'ann', now))!
      now += 61_000
      expect((await store.getQueueItem('p1', 'q1', a.id, now))!.status).toBe('pending')
      expect((await store.claimQueueItem('p1', q1, 'dan', now))!.id).toBe(a.id)
      await expect(store.completeQueueItem('p1', q1, a.id, 'ann', [score('T1', 'ann', 3)], now)).rejects.toThrow(
        /held or done by other reviewers/,
      )
      await expect(store.renewQueueItem('p1', q1, a.id, 'ann', now)).rejects.toThrow()
      const done = await store.completeQueueItem('p1', q1, a.id, 'dan', [score('T1', 'dan', 4)], now)
      expect(done).toMatchObject({ status: 'done', completedBy: ['dan'], leases: [] })
      expect((await store.getTrace('p1', 'T1'))!.scores).toEqual([
        expect.objectContaining({ name: 'quality', value: 4, source: 'human', authorId: 'dan' }),
      ])
      expect(await store.claimQueueItem('p1', q1, 'ann', now)).toBeNull()
      // dan may revise his own review: the same score is updated, the item stays done once
      expect(await store.completeQueueItem('p1', q1, a.id, 'dan', [score('T1', 'dan', 5)], now)).toMatchObject({
        status: 'done',
        completedBy: ['dan'],
      })
      expect((await store.getTrace('p1', 'T1'))!.scores.map((s) => s.value)).toEqual([5])
      await expect(store.skipQueueItem('p1', q1, a.id, 'dan', now)).rejects.toThrow(/already completed/)
    })

    it('skips, releases and renews', async () => {
      await store.addQueueItems('p1', 'q1', ['T1', 'T2'], now)
      const a = (await store.claimQueueItem('p1', q1, 'ann', now))!
      expect(await store.skipQueueItem('p1', q1, a.id, 'ann', now)).toMatchObject({ status: 'skipped', skippedBy: ['ann'] })
      // never again to the one who skipped it; still there for others
      expect((await store.claimQueueItem('p1', q1, 'ann', now))!.traceId).toBe('T2')
      expect((await store.claimQueueItem('p1', q1, 'bob', now))!.traceId).toBe('T1')
      expect(await store.releaseQueueItem('p1', q1, a.id, 'bob', now)).toMatchObject({ status: 'skipped', leases: [] })
      const b = (await store.claimQueueItem('p1', q1, 'bob', now + 1000))!
      expect(b.id).toBe(a.id)
      now += 50_000
      expect((await store.renewQueueItem('p1', q1, b.id, 'bob', now)).leases).toEqual([
        { reviewer: 'bob', expiresAt: new Date(now + 60_000).toISOString() },
      ])
      await expect(store.completeQueueItem('p1', q1, 'missing', 'bob', [], now)).rejects.toThrow(/not in queue/)
    })

    it('asks for reviewersPerItem distinct reviewers per item', async () => {
      const q2 = queue('q2', { reviewersPerItem: 2 })
      await store.createQueue('p1', q2)
      await store.addQueueItems('p1', 'q2', ['T1'], now)
      const a = (await store.claimQueueItem('p1', q2, 'ann', now))!
      const b = (await store.claimQueueItem('p1', q2, 'bob', now))!
      expect(b.id).toBe(a.id)
      expect(b.leases.map((l) => l.reviewer)).toEqual(['ann', 'bob'])
      expect(await store.claimQueueItem('p1', q2, 'cat', now)).toBeNull()
      expect((await store.completeQueueItem('p1', q2, a.id, 'ann', [score('T1', 'ann', 2)], now)).status).toBe('in_progress')
      expect((await store.completeQueueItem('p1', q2, a.id, 'bob', [score('T1', 'bob', 3)], now)).status).toBe('done')
      expect(await store.claimQueueItem('p1', q2, 'cat', now)).toBeNull()
    })

    it('reads a bounded number of items per page, handing back a cursor to go on', async () => {
      const ids = Array.from({ length: ITEM_SCAN_LIMIT + 1 }, (_, i) => `B${i}`)
      await store.addQueueItems('p1', 'q1', ids, now)
      // nothing is done: the first page stops after ITEM_SCAN_LIMIT items read, empty but not the end
      const first = await store.listQueueItems('p1', 'q1', { status: 'done', limit: 10 }, now)
      expect(first).toEqual({ data: [], nextCursor: expect.any(String) })
      expect(await store.listQueueItems('p1', 'q1', { status: 'done', limit: 10, cursor: first.nextCursor! }, now)).toEqual({
        data: [],
        nextCursor: null,
      })
      const pending = await store.listQueueItems('p1', 'q1', { status: 'pending', limit: 3 }, now)
      expect(pending.data.map((i) => i.traceId)).toEqual(['B0', 'B1', 'B2'])
    })

    it('narrows items, claims and counts to traces matching filters', async () => {
      // T1 and T3 are production, T2 and T4 staging
      const production = { environment: 'production' }
      await store.addQueueItems('p1', 'q1', ['T1', 'T2', 'T3', 'T4'], now)
      const page = await store.listQueueItems('p1', 'q1', { limit: 10, traceFilters: production }, now)
      expect(page.data.map((i) => i.traceId)).toEqual(['T1', 'T3'])
      const first = await store.listQueueItems('p1', 'q1', { limit: 1, traceFilters: production }, now)
      expect(
        (await store.listQueueItems('p1', 'q1', { limit: 1, cursor: first.nextCursor!, traceFilters: production }, now)).data.map(
          (i) => i.traceId,
        ),
      ).toEqual(['T3'])
      // a lease held outside the filters is not handed back through them
      expect((await store.claimQueueItem('p1', q1, 'dan', now))!.traceId).toBe('T1')
      expect((await store.claimQueueItem('p1', q1, 'eve', now))!.traceId).toBe('T2')
      expect((await store.claimQueueItem('p1', q1, 'eve', now, production))!.traceId).toBe('T3')
      expect(await store.claimQueueItem('p1', q1, 'fay', now, production)).toBeNull()
      const b = await store.completeQueueItem(
        'p1',
        q1,
        (await store.listQueueItems('p1', 'q1', { limit: 10 }, now)).data[1]!.id,
        'eve',
        [score('T2', 'eve', 3)],
        now,
      )
      expect(b.status).toBe('done')
      expect(await store.queueStats('p1', 'q1', now, production)).toEqual({
        counts: { total: 2, pending: 0, inProgress: 2, done: 0, skipped: 0 },
        reviewers: [],
      })
      expect((await store.queueStats('p1', 'q1', now)).counts).toEqual({ total: 4, pending: 1, inProgress: 2, done: 1, skipped: 0 })
    })

    it('counts by status and per reviewer', async () => {
      await store.addQueueItems('p1', 'q1', ['T1', 'T2', 'T3', 'T4'], now)
      const a = (await store.claimQueueItem('p1', q1, 'ann', now))!
      await store.completeQueueItem('p1', q1, a.id, 'ann', [score('T1', 'ann', 3)], now + 30_000)
      const a2 = (await store.claimQueueItem('p1', q1, 'ann', now + 30_000))!
      await store.completeQueueItem('p1', q1, a2.id, 'ann', [score('T2', 'ann', 3)], now + 40_000)
      const b = (await store.claimQueueItem('p1', q1, 'bob', now))!
      await store.skipQueueItem('p1', q1, b.id, 'bob', now + 5000)
      // bob's skipped item goes to cat; dan skips the last one
      expect((await store.claimQueueItem('p1', q1, 'cat', now + 6000))!.id).toBe(b.id)
      const d = (await store.claimQueueItem('p1', q1, 'dan', now + 7000))!
      await store.skipQueueItem('p1', q1, d.id, 'dan', now + 8000)
      const stats = await store.queueStats('p1', 'q1', now + 60_000)
      expect(stats.counts).toEqual({ total: 4, pending: 0, inProgress: 1, done: 2, skipped: 1 })
      expect(stats.reviewers).toEqual([
        { reviewer: 'ann', done: 2, skipped: 0, medianSeconds: 10, lastHour: 2, lastAt: new Date(now + 40_000).toISOString() },
        { reviewer: 'bob', done: 0, skipped: 1, medianSeconds: null, lastHour: 0, lastAt: new Date(now + 5000).toISOString() },
        { reviewer: 'dan', done: 0, skipped: 1, medianSeconds: null, lastHour: 0, lastAt: new Date(now + 8000).toISOString() },
      ])
    })
  })
}
