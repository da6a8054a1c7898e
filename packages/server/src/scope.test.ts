import { TRACE_VALUE_FIELDS } from '@sightline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from './auth/tokens'
import { evalJobHandler } from './jobs/eval-job'
import { createJobRunner } from './jobs/job-runner'
import { EVAL_JOB } from './services/eval-schedule'
import { T0 } from './store/store-contract'
import { testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

// biome-ignore lint/suspicious/noExplicitAny: replies read loosely, as in the other route tests
type Json = Record<string, any>
const json = async (res: Response) => (await res.json()) as Json

/**
 * A production trace and staging traces whose every visible trait says LEAK: a reader held to
 * production must never see the word, whatever it asks.
 */
async function setup() {
  ctx = await testApp()
  const call = (method: string, path: string, body?: unknown, key = ctx.keys.p1) => ctx.call(method, path, key, body)
  const staging = {
    environment: 'staging',
    name: 'LEAK-name',
    userId: 'LEAK-user',
    sessionId: 's-shared',
    tags: ['LEAK-tag'],
    metadata: { plan: 'LEAK-plan' },
    input: 'LEAK input',
  }
  await call('POST', '/api/v1/ingest', {
    traces: [
      { id: 'LEAK-1', startTime: T0, ...staging },
      { id: 'LEAK-2', startTime: T0 + 1000, ...staging },
      { id: 'P1', name: 'chat', environment: 'production', userId: 'u-prod', sessionId: 's-shared', startTime: T0 + 2000 },
    ],
    spans: [
      { id: 'LEAK-span', traceId: 'LEAK-1', name: 'LEAK-span', startTime: T0, model: 'LEAK-model' },
      { id: 'p-span', traceId: 'P1', name: 'answer', startTime: T0 + 2000 },
    ],
    scores: [
      { id: 'LEAK-score', traceId: 'LEAK-1', name: 'helpful', value: 'LEAK-value' },
      { id: 'p-score', traceId: 'P1', name: 'helpful', value: 'yes' },
    ],
  })
  const config = await json(await call('POST', '/api/v1/score-configs', { name: 'ok', dataType: 'boolean' }))
  const queue = await json(await call('POST', '/api/v1/queues', { name: 'Review', scoreConfigIds: [config.id] }))
  await call('POST', `/api/v1/queues/${queue.id}/items`, { traceIds: ['LEAK-1', 'LEAK-2', 'P1'] })
  // a review of a staging item, by a reviewer only staging knows
  const claimed = await json(await call('POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: 'LEAK-reviewer' }))
  await call('POST', `/api/v1/queues/${queue.id}/items/${claimed.item.id}/complete`, {
    reviewer: 'LEAK-reviewer',
    scores: [{ name: 'ok', value: true }],
  })
  // an evaluator that scored every trace, staging ones too
  const evaluator = await json(await call('POST', '/api/v1/evaluators', { name: 'has input', kind: 'empty-output', config: {} }))
  await call('POST', `/api/v1/evaluators/${evaluator.id}/backfill`, {})
  await createJobRunner({ store: ctx.store, handlers: { [EVAL_JOB]: evalJobHandler({ store: ctx.store, now: Date.now }) } }).drain()
  await call('POST', '/api/v1/scores', { traceId: 'LEAK-1', name: 'has input', value: true, source: 'human', authorId: 'LEAK-reviewer' })
  const items = (await json(await call('GET', `/api/v1/queues/${queue.id}/items`))).data as Json[]
  const itemOf = (traceId: string) => items.find((i) => i.traceId === traceId)!.id as string
  const mint = async (body: Json) => (await json(await call('POST', '/api/v1/tokens', body))).token as string
  const filters = { environment: 'production' }
  return {
    call,
    config,
    evaluator,
    queue,
    itemOf,
    mint,
    view: await mint({ kind: 'view', filters }),
    annotate: await mint({ kind: 'annotate', reviewer: 'ann', queueIds: [queue.id], filters }),
  }
}

describe('a narrowed token', () => {
  it('sees nothing outside its filters on any GET route', async () => {
    const { call, config, evaluator, queue, itemOf, view, annotate } = await setup()
    const range = `from=${T0 - 3_600_000}&to=${T0 + 3_600_000}`
    // Every parameter a route can take, pointed at what lies outside the token's scope.
    const params: Record<string, string> = { id: '', spanId: 'LEAK-span', itemId: itemOf('LEAK-2') }
    const idFor = (path: string) =>
      path.startsWith('/api/v1/traces/')
        ? 'LEAK-1'
        : path.startsWith('/api/v1/sessions/')
          ? 's-shared'
          : path.startsWith('/api/v1/queues/')
            ? queue.id
            : path.startsWith('/api/v1/evaluators/')
              ? evaluator.id
              : config.id
    const queries: Record<string, string[]> = {
      '/api/v1/metrics': ['name', 'userId', 'tag', 'metadata.plan', 'model', 'score.helpful'].map(
        (g) => `metrics=count,users,score.helpful.distribution&groupBy=${g}&${range}`,
      ),
      '/api/v1/queues/:id/items': ['', 'status=done', 'status=pending'],
      '/api/v1/traces/:id': ['', 'fields=skeleton'],
      '/api/v1/traces/values': TRACE_VALUE_FIELDS.flatMap((f) => [`field=${f}`, `field=${f}&q=l`]),
      '/api/v1/evaluators/:id/agreement': ['human=has%20input'],
      '/api/v1/evaluators/:id/runs': ['', 'status=done'],
    }
    const routes = [...new Set(ctx.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/')).map((r) => r.path))]
    expect(routes).toEqual(
      expect.arrayContaining(['/api/v1/traces', '/api/v1/queues/:id/items/:itemId', '/api/v1/queues/:id/stats', '/api/v1/metrics']),
    )
    for (const route of routes) {
      const path = route.replace(/:(\w+)/g, (_, name: string) => {
        if (!(name in params)) throw new Error(`no value for :${name} in ${route}: add one`)
        return name === 'id' ? idFor(route) : params[name]
      })
      for (const qs of queries[route] ?? ['']) {
        for (const token of [view, annotate]) {
          const res = await call('GET', qs ? `${path}?${qs}` : path, undefined, token)
          const body = await res.text()
          // datasets, experiments and monitors are project-wide: a narrowed token may not read them at
          // all; channels hold secrets: no token reads them
          const allowed = /^\/api\/v1\/(datasets|experiments|monitors|channels)/.test(path) ? [403] : [200, 404]
          expect(allowed, `${path}?${qs}`).toContain(res.status)
          expect(body, `${path}?${qs}`).not.toContain('LEAK')
        }
      }
    }
    // and what lies inside stays visible
    expect(await json(await call('GET', '/api/v1/traces/values?field=userId', undefined, view))).toEqual({
      field: 'userId',
      values: [{ value: 'u-prod', count: 1 }],
    })
    expect((await json(await call('GET', `/api/v1/queues/${queue.id}/items`, undefined, view))).data.map((i: Json) => i.traceId)).toEqual([
      'P1',
    ])
    expect((await json(await call('GET', `/api/v1/queues/${queue.id}/stats`, undefined, view))).counts).toMatchObject({
      total: 1,
      pending: 1,
    })
    expect((await call('GET', `/api/v1/queues/${queue.id}/items/${itemOf('P1')}`, undefined, view)).status).toBe(200)
  })

  it('claims and reviews only items inside its filters', async () => {
    const { call, queue, itemOf, annotate } = await setup()
    const claimed = await json(await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, annotate))
    expect(claimed.item.traceId).toBe('P1')
    expect(JSON.stringify(claimed)).not.toContain('LEAK')
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, annotate)).status).toBe(200) // the same item again
    for (const act of ['skip', 'release', 'renew'])
      expect((await call('POST', `/api/v1/queues/${queue.id}/items/${itemOf('LEAK-2')}/${act}`, undefined, annotate)).status, act).toBe(404)
    const complete = await call(
      'POST',
      `/api/v1/queues/${queue.id}/items/${itemOf('LEAK-2')}/complete`,
      { scores: [{ name: 'ok', value: true }] },
      annotate,
    )
    expect(complete.status).toBe(404)
    expect(
      (
        await call(
          'POST',
          `/api/v1/queues/${queue.id}/items/${claimed.item.id}/complete`,
          { scores: [{ name: 'ok', value: true }] },
          annotate,
        )
      ).status,
    ).toBe(200)
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, annotate)).status).toBe(204)
  })

  it('reviews only the queues it names: annotate tokens must name them', async () => {
    const { call, queue, mint } = await setup()
    const res = await call('POST', '/api/v1/tokens', { kind: 'annotate', reviewer: 'ann' })
    expect(res.status).toBe(400)
    expect((await json(res)).error.issues.map((i: Json) => i.path.join('.'))).toEqual(['queueIds'])
    expect(await mint({ kind: 'annotate', reviewer: 'ann', queueIds: [] })).toBeUndefined()
    // one minted before queueIds were required names none: it reviews nothing
    const { signingSecret } = (await ctx.store.getProject('p1'))!
    const old = signToken({ p: 'p1', k: 'annotate', exp: Math.floor(Date.now() / 1000) + 60, reviewer: 'ann' }, signingSecret)
    expect((await call('POST', `/api/v1/queues/${queue.id}/claim`, undefined, old)).status).toBe(403)
  })
})
