import {
  backtestResultSchema,
  channelInputSchema,
  channelSchema,
  deliverySchema,
  MAX_PAGE_SIZE,
  monitorEventSchema,
  monitorSchema,
  page,
  timeInputSchema,
  monitorInputSchema,
  monitorPatchSchema,
  type Delivery,
  type MonitorEvent,
} from '@sightline/core'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app-deps'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import {
  checkUrl,
  createChannel,
  findChannel,
  publicChannel,
  replayDelivery,
  rotateSecret,
  saveChannel,
  type ChannelRecord,
} from '../monitors/channels'
import {
  backtest,
  createMonitor,
  DOC,
  deleteMonitor,
  findMonitor,
  type MonitorRecord,
  updateMonitor,
  withSeries,
} from '../monitors/monitors'

const pageQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(2000).optional(),
})
const backtestSchema = z.strictObject({ monitor: monitorInputSchema, from: timeInputSchema, to: timeInputSchema })
const channelPatchSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  url: channelInputSchema.shape.url.optional(),
  /** true clears a disable (after a 410 Gone) */
  enabled: z.literal(true).optional(),
})

const monitorList = describe({
  summary: 'List monitors with their series states',
  access: 'read-all',
  response: z.object({ data: z.array(monitorSchema) }),
})
const monitorBacktest = describe({
  summary: 'What an unsaved monitor would have fired over up to 31 days of history',
  access: 'write',
  body: backtestSchema,
  response: backtestResultSchema,
})
const monitorCreate = describe({
  summary: 'Create a monitor',
  access: 'write',
  body: monitorInputSchema,
  response: monitorSchema,
  status: 201,
})
const monitorGet = describe({ summary: 'A monitor with its series states', access: 'read-all', response: monitorSchema })
const monitorUpdate = describe({ summary: 'Change a monitor', access: 'write', body: monitorPatchSchema, response: monitorSchema })
const monitorDelete = describe({ summary: 'Delete a monitor', access: 'write', status: 204 })
const monitorEvents = describe({
  summary: 'Fired and resolved events, newest first',
  access: 'read-all',
  query: pageQuery,
  response: page(monitorEventSchema),
})

/** Monitors: metrics watched on closed windows, alerting through channels. Secret key; reads take a view token too. */
export function monitorRoutes({ store, now }: AppDeps) {
  const monitorOf = (c: Context<AppEnv>) => findMonitor(store, c.get('auth').projectId, c.req.param('id')!)
  return (
    new Hono<AppEnv>()
      .get('/', monitorList, async (c) => {
        const { projectId } = c.get('auth')
        const all = (await store.listDocuments<MonitorRecord>(projectId, DOC.monitor, { limit: 1000 })).data
        return c.json({ data: await Promise.all(all.map((m) => withSeries(store, projectId, m))) })
      })
      // before /:id
      .post('/backtest', monitorBacktest, async (c) => {
        const { monitor, from, to } = await monitorBacktest.body(c)
        return c.json(await backtest(store, c.get('auth').projectId, monitor, from, to))
      })
      .post('/', monitorCreate, async (c) =>
        c.json(await createMonitor(store, c.get('auth').projectId, await monitorCreate.body(c), now()), 201),
      )
      .get('/:id', monitorGet, async (c) => c.json(await withSeries(store, c.get('auth').projectId, await monitorOf(c))))
      .patch('/:id', monitorUpdate, async (c) => {
        const patch = await monitorUpdate.body(c)
        return c.json(await updateMonitor(store, c.get('auth').projectId, await monitorOf(c), patch, now()))
      })
      .delete('/:id', monitorDelete, async (c) => {
        await deleteMonitor(store, c.get('auth').projectId, await monitorOf(c))
        return c.body(null, 204)
      })
      .get('/:id/events', monitorEvents, async (c) => {
        const m = await monitorOf(c)
        return c.json(
          await store.listDocuments<MonitorEvent>(c.get('auth').projectId, DOC.event, {
            parentId: m.id,
            ...monitorEvents.query(c),
          }),
        )
      })
  )
}

const channelList = describe({ summary: 'List alert channels', access: 'write', response: z.object({ data: z.array(channelSchema) }) })
const channelCreate = describe({
  summary: 'Create a channel (webhook: Standard Webhooks signed; slack: incoming webhook); the secret is returned once',
  access: 'write',
  body: channelInputSchema,
  response: channelSchema,
  status: 201,
})
const channelGet = describe({ summary: 'A channel', access: 'write', response: channelSchema })
const channelUpdate = describe({
  summary: 'Rename, move, or enable again after a 410',
  access: 'write',
  body: channelPatchSchema,
  response: channelSchema,
})
const channelDelete = describe({ summary: 'Delete a channel', access: 'write', status: 204 })
const channelRotate = describe({
  summary: 'A new signing secret (returned once); the previous one keeps signing until the next rotation',
  access: 'write',
  response: channelSchema,
})
const channelDeliveries = describe({
  summary: 'The delivery log, newest first',
  access: 'write',
  query: pageQuery,
  response: page(deliverySchema),
})
const deliveryReplay = describe({
  summary: 'Send a delivery again, with the same webhook-id',
  access: 'write',
  response: deliverySchema,
  status: 202,
})

/** Channels: where alerts go (Standard Webhooks, or Slack), with their delivery log. Secret key only: they hold secrets. */
export function channelRoutes({ store, now, config }: AppDeps) {
  const channelOf = (c: Context<AppEnv>) => findChannel(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/', channelList, async (c) =>
      c.json({
        data: (await store.listDocuments<ChannelRecord>(c.get('auth').projectId, DOC.channel, { limit: 1000 })).data.map(publicChannel),
      }),
    )
    .post('/', channelCreate, async (c) =>
      c.json(
        await createChannel(store, c.get('auth').projectId, await channelCreate.body(c), now(), {
          allowPrivate: config.allowPrivateWebhooks,
        }),
        201,
      ),
    )
    .get('/:id', channelGet, async (c) => c.json(publicChannel(await channelOf(c))))
    .patch('/:id', channelUpdate, async (c) => {
      const { enabled, ...patch } = await channelUpdate.body(c)
      const channel = await channelOf(c)
      if (patch.url) await checkUrl(patch.url, config.allowPrivateWebhooks)
      const next: ChannelRecord = {
        ...channel,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.url !== undefined && { url: patch.url }),
        ...(enabled && { disabledReason: null }),
      }
      await saveChannel(store, c.get('auth').projectId, next)
      return c.json(publicChannel(next))
    })
    .delete('/:id', channelDelete, async (c) => {
      await store.deleteDocument(c.get('auth').projectId, DOC.channel, (await channelOf(c)).id)
      return c.body(null, 204)
    })
    .post('/:id/rotate-secret', channelRotate, async (c) => c.json(await rotateSecret(store, c.get('auth').projectId, await channelOf(c))))
    .get('/:id/deliveries', channelDeliveries, async (c) => {
      const channel = await channelOf(c)
      return c.json(
        await store.listDocuments<Delivery>(c.get('auth').projectId, DOC.delivery, {
          parentId: channel.id,
          ...channelDeliveries.query(c),
        }),
      )
    })
}

export function deliveryRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().post('/:id/replay', deliveryReplay, async (c) =>
    c.json(await replayDelivery(store, c.get('auth').projectId, c.req.param('id'), now()), 202),
  )
}
