import { afterEach, describe, expect, it } from 'vitest'
import { evalJobHandler } from '../jobs/eval-job'
import { createJobRunner } from '../jobs/job-runner'
import { EVAL_JOB } from '../services/eval-schedule'
import { T0 } from '../store/store-contract'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

// biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely; the routes' own schemas are tested elsewhere
type Json = Record<string, any>
const json = async (res: Response) => (await res.json()) as Json
const issuesOf = async (res: Response) => ((await json(res)).error.issues as { path: (string | number)[] }[]).map((i) => i.path.join('.'))

let now = T0
async function setup() {
  now = T0
  ctx = await testApp({ now: () => now })
  const call = (method: string, path: string, body?: unknown, key: string | null = ctx.keys.p1) => ctx.call(method, path, key, body)
  const drain = () =>
    createJobRunner({
      store: ctx.store,
      handlers: { [EVAL_JOB]: evalJobHandler({ store: ctx.store, now: () => now }) },
      now: () => now,
    }).drain()
  const traces = (outputs: Record<string, string>) =>
    call('POST', '/api/v1/ingest', {
      traces: Object.entries(outputs).map(([id, output], i) => ({
        id,
        name: 'chat',
        input: 'q',
        output,
        startTime: T0 + i,
        environment: 'production',
      })),
    })
  return { call, drain, traces }
}

const refund = { name: 'mentions refund', kind: 'contains', config: { value: 'refund' }, delaySeconds: 0 }

describe('evaluators over HTTP', () => {
  it('create with defaults, refuse bad kinds and configs naming the field, list, read with stats', async () => {
    const { call } = await setup()
    expect(await issuesOf(await call('POST', '/api/v1/evaluators', { ...refund, kind: 'telepathy' }))).toEqual(['kind'])
    expect(await issuesOf(await call('POST', '/api/v1/evaluators', { ...refund, config: {} }))).toEqual(['config.value'])
    expect(await issuesOf(await call('POST', '/api/v1/evaluators', { ...refund, sampleRate: 2 }))).toEqual(['sampleRate'])
    expect(await issuesOf(await call('POST', '/api/v1/evaluators', { ...refund, filter: { latencyMs: 'x' } }))).toEqual([
      'filter.latencyMs',
    ])
    const res = await call('POST', '/api/v1/evaluators', { name: 'm', kind: 'contains', config: { value: 'refund' } })
    expect(res.status).toBe(201)
    const e = await json(res)
    expect(e).toMatchObject({
      target: 'trace',
      sampleRate: 1,
      delaySeconds: 10,
      active: true,
      status: 'active',
      scoreName: null,
      pausedReason: null,
    })
    expect((await json(await call('GET', '/api/v1/evaluators'))).data.map((x: Json) => x.id)).toEqual([e.id])
    expect(await json(await call('GET', `/api/v1/evaluators/${e.id}`))).toMatchObject({
      stats: { done: 0, errors: 0, pending: 0, cost24h: 0 },
    })
    expect((await call('GET', '/api/v1/evaluators/nope')).status).toBe(404)
    expect((await json(await call('GET', '/api/v1/evaluators/kinds'))).data.map((k: Json) => k.kind)).toContain('llm-judge')
  })

  it('score live traces into the run log; patch, switch off and archive (scores stay)', async () => {
    const { call, drain, traces } = await setup()
    const e = await json(await call('POST', '/api/v1/evaluators', refund))
    await traces({ a: 'You get a refund.', b: 'No idea.' })
    await drain()
    const runs = await json(await call('GET', `/api/v1/evaluators/${e.id}/runs`))
    expect(runs.data.map((r: Json) => [r.traceId, r.status, r.value])).toEqual([
      ['b', 'done', false],
      ['a', 'done', true],
    ])
    expect((await json(await call('GET', `/api/v1/evaluators/${e.id}/runs?status=pending`))).data).toEqual([])
    expect(await issuesOf(await call('GET', `/api/v1/evaluators/${e.id}/runs?status=later`))).toEqual(['status'])
    expect((await json(await call('GET', `/api/v1/evaluators/${e.id}`))).stats).toMatchObject({ done: 2, pending: 0 })
    const trace = await json(await call('GET', '/api/v1/traces/a'))
    expect(trace.scores).toMatchObject([{ name: 'mentions refund', source: 'eval', value: true, authorId: e.id }])
    // the metrics API reads eval scores like any other
    const metrics = await json(
      await call('GET', `/api/v1/metrics?metrics=score.mentions%20refund.avg&from=${T0 - 3_600_000}&to=${T0 + 3_600_000}`),
    )
    expect(metrics.totals).toEqual({ 'score.mentions refund.avg': 0.5 })

    expect(await json(await call('PATCH', `/api/v1/evaluators/${e.id}`, { active: false }))).toMatchObject({ status: 'inactive' })
    await traces({ c: 'refund' })
    expect((await json(await call('GET', `/api/v1/evaluators/${e.id}/runs`))).data).toHaveLength(2) // switched off: not scheduled
    expect(await json(await call('DELETE', `/api/v1/evaluators/${e.id}`))).toMatchObject({ status: 'archived' })
    expect((await json(await call('GET', '/api/v1/traces/a'))).scores).toHaveLength(1)
    expect((await call('PATCH', `/api/v1/evaluators/${e.id}`, { active: true })).status).toBe(409)
  })

  it('backfill queues the traces that match, narrowed by the request', async () => {
    const { call, drain, traces } = await setup()
    await traces({ a: 'refund', b: 'nope', c: 'refund' })
    const e = await json(await call('POST', '/api/v1/evaluators', { ...refund, filter: { environment: 'production' } }))
    const res = await call('POST', `/api/v1/evaluators/${e.id}/backfill`, { limit: 2 })
    expect(res.status).toBe(202)
    expect(await json(res)).toEqual({ queued: 2 })
    expect(await json(await call('POST', `/api/v1/evaluators/${e.id}/backfill`, { filter: { environment: 'staging' } }))).toEqual({
      queued: 0,
    })
    expect(await issuesOf(await call('POST', `/api/v1/evaluators/${e.id}/backfill`, { limit: 0 }))).toEqual(['limit'])
    await drain()
    expect((await json(await call('GET', `/api/v1/evaluators/${e.id}`))).stats.done).toBe(2)
  })

  it('preview runs an unsaved definition on a trace and stores nothing', async () => {
    const { call, traces } = await setup()
    await traces({ a: 'a refund' })
    const res = await call('POST', '/api/v1/evaluators/preview', { evaluator: refund, traceId: 'a' })
    expect(await json(res)).toMatchObject({ value: true, dataType: 'boolean', scoreName: 'mentions refund', traceId: 'a', spanId: null })
    expect(await issuesOf(await call('POST', '/api/v1/evaluators/preview', { evaluator: refund, traceId: 'zz' }))).toEqual(['traceId'])
    expect(
      await issuesOf(await call('POST', '/api/v1/evaluators/preview', { evaluator: { ...refund, config: { value: 1 } }, traceId: 'a' })),
    ).toEqual(['config.value'])
    expect((await json(await call('GET', '/api/v1/traces/a'))).scores).toEqual([])
    expect((await json(await call('GET', '/api/v1/evaluators'))).data).toEqual([])
  })

  it('view tokens read evaluators but manage nothing', async () => {
    const { call } = await setup()
    const e = await json(await call('POST', '/api/v1/evaluators', refund))
    const { token } = await json(await call('POST', '/api/v1/tokens', { kind: 'view' }))
    expect((await call('GET', `/api/v1/evaluators/${e.id}/runs`, undefined, token)).status).toBe(200)
    expect((await call('POST', '/api/v1/evaluators', refund, token)).status).toBe(403)
    expect((await call('POST', '/api/v1/evaluators/preview', { evaluator: refund, traceId: 'a' }, token)).status).toBe(403)
    expect((await call('GET', '/api/v1/evaluators', undefined, ctx.keys.p2)).status).toBe(200)
    expect((await call('GET', `/api/v1/evaluators/${e.id}`, undefined, ctx.keys.p2)).status).toBe(404) // another project's
  })
})

describe('agreement between an evaluator and reviewers', () => {
  it('labels: agreement, Cohen’s κ and the confusion matrix, checked by hand', async () => {
    const { call, drain, traces } = await setup()
    const e = await json(await call('POST', '/api/v1/evaluators', refund))
    // evaluator: t1 T, t2 T, t3 F, t4 F, t5 T, t6 F
    await traces({ t1: 'refund', t2: 'refund', t3: 'no', t4: 'no', t5: 'refund', t6: 'no' })
    await drain()
    // reviewers:  t1 T, t2 F, t3 F, t4 F, t5 T, t6 T; t7 has no evaluator score and is not paired
    const human = { t1: true, t2: false, t3: false, t4: false, t5: true, t6: true, t7: true }
    for (const [traceId, value] of Object.entries(human))
      await call('POST', '/api/v1/scores', { traceId, name: 'correct', value, source: 'human' })
    // confusion (rows evaluator false/true, columns human false/true): [[2, 1], [1, 2]]
    // observed agreement 4/6; expected (3/6·3/6 + 3/6·3/6) = 1/2; κ = (4/6 − 1/2) / (1 − 1/2) = 1/3
    const a = await json(await call('GET', `/api/v1/evaluators/${e.id}/agreement?human=correct`))
    expect(a).toMatchObject({
      dataType: 'boolean',
      human: 'correct',
      n: 6,
      confusion: {
        labels: ['false', 'true'],
        matrix: [
          [2, 1],
          [1, 2],
        ],
      },
    })
    expect(a.agreement).toBeCloseTo(4 / 6, 10)
    expect(a.cohenKappa).toBeCloseTo(1 / 3, 10)
    expect(await issuesOf(await call('GET', `/api/v1/evaluators/${e.id}/agreement`))).toEqual(['human'])
    expect(await json(await call('GET', `/api/v1/evaluators/${e.id}/agreement?human=nobody`))).toMatchObject({
      n: 0,
      agreement: null,
      cohenKappa: null,
    })
  })

  it('numbers: Pearson, Spearman and MAE, checked by hand', async () => {
    const { call, traces } = await setup()
    const e = await json(await call('POST', '/api/v1/evaluators', { name: 'helpful', kind: 'contains', config: { value: 'x' } }))
    await traces({ n1: '', n2: '', n3: '', n4: '' })
    const pairs: [string, number, number][] = [
      ['n1', 0.9, 1.0],
      ['n2', 0.2, 0.0],
      ['n3', 0.5, 0.5],
      ['n4', 0.8, 0.6],
    ]
    for (const [traceId, ev, hu] of pairs) {
      await call('POST', '/api/v1/scores', { traceId, name: 'helpful', value: ev, source: 'eval', authorId: e.id })
      await call('POST', '/api/v1/scores', { traceId, name: 'helpfulness', value: hu, source: 'human' })
    }
    // MAE = (0.1 + 0.2 + 0 + 0.2) / 4 = 0.125
    // Pearson: dx = [.3, −.4, −.1, .2], dy = [.475, −.525, −.025, .075]; Σdxdy = .37, Σdx² = .30, Σdy² = .5075;
    //   r = .37 / √(.30 · .5075) = 0.948245…
    // Spearman: both rank [4, 1, 2, 3]: 1
    const a = await json(await call('GET', `/api/v1/evaluators/${e.id}/agreement?human=helpfulness`))
    expect(a).toMatchObject({ dataType: 'numeric', n: 4 })
    expect(a.mae).toBeCloseTo(0.125, 10)
    expect(a.pearson).toBeCloseTo(0.37 / Math.sqrt(0.3 * 0.5075), 10)
    expect(a.spearman).toBeCloseTo(1, 10)
  })
})
