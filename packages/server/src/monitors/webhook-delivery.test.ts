import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Delivery } from '@sightline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createJobRunner } from '../jobs/job-runner'
import { validateBatch } from '../services/ingest'
import { writeBatch } from '../services/write'
import { openSqliteStore } from '../store/sqlite/sqlite-store'
import type { Store } from '../store/types'
import { verify } from '../webhooks/standard-webhooks'
import { createChannel, deliveryJobHandler, replayDelivery } from './channels'
import { createMonitor, DELIVERY_JOB, tick } from './monitors'

const P = 'p1'
const H0 = Date.UTC(2026, 0, 5)
const HOUR = 3_600_000

/** A webhook receiver on loopback that answers with the statuses given, in turn, and keeps what it got. */
async function receiver(statuses: number[]) {
  const got: { headers: IncomingMessage['headers']; body: string }[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      got.push({ headers: req.headers, body })
      res.writeHead(statuses.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server }
}

let store: Store
let server: Server | undefined
afterEach(async () => {
  server?.close()
  await store?.close()
})

describe('webhook deliveries to a real receiver', () => {
  it('are signed per Standard Webhooks, retried after a 500 on the schedule, and can be replayed with the same id', async () => {
    store = openSqliteStore({ filename: ':memory:' })
    await store.migrate()
    const hook = await receiver([500, 200, 200])
    server = hook.server
    let now = H0 + HOUR + 5000
    const channel = await createChannel(store, P, { name: 'on-call', kind: 'webhook', url: hook.url }, now, { allowPrivate: true })
    const monitor = await createMonitor(
      store,
      P,
      {
        name: 'thumbs-down',
        metric: 'feedback.negativeRate',
        window: '1h',
        condition: { kind: 'threshold', op: '>', value: 0.2 },
        minSamples: 10,
        channelIds: [channel.id],
        cooldownMinutes: 0,
        active: true,
      },
      H0,
    )
    await writeBatch(
      store,
      P,
      validateBatch({
        traces: Array.from({ length: 20 }, (_, i) => ({ id: `t${i}`, name: 'chat', startTime: H0 + i * 1000 })),
        scores: Array.from({ length: 20 }, (_, i) => ({
          traceId: `t${i}`,
          name: 'user_feedback',
          value: i >= 10,
          source: 'feedback' as const,
        })),
      }).write,
      H0,
    )
    await tick(store, P, now, 60_000, { baseUrl: 'http://sightline.test' })
    const runner = () =>
      createJobRunner({
        store,
        handlers: { [DELIVERY_JOB]: deliveryJobHandler({ store, now: () => now, allowPrivate: true }) },
        now: () => now,
      })
    const log = async () => (await store.listDocuments<Delivery>(P, 'delivery', { parentId: channel.id, limit: 10 })).data

    await runner().drain()
    expect(hook.got).toHaveLength(1)
    expect(await log()).toMatchObject([{ status: 'pending', attempts: 1, lastStatusCode: 500 }])
    now += 4_000
    await runner().drain()
    expect(hook.got).toHaveLength(1) // 5 s later, not before
    now += 1_000
    await runner().drain()
    expect(hook.got).toHaveLength(2)
    const [delivery] = await log()
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 })

    // every attempt carries the same webhook-id and a valid signature
    for (const { headers, body } of hook.got) {
      expect(headers['webhook-id']).toBe(delivery!.id)
      expect(verify({ headers, body, secret: channel.secret!, now: new Date(now) })).toBe(true)
      expect(JSON.parse(body)).toMatchObject({
        type: 'monitor.fired',
        monitor: { id: monitor.id, name: 'thumbs-down' },
        state: 'firing',
        metric: 'feedback.negativeRate',
        value: 0.5,
        samples: 20,
        window: { start: new Date(H0).toISOString(), size: '1h' },
        link: expect.stringContaining('http://sightline.test/api/v1/traces?from='),
      })
    }

    await replayDelivery(store, P, delivery!.id, now)
    await runner().drain()
    expect(hook.got).toHaveLength(3)
    expect(hook.got[2]!.headers['webhook-id']).toBe(delivery!.id)
  })

  it('a 410 Gone disables the channel', async () => {
    store = openSqliteStore({ filename: ':memory:' })
    await store.migrate()
    const hook = await receiver([410])
    server = hook.server
    const channel = await createChannel(store, P, { name: 'gone', kind: 'webhook', url: hook.url }, H0, { allowPrivate: true })
    await store.enqueueJobs([
      {
        id: 'deliver:msg_1',
        projectId: P,
        kind: DELIVERY_JOB,
        payload: { deliveryId: 'msg_1', channelId: channel.id, eventId: 'e', body: { type: 'monitor.fired' } },
        runAfter: H0,
      },
    ])
    await createJobRunner({
      store,
      handlers: { [DELIVERY_JOB]: deliveryJobHandler({ store, now: () => H0, allowPrivate: true }) },
      now: () => H0,
    }).drain()
    expect((await store.getDocument<{ disabledReason: string }>(P, 'channel', channel.id))?.disabledReason).toMatch(/410 Gone/)
    expect((await store.getDocument<Delivery>(P, 'delivery', 'msg_1'))?.status).toBe('disabled')
  })

  it('refuses a private destination when the channel is made, unless allowed', async () => {
    store = openSqliteStore({ filename: ':memory:' })
    await store.migrate()
    await expect(
      createChannel(store, P, { name: 'x', kind: 'webhook', url: 'http://10.0.0.5/hook' }, H0, { allowPrivate: false }),
    ).rejects.toThrow(/private address.*SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS/)
  })
})
