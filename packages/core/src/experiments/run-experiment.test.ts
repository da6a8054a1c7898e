import { describe, expect, it } from 'vitest'
import type { IngestBatch } from '../client/create-client'
import type { Dataset, DatasetItem } from '../schemas/dataset'
import type { Experiment, ExperimentInput, ExperimentResultInput } from '../schemas/experiment'
import type { TraceInput } from '../schemas/trace'
import { type ExperimentRunClient, type ExperimentRunProgress, ExperimentTimeoutError, runExperiment } from './run-experiment'

// The run against a fake client: every request it makes is recorded. The real server's side is
// covered in packages/server/src/cli-experiment.test.ts.

const AT = '2026-01-01T00:00:00.000Z'

function fakeClient(o: {
  items: number
  pageSize?: number
  statuses?: Experiment['status'][]
  failPost?: boolean
  rejectTrace?: (t: TraceInput) => string | null
}) {
  const items: DatasetItem[] = Array.from({ length: o.items }, (_, i) => ({
    id: `item-${i}`,
    datasetId: 'ds',
    input: { question: `q${i}` },
    expectedOutput: null,
    metadata: null,
    sourceTraceId: null,
    version: 3,
    createdAt: AT,
  }))
  const dataset: Dataset = {
    id: 'ds',
    name: 'ds',
    description: null,
    metadata: null,
    version: 3,
    itemCount: items.length,
    archivedAt: null,
    createdAt: AT,
    updatedAt: AT,
  }
  const calls = {
    listed: [] as { version: number | undefined; cursor: string | undefined }[],
    created: [] as ExperimentInput[],
    ingested: [] as IngestBatch[],
    posts: [] as ExperimentResultInput[][],
    polls: 0,
  }
  const statuses = [...(o.statuses ?? [])]
  const summary = (status: Experiment['status']): Experiment => ({
    id: 'exp-1',
    name: calls.created[0]!.name,
    datasetId: 'ds',
    datasetVersion: 3,
    metadata: null,
    evaluatorIds: [],
    repetitions: calls.created[0]!.repetitions ?? 1,
    status,
    progress: { results: calls.posts.flat().length, expected: 0, errors: 0, pendingEvaluations: status === 'done' ? 0 : 7 },
    latencyMs: { mean: null, n: 0 },
    cost: { total: 0, mean: null },
    scores: [],
    createdAt: AT,
  })
  const client: ExperimentRunClient = {
    getDataset: async (id) => {
      if (id !== 'ds') throw new Error('dataset not found')
      return dataset
    },
    listDatasetItems: async (_id, query = {}) => {
      calls.listed.push({ version: query.version, cursor: query.cursor })
      const start = query.cursor ? Number(query.cursor) : 0
      const end = start + (o.pageSize ?? 1000)
      return { data: items.slice(start, end), nextCursor: end < items.length ? String(end) : null }
    },
    createExperiment: async (input) => {
      calls.created.push(input)
      return summary('running')
    },
    ingest: async (batch) => {
      calls.ingested.push(batch)
      const rejected = (batch.traces ?? []).flatMap((t, index) => {
        const error = o.rejectTrace?.(t)
        return error ? [{ kind: 'trace' as const, index, id: t.id, error }] : []
      })
      return { accepted: (batch.traces?.length ?? 0) - rejected.length, rejected }
    },
    postExperimentResults: async (_id, body) => {
      if (o.failPost) throw new Error('the server could not be reached')
      calls.posts.push(body.results)
      return { accepted: body.results.length }
    },
    getExperiment: async () => {
      calls.polls++
      return summary(statuses.shift() ?? 'done')
    },
  }
  return { client, calls }
}

const tick = () => new Promise((r) => setTimeout(r, 1))

describe('runExperiment', () => {
  it('runs every item × repetition, traces each call and posts its result', async () => {
    const { client, calls } = fakeClient({ items: 5, pageSize: 2 })
    const progress: ExperimentRunProgress[] = []
    const contexts: { repetition: number; traceId: string }[] = []
    const summary = await runExperiment({
      client,
      datasetId: 'ds',
      name: 'baseline',
      repetitions: 2,
      metadata: { model: 'm1' },
      evaluatorIds: ['ev1'],
      onProgress: (p) => progress.push(p),
      task: async (item, { repetition, traceId, experimentId }) => {
        expect(experimentId).toBe('exp-1')
        contexts.push({ repetition, traceId })
        await tick()
        if (item.id === 'item-3') throw new Error('model timed out')
        // item-0: the structured form; the others a plain value
        if (item.id === 'item-0') return { output: 'zero', scores: [{ name: 'exact', value: 1 }], cost: 0.5 }
        return { answer: item.id, repetition }
      },
    })
    expect(summary.id).toBe('exp-1')
    // The version is pinned: the items listed and the experiment are at the same one, read page by page.
    expect(calls.listed).toEqual([
      { version: 3, cursor: undefined },
      { version: 3, cursor: '2' },
      { version: 3, cursor: '4' },
    ])
    expect(calls.created).toEqual([
      { name: 'baseline', datasetId: 'ds', datasetVersion: 3, repetitions: 2, evaluatorIds: ['ev1'], metadata: { model: 'm1' } },
    ])

    const results = calls.posts.flat()
    expect(results).toHaveLength(10)
    expect(new Set(results.map((r) => `${r.itemId}/${r.repetition}`)).size).toBe(10)
    const byKey = new Map(results.map((r) => [`${r.itemId}/${r.repetition}`, r]))
    expect(byKey.get('item-0/1')).toMatchObject({ output: 'zero', scores: [{ name: 'exact', value: 1 }], cost: 0.5 })
    expect(byKey.get('item-1/0')).toMatchObject({ output: { answer: 'item-1', repetition: 0 } })
    expect(byKey.get('item-1/0')).not.toHaveProperty('error')
    expect(byKey.get('item-3/1')).toMatchObject({ error: 'model timed out' })
    expect(byKey.get('item-3/1')).not.toHaveProperty('output')
    for (const r of results) expect(r.latencyMs).toBeGreaterThanOrEqual(0)

    // One trace per call, whose id the result carries and the task was given.
    const traces = calls.ingested.flatMap((b) => b.traces ?? [])
    expect(traces.map((t) => t.id).sort()).toEqual(results.map((r) => r.traceId).sort())
    expect(contexts.map((c) => c.traceId).sort()).toEqual(results.map((r) => r.traceId).sort())
    for (const t of traces) expect(t.id).toMatch(/^[0-9a-f]{32}$/)
    const failed = traces.find((t) => t.id === byKey.get('item-3/0')!.traceId)!
    expect(failed).toMatchObject({
      name: 'baseline',
      input: { question: 'q3' },
      status: 'error',
      environment: 'experiment',
      metadata: { experimentId: 'exp-1', datasetId: 'ds', itemId: 'item-3', repetition: 0 },
    })
    expect(failed).not.toHaveProperty('output')
    const ok = traces.find((t) => t.id === byKey.get('item-0/0')!.traceId)!
    expect(ok).toMatchObject({ output: 'zero', status: 'ok' })
    expect(ok.endTime as number).toBeGreaterThanOrEqual(ok.startTime as number)

    // Every item once before any item twice; progress after every call.
    expect(contexts.slice(0, 5).every((c) => c.repetition === 0)).toBe(true)
    expect(progress.filter((p) => p.phase === 'tasks').map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(progress.at(-1)).toEqual({ experimentId: 'exp-1', phase: 'tasks', done: 10, total: 10, errors: 2, pendingEvaluations: 0 })
  })

  it('keeps at most `concurrency` calls in flight', async () => {
    const { client } = fakeClient({ items: 12 })
    let inFlight = 0
    let most = 0
    await runExperiment({
      client,
      datasetId: 'ds',
      name: 'c',
      concurrency: 3,
      task: async () => {
        most = Math.max(most, ++inFlight)
        await tick()
        inFlight--
        return 'ok'
      },
    })
    expect(most).toBe(3)
  })

  it('posts at most 1000 results a request', async () => {
    const { client, calls } = fakeClient({ items: 1250 })
    await runExperiment({ client, datasetId: 'ds', name: 'big', repetitions: 2, concurrency: 16, task: (item) => item.id })
    expect(calls.posts.flat()).toHaveLength(2500)
    expect(Math.max(...calls.posts.map((p) => p.length))).toBeLessThanOrEqual(1000)
    expect(calls.ingested.map((b) => b.traces?.length)).toEqual(calls.posts.map((p) => p.length))
  })

  it('reads an object with an `output` key as the structured form; a malformed one fails that call only', async () => {
    const { client, calls } = fakeClient({ items: 3 })
    await runExperiment({
      client,
      datasetId: 'ds',
      name: 'shapes',
      task: (item) =>
        item.id === 'item-0'
          ? { output: { output: 'wrapped' } }
          : item.id === 'item-1'
            ? { output: 'x', cost: -1 }
            : { output: 'y', scores: [{ name: 'ok', value: true, comment: 'fine' }] },
    })
    const byItem = new Map(calls.posts.flat().map((r) => [r.itemId, r]))
    expect(byItem.get('item-0')).toMatchObject({ output: { output: 'wrapped' } })
    expect(byItem.get('item-1')!.error).toMatch(/^the task returned an invalid result: cost: /)
    expect(byItem.get('item-1')).not.toHaveProperty('output')
    expect(byItem.get('item-2')).toMatchObject({ output: 'y', scores: [{ name: 'ok', value: true, comment: 'fine' }] })
  })

  it('posts a call whose trace the server rejects as an error, without that trace', async () => {
    const { client, calls } = fakeClient({ items: 2, rejectTrace: (t) => (t.output === 'bad' ? 'output: too large' : null) })
    await runExperiment({ client, datasetId: 'ds', name: 'r', task: (item) => (item.id === 'item-0' ? 'bad' : 'good') })
    const [bad, good] = [...calls.posts.flat()].sort((a, b) => a.itemId.localeCompare(b.itemId))
    expect(bad).toEqual({
      itemId: 'item-0',
      repetition: 0,
      latencyMs: expect.any(Number),
      error: "the call's trace was rejected: output: too large",
    })
    expect(good).toMatchObject({ output: 'good', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) })
  })

  it('waits for the evaluators, reporting what is pending, and returns the final summary', async () => {
    const { client, calls } = fakeClient({ items: 2, statuses: ['scoring', 'scoring'] })
    const progress: ExperimentRunProgress[] = []
    const summary = await runExperiment({
      client,
      datasetId: 'ds',
      name: 'w',
      task: () => 1,
      pollIntervalMs: 1,
      onProgress: (p) => progress.push(p),
    })
    expect(summary.status).toBe('done')
    expect(calls.polls).toBe(3)
    expect(progress.filter((p) => p.phase === 'scoring')).toHaveLength(2)
    expect(progress.at(-1)).toMatchObject({ phase: 'scoring', pendingEvaluations: 7, done: 2 })
  })

  it('returns once the results are posted with waitForScores: false', async () => {
    const { client, calls } = fakeClient({ items: 2, statuses: ['scoring'] })
    const summary = await runExperiment({ client, datasetId: 'ds', name: 'w', task: () => 1, waitForScores: false })
    expect(summary.status).toBe('scoring')
    expect(calls.polls).toBe(1)
  })

  it('gives up waiting after timeoutMs with an error that names the experiment', async () => {
    const { client } = fakeClient({ items: 1, statuses: Array(1000).fill('scoring') })
    const error = await runExperiment({ client, datasetId: 'ds', name: 't', task: () => 1, timeoutMs: 30, pollIntervalMs: 5 }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ExperimentTimeoutError)
    expect((error as ExperimentTimeoutError).experiment.id).toBe('exp-1')
    expect((error as Error).message).toMatch(/^experiment exp-1 is still scoring after 0.03 s \(7 evaluations pending\)/)
  })

  it('stops when results cannot be posted, with the client error', async () => {
    const { client } = fakeClient({ items: 3, failPost: true })
    await expect(runExperiment({ client, datasetId: 'ds', name: 'f', task: () => 1 })).rejects.toThrow('the server could not be reached')
  })

  it('stops starting calls once aborted, posting those that ran', async () => {
    const { client, calls } = fakeClient({ items: 20 })
    const controller = new AbortController()
    let started = 0
    const run = runExperiment({
      client,
      datasetId: 'ds',
      name: 'a',
      concurrency: 2,
      signal: controller.signal,
      task: async () => {
        if (++started === 4) controller.abort(new Error('stopped by the user'))
        await tick()
        return 1
      },
    })
    await expect(run).rejects.toThrow('stopped by the user')
    expect(calls.posts.flat()).toHaveLength(started)
    expect(started).toBeLessThan(20)
  })

  it('refuses bad options before touching the server', async () => {
    const { client, calls } = fakeClient({ items: 1 })
    await expect(runExperiment({ client, datasetId: 'ds', name: 'x', task: () => 1, concurrency: 0 })).rejects.toThrow(
      'concurrency must be a whole number ≥ 1, got 0',
    )
    await expect(runExperiment({ client, datasetId: 'ds', name: 'x', task: () => 1, repetitions: 1.5 })).rejects.toThrow(RangeError)
    expect(calls.created).toEqual([])
  })
})
