import { randomUUID } from 'node:crypto'
import { type Channel, type channelInputSchema, type Delivery, toIso } from '@sightline/core'
import type { z } from 'zod'
import { ApiHttpError, notFound } from '../http-errors'
import { JobRetryable, type JobHandler } from '../jobs/job-runner'
import type { Job, Store } from '../store/types'
import { invalid } from '../validation'
import { deliver } from '../webhooks/deliver'
import { checkDestination } from '../webhooks/destination'
import { generateSecret, parseSecret, RETRY_SCHEDULE_MS } from '../webhooks/standard-webhooks'
import { type AlertPayload, DELIVERY_JOB, DOC } from './monitors'

type ChannelInput = z.output<typeof channelInputSchema>

/** A channel as stored: its secrets (the current one first, the previous one while rotating) never leave the server. */
export interface ChannelRecord extends Omit<Channel, 'secret'> {
  secrets: string[]
}

export const publicChannel = ({ secrets: _s, ...c }: ChannelRecord): Channel => c

/** Checked when a channel is made or moved, so a bad URL is a 400 now, not a failed delivery later (each delivery checks again). */
export async function checkUrl(url: string, allowPrivate: boolean) {
  const check = await checkDestination(url, { allowPrivate })
  if (!check.ok) throw invalid(['url'], check.error)
}

export async function createChannel(store: Store, projectId: string, input: ChannelInput, now: number, o: { allowPrivate: boolean }) {
  await checkUrl(input.url, o.allowPrivate)
  if (input.secret) {
    try {
      parseSecret(input.secret)
    } catch (err) {
      throw invalid(['secret'], (err as Error).message)
    }
  }
  const secret = input.kind === 'webhook' ? (input.secret ?? generateSecret()) : null
  const c: ChannelRecord = {
    id: randomUUID(),
    name: input.name,
    kind: input.kind,
    url: input.url,
    disabledReason: null,
    createdAt: toIso(now),
    secrets: secret ? [secret] : [],
  }
  await store.putDocuments(projectId, DOC.channel, [{ id: c.id, at: now, body: c }])
  // The secret is shown once, here.
  return { ...publicChannel(c), ...(secret && { secret }) }
}

export async function findChannel(store: Store, projectId: string, id: string) {
  const c = await store.getDocument<ChannelRecord>(projectId, DOC.channel, id)
  if (!c) throw notFound('channel')
  return c
}

/** A new secret; the old one still signs (a second signature) until the next rotation, so receivers can switch over. */
export async function rotateSecret(store: Store, projectId: string, c: ChannelRecord) {
  if (c.kind !== 'webhook') throw new ApiHttpError(409, 'conflict', 'only webhook channels have a signing secret')
  const secret = generateSecret()
  await saveChannel(store, projectId, { ...c, secrets: [secret, ...c.secrets.slice(0, 1)] })
  return { ...publicChannel(c), secret }
}

export const saveChannel = (store: Store, projectId: string, c: ChannelRecord) =>
  store.putDocuments(projectId, DOC.channel, [{ id: c.id, at: Date.parse(c.createdAt), body: c }])

interface DeliveryJob {
  deliveryId: string
  channelId: string
  eventId: string
  body: AlertPayload
}

const saveDelivery = (store: Store, projectId: string, d: Delivery) =>
  store.putDocuments(projectId, DOC.delivery, [{ id: d.id, parentId: d.channelId, at: Date.parse(d.createdAt), body: d }])

/** Sends it again now, with the same `webhook-id` (receivers that saw it drop the repeat). */
export async function replayDelivery(store: Store, projectId: string, id: string, now: number) {
  const d = await store.getDocument<Delivery>(projectId, DOC.delivery, id)
  if (!d) throw notFound('delivery')
  const c = await findChannel(store, projectId, d.channelId)
  if (c.disabledReason) throw new ApiHttpError(409, 'conflict', `channel ${c.id} is disabled (${c.disabledReason}); enable it first`)
  await store.enqueueJobs([
    {
      id: `deliver:${d.id}`,
      projectId,
      kind: DELIVERY_JOB,
      payload: { deliveryId: d.id, channelId: d.channelId, eventId: d.eventId, body: d.payload },
      runAfter: now,
    },
  ])
  const next: Delivery = { ...d, status: 'pending', nextAttemptAt: toIso(now) }
  await saveDelivery(store, projectId, next)
  return next
}

/**
 * Sends one alert to one channel. Retries follow the Standard Webhooks schedule (the runner's
 * backoff, stretched by the schedule and any Retry-After); 410 Gone disables the channel; every
 * attempt is in the delivery log.
 */
export function deliveryJobHandler(deps: { store: Store; now: () => number; allowPrivate?: boolean | undefined }): JobHandler {
  const { store, now } = deps
  const load = async (job: Job) => {
    const p = job.payload as unknown as DeliveryJob
    const existing = await store.getDocument<Delivery>(job.projectId, DOC.delivery, p.deliveryId)
    const base: Delivery = existing ?? {
      id: p.deliveryId,
      channelId: p.channelId,
      eventId: p.eventId,
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: null,
      payload: p.body as unknown as Delivery['payload'],
      createdAt: toIso(now()),
      deliveredAt: null,
    }
    return { p, d: base }
  }
  return {
    async run(job) {
      const { p, d } = await load(job)
      const channel = await store.getDocument<ChannelRecord>(job.projectId, DOC.channel, p.channelId)
      const attempts = d.attempts + 1
      if (!channel)
        return saveDelivery(store, job.projectId, { ...d, status: 'failed', lastError: 'the channel was deleted', nextAttemptAt: null })
      if (channel.disabledReason)
        return saveDelivery(store, job.projectId, { ...d, status: 'disabled', lastError: channel.disabledReason, nextAttemptAt: null })
      const r = await deliver({
        url: channel.url,
        kind: channel.kind,
        id: p.deliveryId,
        timestamp: Math.floor(now() / 1000),
        payload: p.body as unknown as Record<string, unknown>,
        secrets: channel.secrets,
        ...(deps.allowPrivate !== undefined && { allowPrivate: deps.allowPrivate }),
      })
      const logged = { ...d, attempts, lastStatusCode: r.status, lastError: r.ok ? null : (r.error ?? `status ${r.status}`) }
      if (r.ok)
        return saveDelivery(store, job.projectId, { ...logged, status: 'delivered', nextAttemptAt: null, deliveredAt: toIso(now()) })
      if (r.gone) {
        const reason = `${channel.url} answered 410 Gone at ${toIso(now())}`
        await saveChannel(store, job.projectId, { ...channel, disabledReason: reason })
        return saveDelivery(store, job.projectId, { ...logged, status: 'disabled', nextAttemptAt: null })
      }
      if (!r.retryable) return saveDelivery(store, job.projectId, { ...logged, status: 'failed', nextAttemptAt: null })
      const delay = Math.max(RETRY_SCHEDULE_MS[Math.min(job.attempts, RETRY_SCHEDULE_MS.length - 1)]!, r.retryAfterMs ?? 0)
      await saveDelivery(store, job.projectId, { ...logged, status: 'pending', nextAttemptAt: toIso(now() + delay) })
      throw new JobRetryable(logged.lastError ?? 'delivery failed', delay)
    },
    async failed(job, error) {
      const { d } = await load(job)
      await saveDelivery(store, job.projectId, { ...d, status: 'failed', lastError: error.message, nextAttemptAt: null })
    },
  }
}
