import type { IngestBatch } from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createJobRunner, type JobHandler } from '../jobs/job-runner'
import { validateBatch } from '../services/ingest'
import { writeBatch } from '../services/write'
import type { Store } from '../store/types'
import { createChannel } from './channels'
import { createMonitor, DELIVERY_JOB, MONITOR_TICK, monitorTickHandler, tick } from './monitors'

const P = 'p1'
const HOUR = 3_600_000
/** A Monday 00:00 UTC. */
const H0 = Date.UTC(2026, 0, 5)
const BASE = 'http://sightline.test'

/** `n` traces in hour `h`, each with one end-user vote, `negative` of them thumbs-down. */
const hour = (h: number, n: number, negative: number): IngestBatch => ({
  traces: Array.from({ length: n }, (_, i) => ({ id: `h${h}-${i}`, name: 'chat', startTime: H0 + h * HOUR + i * 1000 })),
  scores: Array.from({ length: n }, (_, i) => ({
    id: `f-h${h}-${i}`,
    traceId: `h${h}-${i}`,
    name: 'user_feedback',
    value: i >= negative,
    source: 'feedback' as const,
  })),
})

/**
 * Monitors on one store: state transitions with hysteresis, insufficient data, cooldown, an outbox
 * that survives a restart, and one evaluator among two instances. `reopen` opens another handle on
 * the same database.
 */
export function runMonitorsContract(name: string, open: () => Promise<{ store: Store; reopen: () => Promise<Store> }>) {
  describe(`Monitors contract: ${name}`, () => {
    let store: Store
    let reopen: () => Promise<Store>
    const others: Store[] = []
    beforeEach(async () => {
      ;({ store, reopen } = await open())
      await store.migrate()
    })
    afterEach(async () => {
      for (const o of others.splice(0)) await o.close()
      await store.close()
    })

    const ingest = (batch: IngestBatch) => writeBatch(store, P, validateBatch(batch).write, H0)
    const events = async (monitorId: string) =>
      (
        await store.listDocuments<{ kind: string; windowStart: string; samples: number }>(P, 'monitor-event', {
          parentId: monitorId,
          limit: 50,
        })
      ).data
        .reverse()
        .map((e) => [e.kind, (Date.parse(e.windowStart) - H0) / HOUR])
    const thumbsDownMonitor = (over: Record<string, unknown> = {}) =>
      createMonitor(
        store,
        P,
        {
          name: 'thumbs-down',
          metric: 'feedback.negativeRate',
          window: '1h',
          condition: { kind: 'threshold', op: '>', value: 0.2 },
          minSamples: 10,
          channelIds: [],
          cooldownMinutes: 0,
          active: true,
          ...over,
        },
        H0,
      )
    /** Evaluates the window that ended at hour h. */
    const at = (h: number) => tick(store, P, H0 + h * HOUR + 5000, 60_000, { baseUrl: BASE })

    it('fires on a breach, ignores insufficient windows, and resolves only after two clear windows below the lower level', async () => {
      const m = await thumbsDownMonitor()
      await ingest(hour(0, 20, 2)) // 10 %: ok
      await ingest(hour(1, 20, 10)) // 50 %: breach → fired
      await ingest(hour(2, 5, 5)) // 5 votes < minSamples 10: insufficient, never 100 %
      await ingest(hour(3, 20, 1)) // 5 %: clear 1
      await ingest(hour(4, 20, 4)) // 20 %: not above 0.2, but not below the lower level 0.18: not clear
      await ingest(hour(5, 20, 0)) // clear 1
      await ingest(hour(6, 20, 0)) // clear 2 → resolved
      for (let h = 1; h <= 7; h++) await at(h)
      expect(await events(m.id)).toEqual([
        ['fired', 1],
        ['resolved', 6],
      ])
      const states = (
        await store.listDocuments<{ insufficient: boolean; lastWindowEnd: number }>(P, 'monitor-state', { parentId: m.id, limit: 5 })
      ).data
      expect(states).toHaveLength(1)
      // the same window twice is evaluated once
      await at(7)
      expect(await events(m.id)).toHaveLength(2)
    })

    it('a window with too few samples is insufficient data, never zero', async () => {
      const m = await thumbsDownMonitor({ condition: { kind: 'threshold', op: '<', value: 0.5 } })
      await ingest(hour(0, 3, 0)) // 0 of 3: below 0.5, but only 3 votes
      await at(1)
      expect(await events(m.id)).toEqual([])
      const [state] = (
        await store.listDocuments<{ insufficient: boolean; samples: number }>(P, 'monitor-state', { parentId: m.id, limit: 5 })
      ).data
      expect(state).toMatchObject({ insufficient: true, samples: 3 })
    })

    it('does not fire again within the cooldown after a resolve', async () => {
      const m = await thumbsDownMonitor({ cooldownMinutes: 180 })
      await ingest(hour(0, 20, 10)) // fired
      await ingest(hour(1, 20, 0))
      await ingest(hour(2, 20, 0)) // resolved at the end of hour 2
      await ingest(hour(3, 20, 10)) // within 3 h: dropped
      await ingest(hour(6, 20, 10)) // 4 h after: fires
      for (let h = 1; h <= 7; h++) await at(h)
      expect(await events(m.id)).toEqual([
        ['fired', 0],
        ['resolved', 2],
        ['fired', 6],
      ])
    })

    it('an anomaly monitor fires against its seasonal baseline, over a 24 h window sliding by the hour', async () => {
      const m = await thumbsDownMonitor({ window: '1d', condition: { kind: 'anomaly', direction: 'up' }, minSamples: 30 })
      // three weeks of a steady 5 %, 40 votes an hour, at hours 0–23 of each Monday
      for (const week of [0, 1, 2]) for (let h = 0; h < 24; h++) await ingest(hour(week * 168 + h, 40, 2))
      await at(2 * 168 + 24) // the third Monday, like the two before: quiet
      expect(await events(m.id)).toEqual([])
      // the fourth Monday: half the votes are thumbs-down
      for (let h = 0; h < 24; h++) await ingest(hour(3 * 168 + h, 40, 20))
      await at(3 * 168 + 24)
      expect(await events(m.id)).toEqual([['fired', 3 * 168]])
    })

    it('a monitor that cannot be evaluated does not stop the others, nor the next tick', async () => {
      const m = await thumbsDownMonitor()
      // stored before a change made its metric unknown
      await store.putDocuments(P, 'monitor', [{ id: 'broken', at: H0, body: { ...m, id: 'broken', name: 'broken', metric: 'vibes' } }])
      await ingest(hour(0, 20, 10))
      const error = console.error
      console.error = () => {}
      try {
        await at(1)
      } finally {
        console.error = error
      }
      expect(await events(m.id)).toEqual([['fired', 0]])
      expect(await store.countJobs(MONITOR_TICK)).toBe(1)
    })

    it('keeps deliveries in the outbox across a restart', async () => {
      const channel = await createChannel(store, P, { name: 'hook', kind: 'webhook', url: 'http://127.0.0.1:9/hook' }, H0, {
        allowPrivate: true,
      })
      await thumbsDownMonitor({ channelIds: [channel.id] })
      await ingest(hour(0, 20, 10))
      await at(1)
      expect(await store.countJobs(DELIVERY_JOB)).toBe(1)
      const restarted = await reopen()
      await store.close()
      store = restarted
      expect(await store.countJobs(DELIVERY_JOB)).toBe(1)
      // evaluating the same window again (a crash before its state was saved) enqueues the same delivery
      await store.deleteDocument(
        P,
        'monitor-state',
        (await store.listDocuments<{ monitorId: string }>(P, 'monitor-state', { limit: 1 })).data[0]!.monitorId,
      )
      await at(1)
      expect(await store.countJobs(DELIVERY_JOB)).toBe(1)
    })

    it('with two instances, exactly one evaluates each tick', async () => {
      const m = await thumbsDownMonitor()
      await ingest(hour(0, 20, 10))
      const second = await reopen()
      others.push(second)
      let runs = 0
      const now = () => H0 + HOUR + 5000
      const handler = (on: Store): JobHandler => {
        const real = monitorTickHandler({ store: on, now, intervalMs: 60_000, baseUrl: () => BASE })
        return {
          run: async (job) => {
            runs++
            await real.run(job)
          },
        }
      }
      const runner = (on: Store) => createJobRunner({ store: on, handlers: { [MONITOR_TICK]: handler(on) }, now })
      await Promise.all([runner(store).drain(), runner(second).drain()])
      expect(runs).toBe(1)
      expect(await events(m.id)).toEqual([['fired', 0]])
      // the next tick is booked, once
      expect(await store.countJobs(MONITOR_TICK)).toBe(1)
    })
  })
}
