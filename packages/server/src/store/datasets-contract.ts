import type { IngestBatch } from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { evalJobHandler } from '../jobs/eval-job'
import { createJobRunner } from '../jobs/job-runner'
import { addItems, archiveItem, createDataset, updateItem } from '../services/datasets'
import { EVAL_JOB } from '../services/eval-schedule'
import { createEvaluator } from '../services/evaluators'
import { compare, createExperiment, postResults, summarize } from '../services/experiments'
import { validateBatch } from '../services/ingest'
import { writeBatch } from '../services/write'
import { T0 } from './store-contract'
import type { Store } from './types'

const P = 'p1'

/**
 * Datasets and experiments on one store: versions, items copied from traces (a correction wins),
 * idempotent results, evaluator scores with the item's expected output, summaries.
 */
export function runDatasetsContract(name: string, open: () => Promise<Store>) {
  describe(`Datasets contract: ${name}`, () => {
    let store: Store
    let now = T0
    beforeEach(async () => {
      store = await open()
      await store.migrate()
      now = T0
    })
    afterEach(() => store.close())

    const ingest = (batch: IngestBatch) => writeBatch(store, P, validateBatch(batch).write, now)
    const items = async (datasetId: string, version?: number) =>
      (await store.listDatasetItems(P, datasetId, { version, limit: 100 })).data.map((i) => [i.id, i.expectedOutput])

    it('versions every change and reads any version back', async () => {
      const d = await createDataset(store, P, { name: 'golden' }, now)
      expect(
        await addItems(
          store,
          P,
          d.id,
          {
            items: [
              { id: 'a', input: 'q1', expectedOutput: 'A1' },
              { id: 'b', input: 'q2' },
            ],
          },
          now,
        ),
      ).toEqual({
        added: 2,
        version: 1,
      })
      now += 1000
      await updateItem(store, P, d.id, 'a', { expectedOutput: 'A2' }, now)
      await archiveItem(store, P, d.id, 'b', now)
      expect(
        await addItems(
          store,
          P,
          d.id,
          {
            items: [
              { id: 'c', input: 'q3', expectedOutput: 'C' },
              { id: 'a', input: 'q1', expectedOutput: 'A3' },
            ],
          },
          now,
        ),
      ).toEqual({
        added: 1,
        version: 4,
      })
      expect(await items(d.id, 1)).toEqual([
        ['a', 'A1'],
        ['b', null],
      ])
      expect(await items(d.id, 2)).toEqual([
        ['a', 'A2'],
        ['b', null],
      ])
      expect(await items(d.id, 3)).toEqual([['a', 'A2']])
      expect(await items(d.id)).toEqual([
        ['a', 'A3'],
        ['c', 'C'],
      ])
      expect(await store.getDataset(P, d.id)).toMatchObject({ version: 4, itemCount: 2 })
      expect(await store.countDatasetItems(P, d.id, 1)).toBe(2)
      // pages follow the order items were first added
      const first = await store.listDatasetItems(P, d.id, { limit: 1 })
      expect(first.data.map((i) => i.id)).toEqual(['a'])
      expect((await store.listDatasetItems(P, d.id, { limit: 1, cursor: first.nextCursor! })).data.map((i) => i.id)).toEqual(['c'])
    })

    it('copies traces as items: a correction wins over a marked reviewer comment, which wins over the output', async () => {
      await ingest({
        traces: [
          { id: 't1', name: 'chat', input: 'refund window?', output: '60 days', environment: 'production' },
          { id: 't2', name: 'chat', input: 'plan price?', output: '$10', environment: 'production' },
          { id: 't3', name: 'chat', input: 'hours?', output: '9-5', environment: 'staging' },
        ],
        scores: [
          { traceId: 't1', name: 'user_feedback', value: false, source: 'feedback', correction: '30 days' },
          { traceId: 't1', name: 'verdict', value: 'wrong', source: 'human', comment: '45 days', metadata: { expectedAnswer: true } },
          { traceId: 't2', name: 'verdict', value: 'wrong', source: 'human', comment: '$12 a month', metadata: { expectedAnswer: true } },
          { traceId: 't3', name: 'verdict', value: 'ok', source: 'human', comment: 'fine' },
        ],
      })
      const d = await createDataset(store, P, { name: 'from prod' }, now)
      expect(await addItems(store, P, d.id, { fromTraces: { filter: { environment: 'production' }, limit: 10 } }, now)).toEqual({
        added: 2,
        version: 1,
      })
      await addItems(store, P, d.id, { fromTraces: { traceIds: ['t3', 'missing'], limit: 10 } }, now)
      const list = (await store.listDatasetItems(P, d.id, { limit: 10 })).data
      expect(list.map((i) => [i.id, i.input, i.expectedOutput, i.sourceTraceId])).toEqual([
        ['t1', 'refund window?', '30 days', 't1'],
        ['t2', 'plan price?', '$12 a month', 't2'],
        ['t3', 'hours?', '9-5', 't3'],
      ])
    })

    it('takes results idempotently, scores them with evaluators that see the expected output, and summarizes', async () => {
      const d = await createDataset(store, P, { name: 'qa' }, now)
      await addItems(
        store,
        P,
        d.id,
        {
          items: [
            { id: 'i1', input: 'a?', expectedOutput: 'yes' },
            { id: 'i2', input: 'b?', expectedOutput: 'no' },
          ],
        },
        now,
      )
      // switched off for live traffic: reference kinds are meant for experiments
      const exact = await createEvaluator(
        store,
        P,
        { name: 'exact', kind: 'exact-match', config: {}, target: 'trace', sampleRate: 1, delaySeconds: 10, active: false },
        now,
      )
      const e = await createExperiment(store, P, { name: 'v1', datasetId: d.id, evaluatorIds: [exact.id], repetitions: 2 }, now)
      expect(e).toMatchObject({ datasetVersion: 1, status: 'running', progress: { results: 0, expected: 4 } })
      const result = (itemId: string, repetition: number, output: string, helpful: number) => ({
        itemId,
        repetition,
        output,
        latencyMs: 100 * (repetition + 1),
        cost: 0.001,
        error: null,
        scores: [{ name: 'helpful', value: helpful }],
      })
      const record = (await store.getExperiment(P, e.id))!
      const toned = {
        ...result('i1', 0, 'yes', 1),
        scores: [
          { name: 'helpful', value: 1 },
          { name: 'tone', value: 'warm' },
        ],
      }
      await postResults(store, P, record, { results: [toned, result('i1', 1, 'no', 0), result('i2', 0, 'no', 1)] }, now)
      // sent again: replaced, not doubled
      await postResults(store, P, record, { results: [result('i2', 0, 'no', 1)] }, now)
      expect(await summarize(store, P, record)).toMatchObject({
        status: 'running',
        progress: { results: 3, expected: 4, pendingEvaluations: 3 },
      })
      await postResults(store, P, record, { results: [{ itemId: 'i2', repetition: 1, error: 'timeout', scores: [] }] }, now)
      expect((await summarize(store, P, record)).status).toBe('scoring')
      await createJobRunner({ store, handlers: { [EVAL_JOB]: evalJobHandler({ store, now: () => now }) }, now: () => now }).drain()
      const summary = await summarize(store, P, record)
      expect(summary).toMatchObject({
        status: 'done',
        progress: { results: 4, expected: 4, errors: 1, pendingEvaluations: 0 },
        latencyMs: { mean: 400 / 3, n: 3 }, // 100, 200, 100; the errored result has none
        cost: { total: 0.003 },
      })
      // exact: i1 r0 yes=yes ✓, i1 r1 no≠yes ✗, i2 r0 no=no ✓ (the error is not scored)
      expect(summary.scores).toEqual([
        { name: 'exact', mean: 2 / 3, n: 3, missing: 1 },
        { name: 'helpful', mean: 2 / 3, n: 3, missing: 1 },
        // a category has counts, not a mean
        { name: 'tone', mean: null, n: 1, missing: 3 },
      ])
    })

    it('compares two experiments item by item', async () => {
      const d = await createDataset(store, P, { name: 'cmp' }, now)
      await addItems(store, P, d.id, { items: ['x', 'y', 'z'].map((id) => ({ id, input: id })) }, now)
      const run = async (name: string, values: Record<string, number>) => {
        const e = await createExperiment(store, P, { name, datasetId: d.id, evaluatorIds: [], repetitions: 1 }, now)
        const record = (await store.getExperiment(P, e.id))!
        await postResults(
          store,
          P,
          record,
          {
            results: Object.entries(values).map(([itemId, v]) => ({
              itemId,
              repetition: 0,
              output: 'o',
              scores: [{ name: 'acc', value: v }],
            })),
          },
          now,
        )
        return e.id
      }
      const base = await run('base', { x: 0.5, y: 0.5, z: 0.5 })
      const candidate = await run('candidate', { x: 0.7, y: 0.6 })
      const c = await compare(store, P, base, candidate)
      // paired x, y: differences 0.2, 0.1 → delta 0.15; z lacks a candidate result
      expect(c.items).toBe(2)
      expect(c.scores[0]).toMatchObject({
        name: 'acc',
        base: { mean: 0.5, n: 2 },
        candidate: { n: 2 },
        improved: 2,
        missing: { base: 0, candidate: 1 },
      })
      expect(c.scores[0]!.delta).toBeCloseTo(0.15, 12)
    })
  })
}
