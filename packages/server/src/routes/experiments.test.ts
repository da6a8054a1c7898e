import { afterEach, describe, expect, it } from 'vitest'
import { T0 } from '../store/store-contract'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

// biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely; the routes' own schemas are tested elsewhere
type Json = Record<string, any>
const json = async (res: Response) => (await res.json()) as Json
const issuesOf = async (res: Response) => ((await json(res)).error.issues as { path: (string | number)[] }[]).map((i) => i.path.join('.'))

async function setup() {
  ctx = await testApp({ now: () => T0 })
  const call = (method: string, path: string, body?: unknown, key: string | null = ctx.keys.p1) => ctx.call(method, path, key, body)
  const dataset = await json(await call('POST', '/api/v1/datasets', { name: 'golden', description: 'hand-picked' }))
  return { call, dataset }
}

describe('datasets over HTTP', () => {
  it('create, add items, read versions, edit and archive items, archive the dataset', async () => {
    const { call, dataset } = await setup()
    expect(dataset).toMatchObject({ name: 'golden', version: 0, itemCount: 0, archivedAt: null })
    expect(await issuesOf(await call('POST', `/api/v1/datasets/${dataset.id}/items`, {}))).toEqual(['items'])
    expect(
      await json(await call('POST', `/api/v1/datasets/${dataset.id}/items`, { items: [{ id: 'a', input: 'q', expectedOutput: 'A' }] })),
    ).toEqual({
      added: 1,
      version: 1,
    })
    expect(await json(await call('PATCH', `/api/v1/datasets/${dataset.id}/items/a`, { expectedOutput: 'A2' }))).toMatchObject({
      id: 'a',
      expectedOutput: 'A2',
      datasetVersion: 2,
    })
    expect((await json(await call('GET', `/api/v1/datasets/${dataset.id}/items?version=1`))).data[0].expectedOutput).toBe('A')
    expect((await json(await call('GET', `/api/v1/datasets/${dataset.id}/items`))).data[0].expectedOutput).toBe('A2')
    expect(await issuesOf(await call('GET', `/api/v1/datasets/${dataset.id}/items?version=9`))).toEqual(['version'])
    expect((await call('PATCH', `/api/v1/datasets/${dataset.id}/items/nope`, { expectedOutput: 'x' })).status).toBe(404)
    expect(await json(await call('DELETE', `/api/v1/datasets/${dataset.id}/items/a`))).toEqual({ version: 3 })
    expect((await json(await call('GET', `/api/v1/datasets/${dataset.id}`))).itemCount).toBe(0)
    expect((await json(await call('GET', '/api/v1/datasets'))).data.map((d: Json) => d.id)).toEqual([dataset.id])
    expect((await json(await call('DELETE', `/api/v1/datasets/${dataset.id}`))).archivedAt).not.toBeNull()
    expect((await call('POST', `/api/v1/datasets/${dataset.id}/items`, { items: [{ input: 'q' }] })).status).toBe(409)
    expect((await call('GET', '/api/v1/datasets/nope')).status).toBe(404)
  })

  it('view tokens read datasets and experiments, narrowed tokens do not, and nobody but the secret key writes', async () => {
    const { call, dataset } = await setup()
    const view = (await json(await call('POST', '/api/v1/tokens', { kind: 'view' }))).token
    const narrowed = (await json(await call('POST', '/api/v1/tokens', { kind: 'view', filters: { environment: 'production' } }))).token
    expect((await call('GET', `/api/v1/datasets/${dataset.id}/items`, undefined, view)).status).toBe(200)
    expect((await call('GET', '/api/v1/experiments', undefined, view)).status).toBe(200)
    expect((await call('GET', `/api/v1/datasets/${dataset.id}`, undefined, narrowed)).status).toBe(403)
    expect((await call('POST', `/api/v1/datasets/${dataset.id}/items`, { items: [{ input: 'q' }] }, view)).status).toBe(403)
    expect((await call('GET', `/api/v1/datasets/${dataset.id}`, undefined, ctx.keys.p2)).status).toBe(404)
  })
})

describe('experiments over HTTP', () => {
  it('refuse what cannot be paired or scored, naming the field', async () => {
    const { call, dataset } = await setup()
    expect(await issuesOf(await call('POST', '/api/v1/experiments', { name: 'e', datasetId: dataset.id }))).toEqual(['datasetId']) // no items yet
    await call('POST', `/api/v1/datasets/${dataset.id}/items`, { items: [{ id: 'i1', input: 'q' }] })
    expect(await issuesOf(await call('POST', '/api/v1/experiments', { name: 'e', datasetId: 'nope' }))).toEqual(['datasetId'])
    expect(await issuesOf(await call('POST', '/api/v1/experiments', { name: 'e', datasetId: dataset.id, datasetVersion: 5 }))).toEqual([
      'datasetVersion',
    ])
    expect(await issuesOf(await call('POST', '/api/v1/experiments', { name: 'e', datasetId: dataset.id, evaluatorIds: ['nope'] }))).toEqual(
      ['evaluatorIds.0'],
    )
    const e = await json(await call('POST', '/api/v1/experiments', { name: 'e', datasetId: dataset.id, repetitions: 2 }))
    expect(
      await issuesOf(
        await call('POST', `/api/v1/experiments/${e.id}/results`, {
          results: [
            { itemId: 'ghost', output: 'x' },
            { itemId: 'i1', repetition: 2, output: 'x' },
          ],
        }),
      ),
    ).toEqual(['results.0.itemId', 'results.1.repetition'])
    expect((await json(await call('GET', `/api/v1/experiments/${e.id}`))).progress).toEqual({
      results: 0,
      expected: 2,
      errors: 0,
      pendingEvaluations: 0,
    })
    // results without a trace get one the server writes, with the item's input
    await call('POST', `/api/v1/experiments/${e.id}/results`, { results: [{ itemId: 'i1', output: 'answer' }] })
    const [result] = (await json(await call('GET', `/api/v1/experiments/${e.id}/results`))).data
    const trace = await json(await call('GET', `/api/v1/traces/${result.traceId}`))
    expect(trace.trace).toMatchObject({
      input: 'q',
      output: 'answer',
      environment: 'experiment',
      metadata: { experimentId: e.id, itemId: 'i1' },
    })
  })

  it('compare: paired t-interval, p-value, noise from repetitions and missing items, checked by hand', async () => {
    const { call, dataset } = await setup()
    await call('POST', `/api/v1/datasets/${dataset.id}/items`, { items: ['i1', 'i2', 'i3', 'i4', 'i5'].map((id) => ({ id, input: id })) })
    const run = async (name: string, acc: Record<string, [number, number]>) => {
      const e = await json(await call('POST', '/api/v1/experiments', { name, datasetId: dataset.id, repetitions: 2 }))
      const results = Object.entries(acc).flatMap(([itemId, reps]) =>
        reps.map((value, repetition) => ({
          itemId,
          repetition,
          output: `${name} ${itemId}`,
          latencyMs: 100,
          scores: [{ name: 'acc', value }],
        })),
      )
      await call('POST', `/api/v1/experiments/${e.id}/results`, { results })
      return e.id as string
    }
    const base = await run('base', { i1: [0.6, 0.8], i2: [0.5, 0.5], i3: [0.9, 0.7], i4: [0.4, 0.6], i5: [1, 1] })
    const candidate = await run('candidate', { i1: [0.9, 0.9], i2: [0.6, 0.8], i3: [0.8, 0.8], i4: [0.9, 0.7] })
    const c = await json(await call('GET', `/api/v1/experiments/compare?base=${base}&candidate=${candidate}`))
    // Per item (repetitions averaged): base 0.7, 0.5, 0.8, 0.5; candidate 0.9, 0.7, 0.8, 0.8; i5 has no candidate.
    // Differences 0.2, 0.2, 0, 0.3: mean 0.175; Σ(d − d̄)² = 0.000625·2 + 0.030625 + 0.015625 = 0.0475;
    // sd = √(0.0475/3) = 0.125831; se = sd/2 = 0.0629153; t = 2.78152 with 3 degrees of freedom.
    // t₀.₉₇₅,₃ = 3.1824463: CI = 0.175 ± 0.2002250.
    // p = 2·(1 − F₃(t)), F₃(t) = ½ + (1/π)(atan(t/√3) + (t/√3)/(1 + t²/3)) (Student's t with 3 df in closed form).
    // Noise: within-item sums of squares 0.02 (i1), 0, 0.02, 0.02 (base) and 0, 0.02, 0, 0.02 (candidate) = 0.10 over
    // 8 degrees of freedom: s²_w = 0.0125; noise = 2·√(0.0125/2 + 0.0125/2) = 0.2236068. Only i4 (+0.3) exceeds it.
    const se = Math.sqrt(0.0475 / 3) / 2
    const t = 0.175 / se
    const x = t / Math.sqrt(3)
    const p = 2 * (1 - (0.5 + (Math.atan(x) + x / (1 + x * x)) / Math.PI))
    expect(c.items).toBe(4)
    const [acc] = c.scores
    expect(acc.name).toBe('acc')
    expect(acc.base.n).toBe(4)
    expect(acc.base.mean).toBeCloseTo(0.625, 10)
    expect(acc.candidate.mean).toBeCloseTo(0.8, 10)
    expect(acc.delta).toBeCloseTo(0.175, 10)
    expect(acc.ci95[0]).toBeCloseTo(0.175 - 3.1824463052842638 * se, 8)
    expect(acc.ci95[1]).toBeCloseTo(0.175 + 3.1824463052842638 * se, 8)
    expect(acc.pValue).toBeCloseTo(p, 8)
    expect(acc.noise).toBeCloseTo(2 * Math.sqrt(0.0125), 10)
    expect(acc).toMatchObject({ improved: 1, regressed: 0, unchanged: 3, missing: { base: 0, candidate: 1 } })
    expect(c.latencyMs).toMatchObject({ delta: 0, missing: { base: 0, candidate: 1 } })

    const items = await json(await call('GET', `/api/v1/experiments/compare/items?base=${base}&candidate=${candidate}&change=improved`))
    expect(items.data.map((i: Json) => [i.itemId, i.change])).toEqual([['i4', 'improved']])
    expect(items.data[0].base.outputs).toEqual(['base i4', 'base i4'])
    const all = await json(await call('GET', `/api/v1/experiments/compare/items?base=${base}&candidate=${candidate}`))
    expect(all.data.map((i: Json) => i.change)).toEqual(['missing', 'unchanged', 'unchanged', 'unchanged', 'improved'])
    expect(await issuesOf(await call('GET', `/api/v1/experiments/compare?base=${base}`))).toEqual(['candidate'])
    expect((await call('GET', `/api/v1/experiments/compare?base=${base}&candidate=nope`)).status).toBe(404)
  })
})
