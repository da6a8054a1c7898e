import { createClient, SightlineError } from '@sightline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { fixtureBatch, T0 } from './store/store-contract'
import { testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const inProcess = async (url: string, init?: RequestInit) => ctx.app.request(url, init)
const clientFor = (key: string | undefined) =>
  key
    ? createClient({ baseUrl: 'http://sightline.test/', secretKey: key, fetch: inProcess })
    : createClient({ baseUrl: 'http://sightline.test/', fetch: inProcess })

describe('the typed client against the in-process app', () => {
  it('covers every endpoint', async () => {
    ctx = await testApp()
    const client = clientFor(ctx.keys.p1)
    expect(await client.health()).toMatchObject({ status: 'ok' })
    expect(await client.ingest(fixtureBatch())).toEqual({ accepted: 13, rejected: [] })

    const page = await client.listTraces({
      tag: ['beta'],
      metadata: { plan: 'pro' },
      score: { helpfulness: { min: 0.5 } },
      from: T0,
      sort: '-latencyMs',
      limit: 10,
    })
    expect(page.data.map((t) => t.id)).toEqual(['A'])
    const first = await client.listTraces({ limit: 2, sort: 'startTime' })
    const second = await client.listTraces({ limit: 2, sort: 'startTime', cursor: first.nextCursor! })
    expect([...first.data, ...second.data].map((t) => t.id)).toEqual(['A', 'B', 'C'])

    const detail = await client.getTrace('B')
    expect(detail.spans).toHaveLength(3)
    expect((await client.getTraceSkeleton('B')).spans.map((s) => s.inputSize > 0)).toEqual([true, false, false])
    expect(await client.getSpan('B', 'b-gen')).toMatchObject({ model: 'claude-3', usage: { total: 300 } })
    await expect(client.getTrace('B', { headers: {} }).then(() => client.getSpan('B', 'zzz'))).rejects.toMatchObject({ status: 404 })
    expect((await client.getSession('s1')).traces.map((t) => t.id)).toEqual(['A', 'B'])

    const score = await client.createScore({ id: 'x', traceId: 'C', name: 'reviewed', value: 'good' })
    expect(score).toMatchObject({ id: 'x', dataType: 'categorical', value: 'good' })
    expect((await client.listScores({ traceId: 'C' })).data.map((s) => s.id)).toEqual(['x'])
    await client.deleteScore('x')
    expect((await client.listScores({ traceId: 'C' })).data).toEqual([])

    const { token } = await client.createToken({ kind: 'view', filters: { userId: 'u3' } })
    const viewer = createClient({ baseUrl: 'http://sightline.test', getToken: () => token, fetch: inProcess })
    expect((await viewer.listTraces()).data.map((t) => t.id)).toEqual(['C'])
    expect(Object.keys((await client.openapi()).paths as object)).toContain('/api/v1/traces')
  })

  it('runs the annotation flow', async () => {
    ctx = await testApp()
    const client = clientFor(ctx.keys.p1)
    await client.ingest(fixtureBatch())
    const config = await client.createScoreConfig({ name: 'ok', dataType: 'boolean' })
    expect((await client.listScoreConfigs()).data.map((c) => c.name)).toEqual(['ok'])
    const queue = await client.createQueue({ name: 'q', scoreConfigIds: [config.id] })
    expect(await client.addQueueItems(queue.id, { traceIds: ['A', 'B'] })).toEqual({ added: 2, skipped: 0 })
    expect((await client.getQueueConfigs(queue.id)).data).toEqual([config])
    const claim = (await client.claimQueueItem(queue.id, 'ann'))!
    expect(claim.trace.trace.id).toBe('A')
    expect((await client.renewQueueItem(queue.id, claim.item.id, 'ann')).status).toBe('in_progress')
    expect(
      (await client.completeQueueItem(queue.id, claim.item.id, { reviewer: 'ann', scores: [{ name: 'ok', value: true }] })).status,
    ).toBe('done')
    const next = (await client.claimQueueItem(queue.id, 'ann'))!
    expect((await client.releaseQueueItem(queue.id, next.item.id, 'ann')).status).toBe('pending')
    expect((await client.skipQueueItem(queue.id, next.item.id, 'ann')).status).toBe('skipped')
    expect(await client.claimQueueItem(queue.id, 'ann')).toBeNull()
    expect((await client.queueStats(queue.id)).counts).toMatchObject({ done: 1, skipped: 1 })
    expect((await client.listQueues()).data[0]!.counts.total).toBe(2)
    expect((await client.listQueueItems(queue.id, { status: 'done' })).data.map((i) => i.traceId)).toEqual(['A'])
    expect((await client.getQueueItem(queue.id, claim.item.id)).completedBy).toEqual(['ann'])
    expect((await client.updateQueue(queue.id, { name: 'renamed' })).name).toBe('renamed')
    expect((await client.updateScoreConfig(config.id, { description: 'd' })).description).toBe('d')
    expect((await client.deleteScoreConfig(config.id)).outcome).toBe('archived')
    expect((await client.getQueue(queue.id)).name).toBe('renamed')
  })

  it('throws SightlineError with the server’s code and field paths', async () => {
    ctx = await testApp()
    const err = await clientFor(ctx.keys.p1)
      .listTraces({ limit: 9999 })
      .catch((e) => e)
    expect(err).toBeInstanceOf(SightlineError)
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', issues: [{ path: ['limit'] }] })
    await expect(clientFor(undefined).listTraces()).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    await expect(clientFor(ctx.keys.p1).getTrace('nope')).rejects.toMatchObject({ status: 404, code: 'not_found' })
  })

  it('reports a network failure as code "network"', async () => {
    const client = createClient({
      baseUrl: 'http://127.0.0.1:9',
      secretKey: 'sk-sl-x',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    })
    await expect(client.health()).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})
