import {
  channelInputSchema,
  MAX_PAGE_SIZE,
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
import { requireAccess } from '../auth/middleware'
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
import { jsonBody, parseWith } from '../validation'

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

/** Monitors: metrics watched on closed windows, alerting through channels. Secret key; reads take a view token too. */
export function monitorRoutes({ store, now }: AppDeps) {
  const monitorOf = (c: Context<AppEnv>) => findMonitor(store, c.get('auth').projectId, c.req.param('id')!)
  return (
    new Hono<AppEnv>()
      .get('/', requireAccess('read-all'), async (c) => {
        const { projectId } = c.get('auth')
        const all = (await store.listDocuments<MonitorRecord>(projectId, DOC.monitor, { limit: 1000 })).data
        return c.json({ data: await Promise.all(all.map((m) => withSeries(store, projectId, m))) })
      })
      // before /:id
      .post('/backtest', requireAccess('write'), async (c) => {
        const { monitor, from, to } = await jsonBody(c, backtestSchema)
        return c.json(await backtest(store, c.get('auth').projectId, monitor, from, to))
      })
      .post('/', requireAccess('write'), async (c) =>
        c.json(await createMonitor(store, c.get('auth').projectId, await jsonBody(c, monitorInputSchema), now()), 201),
      )
      .get('/:id', requireAccess('read-all'), async (c) => c.json(await withSeries(store, c.get('auth').projectId, await monitorOf(c))))
      .patch('/:id', requireAccess('write'), async (c) => {
        const patch = await jsonBody(c, monitorPatchSchema)
        return c.json(await updateMonitor(store, c.get('auth').projectId, await monitorOf(c), patch, now()))
      })
      .delete('/:id', requireAccess('write'), async (c) => {
        await deleteMonitor(store, c.get('auth').projectId, await monitorOf(c))
        return c.body(null, 204)
      })
      .get('/:id/events', requireAccess('read-all'), async (c) => {
        const m = await monitorOf(c)
        return c.json(
          await store.listDocuments<MonitorEvent>(c.get('auth').projectId, DOC.event, {
            parentId: m.id,
            ...parseWith(pageQuery, c.req.query()),
          }),
        )
      })
  )
}

/** Channels: where alerts go (Standard Webhooks, or Slack), with their delivery log. Secret key only: they hold secrets. */
export function channelRoutes({ store, now, config }: AppDeps) {
  const channelOf = (c: Context<AppEnv>) => findChannel(store, c.get('auth').projectId, c.req.param('id')!)
  return new Hono<AppEnv>()
    .get('/', requireAccess('write'), async (c) =>
      c.json({
        data: (await store.listDocuments<ChannelRecord>(c.get('auth').projectId, DOC.channel, { limit: 1000 })).data.map(publicChannel),
      }),
    )
    .post('/', requireAccess('write'), async (c) =>
      c.json(
        await createChannel(store, c.get('auth').projectId, await jsonBody(c, channelInputSchema), now(), {
          allowPrivate: config.allowPrivateWebhooks,
        }),
        201,
      ),
    )
    .get('/:id', requireAccess('write'), async (c) => c.json(publicChannel(await channelOf(c))))
    .patch('/:id', requireAccess('write'), async (c) => {
      const { enabled, ...patch } = await jsonBody(c, channelPatchSchema)
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
    .delete('/:id', requireAccess('write'), async (c) => {
      await store.deleteDocument(c.get('auth').projectId, DOC.channel, (await channelOf(c)).id)
      return c.body(null, 204)
    })
    .post('/:id/rotate-secret', requireAccess('write'), async (c) =>
      c.json(await rotateSecret(store, c.get('auth').projectId, await channelOf(c))),
    )
    .get('/:id/deliveries', requireAccess('write'), async (c) => {
      const channel = await channelOf(c)
      return c.json(
        await store.listDocuments<Delivery>(c.get('auth').projectId, DOC.delivery, {
          parentId: channel.id,
          ...parseWith(pageQuery, c.req.query()),
        }),
      )
    })
}

export function deliveryRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().post('/:id/replay', requireAccess('write'), async (c) =>
    c.json(await replayDelivery(store, c.get('auth').projectId, c.req.param('id'), now()), 202),
  )
}
