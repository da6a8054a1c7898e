import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningCli, startCli } from '../../../scripts/cli-process'

// Two server processes on one database: claims and ingest race for real, across processes.
const KEY = 'sk-sl-two-processes'
const pgUrl = process.env.SIGHTLINE_TEST_DATABASE_URL

/** Replies read loosely. */
// biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely; the routes' own schemas are tested elsewhere
type Json = Record<string, any>

async function twoServers(backend: 'sqlite' | 'postgres'): Promise<[RunningCli, RunningCli]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-two-'))
  const env: Record<string, string> = { SIGHTLINE_SECRET_KEY: KEY }
  if (backend === 'postgres') {
    const name = `sl_two_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(pgUrl!)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
  }
  // Started together: migrations and bootstrap must take turns on their own.
  return Promise.all([startCli([], env, dataDir), startCli([], env, dataDir)])
}

const call = async (server: RunningCli, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) }
}

const backends = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)

describe.each(backends)('two server processes on one %s database', (backend) => {
  let servers: [RunningCli, RunningCli] | undefined
  afterAll(async () => {
    await Promise.all(servers?.map((s) => s.stop()) ?? [])
  })

  it('lose no row when both ingest spans of the same traces at once', { timeout: 120_000 }, async () => {
    servers = await twoServers(backend)
    const [a, b] = servers
    // 20 traces; every batch carries spans of all of them, batches alternate between servers.
    const batches = Array.from({ length: 16 }, (_, k) => ({
      spans: Array.from({ length: 20 }, (_, t) => ({
        id: `s${k}`,
        traceId: `race-${t}`,
        name: `step ${k}`,
        type: 'generation',
        startTime: 1.767e12 + k * 1000,
        endTime: 1.767e12 + k * 1000 + 500,
        model: 'gpt-4o-mini',
        usage: { input: 10, output: 5 },
        cost: { total: 0.001 },
      })),
    }))
    const replies = await Promise.all(batches.map((batch, i) => call(i % 2 ? a : b, 'POST', '/api/v1/ingest', batch)))
    expect(replies.every((r) => r.status === 200 && r.body!.accepted === 20)).toBe(true)
    for (const t of [0, 7, 19]) {
      const d = (await call(t % 2 ? a : b, 'GET', `/api/v1/traces/race-${t}`)).body!
      expect(d.spans).toHaveLength(16)
      expect(d.trace).toMatchObject({ spanCount: 16, inputTokens: 160, outputTokens: 80, latencyMs: 15_500 })
      expect(d.trace.cost).toBeCloseTo(0.016)
    }
    const metrics = (
      await call(
        a,
        'GET',
        `/api/v1/metrics?metrics=count,tokens.total.sum&groupBy=model&interval=1h&from=${1.767e12 - 3_600_000}&to=${1.767e12 + 3_600_000}`,
      )
    ).body!
    expect(metrics.totals).toEqual({ count: 320, 'tokens.total.sum': 4800 })
  })

  it('never hand one item to two reviewers and complete each item once', { timeout: 120_000 }, async () => {
    // Started by the test above.
    const [a, b] = servers!
    const traces = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, name: 'chat' }))
    expect((await call(a, 'POST', '/api/v1/ingest', { traces })).status).toBe(200)
    const config = (await call(a, 'POST', '/api/v1/score-configs', { name: 'ok', dataType: 'boolean' })).body!
    const queue = (await call(b, 'POST', '/api/v1/queues', { name: 'race', scoreConfigIds: [config.id] })).body!
    expect((await call(a, 'POST', `/api/v1/queues/${queue.id}/items`, { traceIds: traces.map((t) => t.id) })).body).toEqual({
      added: 40,
      skipped: 0,
    })

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
          const done = await call(r.server, 'POST', `/api/v1/queues/${queue.id}/items/${itemId}/complete`, {
            reviewer: r.name,
            scores: [{ name: 'ok', value: true }],
          })
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
