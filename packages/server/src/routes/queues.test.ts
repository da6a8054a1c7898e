import { afterEach, describe, expect, it } from 'vitest'
import { T0 } from '../store/store-contract'
import { PAGE_ORIGIN, testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

/** Test replies, read loosely. */
// biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely; the routes' own schemas are tested elsewhere
type Json = Record<string, any>
const json = async (res: Response) => (await res.json()) as Json
const issuesOf = async (res: Response) => ((await json(res)).error.issues as { path: (string | number)[] }[]).map((i) => i.path.join('.'))

async function setup(rules: unknown[] = []) {
  ctx = await testApp()
  const call = (method: string, path: string, body?: unknown, key = ctx.keys.p1) => ctx.call(method, path, key, body)
  await call('POST', '/api/v1/ingest', {
    traces: [
      { id: 'T1', name: 'chat', environment: 'production', startTime: T0 },
      { id: 'T2', name: 'chat', environment: 'staging', startTime: T0 + 1000 },
      { id: 'T3', name: 'rag', environment: 'production', startTime: T0 + 2000 },
    ],
  })
  const quality = await json(await call('POST', '/api/v1/score-configs', { name: 'quality', dataType: 'numeric', min: 1, max: 5, step: 1 }))
  const verdict = await json(
    await call('POST', '/api/v1/score-configs', { name: 'verdict', dataType: 'categorical', categories: ['correct', 'hallucinated'] }),
  )
  const queue = await json(await call('POST', '/api/v1/queues', { name: 'Review', scoreConfigIds: [quality.id, verdict.id], rules }))
  return { call, quality, verdict, queue }
}

describe('score configs', () => {
  it('validate their shape, keep names unique, and archive once used', async () => {
    const { call, quality } = await setup()
    expect(await issuesOf(await call('POST', '/api/v1/score-configs', { name: 'x', dataType: 'categorical' }))).toContain('categories')
    expect(await issuesOf(await call('POST', '/api/v1/score-configs', { name: 'x', dataType: 'numeric', min: 5, max: 1 }))).toContain('max')
    expect(
      await issuesOf(await call('POST', '/api/v1/score-configs', { name: 'x', dataType: 'boolean', categories: ['a', 'b'] })),
    ).toContain('categories')
    expect((await call('POST', '/api/v1/score-configs', { name: 'quality', dataType: 'boolean' })).status).toBe(409)
    const unused = await json(await call('POST', '/api/v1/score-configs', { name: 'unused', dataType: 'boolean' }))
    expect(await json(await call('DELETE', `/api/v1/score-configs/${unused.id}`))).toEqual({ id: unused.id, outcome: 'deleted' })
    expect(await json(await call('DELETE', `/api/v1/score-configs/${quality.id}`))).toEqual({ id: quality.id, outcome: 'archived' })
    expect((await json(await call('GET', `/api/v1/score-configs/${quality.id}`))).archivedAt).not.toBeNull()
    expect(await json(await call('PATCH', `/api/v1/score-configs/${quality.id}`, { archived: false, description: 'back' }))).toMatchObject({
      archivedAt: null,
      description: 'back',
    })
  })
})

describe('queues over HTTP', () => {
  it('refuse unknown configs and bad rule filters, naming the field', async () => {
    const { call, quality } = await setup()
    expect(await issuesOf(await call('POST', '/api/v1/queues', { name: 'q', scoreConfigIds: [quality.id, 'nope'] }))).toEqual([
      'scoreConfigIds.1',
    ])
    expect(await issuesOf(await call('POST', '/api/v1/queues', { name: 'q', scoreConfigIds: [] }))).toEqual(['scoreConfigIds'])
    expect(
      await issuesOf(
        await call('POST', '/api/v1/queues', {
          name: 'q',
          scoreConfigIds: [quality.id],
          rules: [{ kind: 'filter', filter: { status: 'maybe' } }],
        }),
      ),
    ).toEqual(['rules.0.filter.status'])
    expect(
      await issuesOf(await call('POST', '/api/v1/queues', { name: 'q', scoreConfigIds: [quality.id], rules: [{ kind: 'sometimes' }] })),
    ).toEqual(['rules.0.kind'])
  })

  it('add existing traces once, by id or by filter snapshot', async () => {
    const { call, queue } = await setup()
    expect(await json(await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['T1', 'T1', 'missing'] }))).toEqual({
      added: 1,
      skipped: 2,
    })
    expect(await json(await call('POST', `/api/v1/queues/${queue.id}/items`, { filter: { environment: 'production' } }))).toEqual({
      added: 1,
      skipped: 1,
    })
    expect(await issuesOf(await call('POST', `/api/v1/queues/${queue.id}/items`, {}))).toEqual(['traceIds'])
    const items = await json(await call('GET', `/api/v1/queues/${queue.id}/items?status=pending`))
    expect(items.data.map((i: Json) => i.traceId)).toEqual(['T1', 'T3'])
  })

  it('run the review flow and validate scores against the queue’s configs', async () => {
    const { call, queue } = await setup()
    await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['T1', 'T2'] })
    expect(await issuesOf(await call('POST', `/api/v1/queues/${queue.id}/claim`, {}))).toEqual(['reviewer'])
    const claimed = await json(await call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: 'ann' }))
    expect(claimed.item).toMatchObject({ traceId: 'T1', status: 'in_progress' })
    expect(claimed.reviewer).toBe('ann')
    expect(claimed.trace.trace.id).toBe('T1')
    const id = claimed.item.id
    const complete = (scores: unknown[], reviewer = 'ann') =>
      call('POST', `/api/v1/queues/${queue.id}/items/${id}/complete`, { reviewer, scores })
    expect(await issuesOf(await complete([{ name: 'quality', value: 9 }]))).toEqual(['scores.0.value'])
    expect(await issuesOf(await complete([{ name: 'quality', value: 2.5 }]))).toEqual(['scores.0.value'])
    expect(await issuesOf(await complete([{ name: 'verdict', value: 'meh' }]))).toEqual(['scores.0.value'])
    expect(await issuesOf(await complete([{ name: 'tone', value: 'x' }]))).toEqual(['scores.0.name'])
    expect(await issuesOf(await complete([{ value: 1 }]))).toEqual(['scores.0.configId'])
    expect(await issuesOf(await complete([]))).toEqual(['scores'])
    const done = await complete([
      { name: 'quality', value: 4, comment: 'good' },
      { name: 'verdict', value: 'correct' },
    ])
    expect(done.status).toBe(200)
    expect(await json(done)).toMatchObject({ status: 'done', completedBy: ['ann'] })
    const scores = await json(await call('GET', '/api/v1/scores?traceId=T1'))
    expect(scores.data.map((s: Json) => [s.name, s.value, s.source, s.authorId]).sort()).toEqual([
      ['quality', 4, 'human', 'ann'],
      ['verdict', 'correct', 'human', 'ann'],
    ])
    // a reviewer revises their own review; another reviewer cannot take a done item
    expect(
      await json(
        await complete([
          { name: 'quality', value: 5 },
          { name: 'verdict', value: 'correct' },
        ]),
      ),
    ).toMatchObject({ status: 'done', completedBy: ['ann'] })
    expect((await complete([{ name: 'quality', value: 5 }], 'bob')).status).toBe(409)
    // the reviewer's scores join the metrics
    const metrics = await json(
      await call('GET', `/api/v1/metrics?metrics=score.quality.avg,score.verdict.distribution&from=${T0}&to=${T0 + 3_600_000}&interval=1h`),
    )
    expect(metrics.totals).toEqual({ 'score.quality.avg': 5, 'score.verdict.distribution.correct': 1 })
    const next = await json(await call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: 'ann' }))
    expect(next.item.traceId).toBe('T2')
    expect((await call('POST', `/api/v1/queues/${queue.id}/items/${next.item.id}/skip`, { reviewer: 'ann' })).status).toBe(200)
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: 'ann' })).status).toBe(204)
    const stats = await json(await call('GET', `/api/v1/queues/${queue.id}/stats`))
    expect(stats.counts).toEqual({ total: 2, pending: 0, inProgress: 0, done: 1, skipped: 1 })
    expect((await call('POST', `/api/v1/queues/${queue.id}/items/nope/skip`, { reviewer: 'ann' })).status).toBe(404)
  })

  it('hand out each item once to many reviewers claiming at the same time', async () => {
    const { call, queue } = await setup()
    await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['T1', 'T2', 'T3'] })
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: `r${i}` })),
    )
    const got = await Promise.all(answers.filter((r) => r.status === 200).map(json))
    expect(got.map((g) => g.item.traceId).sort()).toEqual(['T1', 'T2', 'T3'])
    expect(answers.filter((r) => r.status === 204)).toHaveLength(5)
  })

  it('take an annotate token as the reviewer, limited to its queues', async () => {
    const { call, queue, quality } = await setup()
    await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['T1'] })
    const other = await json(await call('POST', '/api/v1/queues', { name: 'Other', scoreConfigIds: [quality.id] }))
    const { token } = await json(await call('POST', '/api/v1/tokens', { kind: 'annotate', reviewer: 'zoe', queueIds: [queue.id] }))
    const claimed = await json(await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, token))
    expect(claimed.item.leases).toEqual([expect.objectContaining({ reviewer: 'zoe' })])
    expect((await call('POST', `/api/v1/queues/${other.id}/claim`, undefined, token)).status).toBe(403)
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: 'eve' }, token)).status).toBe(403)
    expect((await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['T2'] }, token)).status).toBe(403)
    const done = await call(
      'POST',
      `/api/v1/queues/${queue.id}/items/${claimed.item.id}/complete`,
      { scores: [{ configId: quality.id, value: 5 }] },
      token,
    )
    expect(await json(done)).toMatchObject({ status: 'done', completedBy: ['zoe'] })
    const { token: view } = await json(await call('POST', '/api/v1/tokens', { kind: 'view' }))
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, view)).status).toBe(403)
    expect((await call('GET', `/api/v1/queues/${queue.id}/stats`, undefined, view)).status).toBe(200)
  })
})

describe('queue rules', () => {
  it('add traces that get negative end-user feedback, once', async () => {
    const { call, queue } = await setup([{ kind: 'negative-feedback' }])
    await ctx.call('POST', '/api/v1/feedback', ctx.keys.pk1, { id: 'f1', traceId: 'T2', value: true }, { origin: PAGE_ORIGIN })
    await ctx.call('POST', '/api/v1/feedback', ctx.keys.pk1, { id: 'f2', traceId: 'T1', value: false }, { origin: PAGE_ORIGIN })
    await ctx.call('POST', '/api/v1/feedback', ctx.keys.pk1, { id: 'f2', traceId: 'T1', value: false }, { origin: PAGE_ORIGIN })
    await call('POST', '/api/v1/scores', { traceId: 'T3', name: 'user_feedback', value: false, source: 'feedback' })
    const items = await json(await call('GET', `/api/v1/queues/${queue.id}/items`))
    expect(items.data.map((i: Json) => i.traceId)).toEqual(['T1', 'T3'])
  })

  it('add traces matching a filter as they arrive, sampled per trace', async () => {
    const { call, quality } = await setup()
    const all = await json(
      await call('POST', '/api/v1/queues', {
        name: 'Errors',
        scoreConfigIds: [quality.id],
        rules: [{ kind: 'filter', filter: { status: 'error', environment: 'production' } }],
      }),
    )
    const none = await json(
      await call('POST', '/api/v1/queues', {
        name: 'None',
        scoreConfigIds: [quality.id],
        rules: [{ kind: 'filter', filter: { status: 'error' }, sampleRate: 0 }],
      }),
    )
    const half = await json(
      await call('POST', '/api/v1/queues', {
        name: 'Half',
        scoreConfigIds: [quality.id],
        rules: [{ kind: 'filter', filter: { name: 'bulk' }, sampleRate: 0.5 }],
      }),
    )
    // T4 turns into an error only when its failing span arrives later
    await call('POST', '/api/v1/ingest', { traces: [{ id: 'T4', environment: 'production' }] })
    await call('POST', '/api/v1/ingest', { spans: [{ id: 's', traceId: 'T4', name: 'x', startTime: T0, status: 'error' }] })
    await call('POST', '/api/v1/ingest', {
      spans: [{ id: 's', traceId: 'T5', name: 'x', startTime: T0, status: 'error' }],
      traces: [{ id: 'T5', environment: 'staging' }],
    })
    const ids = async (q: Json) =>
      (await json(await call('GET', `/api/v1/queues/${q.id}/items?limit=500`))).data.map((i: Json) => i.traceId)
    expect(await ids(all)).toEqual(['T4'])
    expect(await ids(none)).toEqual([])
    await call('POST', '/api/v1/ingest', { traces: Array.from({ length: 200 }, (_, i) => ({ id: `B${i}`, name: 'bulk' })) })
    const sampledIds = await ids(half)
    expect(sampledIds.length).toBeGreaterThan(60)
    expect(sampledIds.length).toBeLessThan(140)
    // re-sending never changes who was sampled
    await call('POST', '/api/v1/ingest', { traces: Array.from({ length: 200 }, (_, i) => ({ id: `B${i}`, name: 'bulk' })) })
    expect(await ids(half)).toEqual(sampledIds)
  })
})
