import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningCli, startCli } from '../../../scripts/cli-process'

// Two server processes on one SQLite file: claims race for real, across processes.
const KEY = 'sk-sl-two-processes'
let servers: RunningCli[] = []

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-two-'))
  servers.push(await startCli([], { SIGHTLINE_SECRET_KEY: KEY }, dataDir))
  servers.push(await startCli([], { SIGHTLINE_SECRET_KEY: KEY }, dataDir))
}, 120_000)
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  servers = []
})

const call = async (server: RunningCli, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, any>) }
}

describe('annotation queue across two server processes', () => {
  it('never hands one item to two reviewers and completes each item once', async () => {
    const [a, b] = servers
    const traces = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, name: 'chat' }))
    expect((await call(a, 'POST', '/api/v1/ingest', { traces })).status).toBe(200)
    const config = (await call(a, 'POST', '/api/v1/score-configs', { name: 'ok', dataType: 'boolean' })).body!
    const queue = (await call(b, 'POST', '/api/v1/queues', { name: 'race', scoreConfigIds: [config.id] })).body!
    expect((await call(a, 'POST', `/api/v1/queues/${queue.id}/items`, { traceIds: traces.map((t) => t.id) })).body).toEqual({ added: 40, skipped: 0 })

    // 16 reviewers, half on each process, claim at once: 16 different items.
    const reviewers = Array.from({ length: 16 }, (_, i) => ({ name: `r${i}`, server: i % 2 ? a : b }))
    const first = await Promise.all(reviewers.map((r) => call(r.server, 'POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: r.name })))
    const held = first.map((c) => c.body!.item.id as string)
    expect(new Set(held).size).toBe(16)

    // Then everyone works until the queue is empty, all at once.
    const completedBy = new Map<string, string[]>()
    await Promise.all(
      reviewers.map(async (r, i) => {
        let itemId: string | undefined = held[i]
        while (itemId) {
          const done = await call(r.server, 'POST', `/api/v1/queues/${queue.id}/items/${itemId}/complete`, { reviewer: r.name, scores: [{ name: 'ok', value: true }] })
          expect(done.status).toBe(200)
          completedBy.set(itemId, [...(completedBy.get(itemId) ?? []), r.name])
          const next = await call(r.server, 'POST', `/api/v1/queues/${queue.id}/claim`, { reviewer: r.name })
          itemId = next.body?.item.id
        }
      }),
    )
    expect(completedBy.size).toBe(40)
    expect([...completedBy.values()].every((by) => by.length === 1)).toBe(true)
    const stats = (await call(b, 'GET', `/api/v1/queues/${queue.id}/stats`)).body!
    expect(stats.counts).toEqual({ total: 40, pending: 0, inProgress: 0, done: 40, skipped: 0 })
    expect(stats.reviewers.reduce((n: number, r: { done: number }) => n + r.done, 0)).toBe(40)
  })
})
