import { z } from 'zod'
import { isoTimeSchema, jsonValueSchema, textSchema, timeZoneSchema } from './common'
import { traceFilterSchema } from './queue'

export const MONITOR_WINDOWS = ['1m', '5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d'] as const
export type MonitorWindow = (typeof MONITOR_WINDOWS)[number]

/**
 * What a monitor watches: any metrics-API metric, plus `feedback.negativeRate` and
 * `score.<name>.rate.<value>` (the share of scores with that value).
 */
export const monitorMetricSchema = z
  .string()
  .min(1)
  .max(300)
  .refine((m) => !m.includes('__proto__'), '"__proto__" is not a usable name')

export const monitorConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('threshold'), op: z.enum(['>', '<']), value: z.number().finite() }),
  z.strictObject({
    kind: z.literal('anomaly'),
    direction: z.enum(['up', 'down', 'both']),
    sensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
  }),
])
export type MonitorCondition = z.infer<typeof monitorConditionSchema>

export const monitorInputSchema = z.strictObject({
  name: textSchema.min(1).max(200),
  metric: monitorMetricSchema,
  filter: traceFilterSchema.optional(),
  /** one alert series per group (the top groups by volume) */
  groupBy: z.string().min(1).max(300).optional(),
  window: z.enum(MONITOR_WINDOWS),
  condition: monitorConditionSchema,
  /** a window with fewer samples is "insufficient data": it never fires or resolves */
  minSamples: z.number().int().min(1).max(1_000_000).optional(),
  channelIds: z.array(z.string().min(1).max(256)).max(20).default([]),
  cooldownMinutes: z.number().int().min(0).max(10_080).default(60),
  /** whose hours and weekdays "the same hour" of an anomaly baseline means (default UTC) */
  timeZone: timeZoneSchema.optional(),
  active: z.boolean().default(true),
})
export type MonitorInput = z.input<typeof monitorInputSchema>

export const monitorPatchSchema = monitorInputSchema.partial().strict()
export type MonitorPatch = z.input<typeof monitorPatchSchema>

export const MONITOR_STATES = ['ok', 'firing', 'insufficient'] as const
export type MonitorState = (typeof MONITOR_STATES)[number]

export const monitorSeriesStateSchema = z.object({
  group: z.string().nullable(),
  state: z.enum(MONITOR_STATES),
  /** the last evaluated window's value and sample count */
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  samples: z.number(),
  since: isoTimeSchema,
  lastFiredAt: isoTimeSchema.nullable(),
})
export type MonitorSeriesState = z.infer<typeof monitorSeriesStateSchema>

export const monitorSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.string(),
  filter: traceFilterSchema.nullable(),
  groupBy: z.string().nullable(),
  window: z.enum(MONITOR_WINDOWS),
  condition: monitorConditionSchema,
  minSamples: z.number(),
  channelIds: z.array(z.string()),
  cooldownMinutes: z.number(),
  timeZone: z.string(),
  active: z.boolean(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** one per series, after the first evaluation */
  series: z.array(monitorSeriesStateSchema),
  lastEvaluatedAt: isoTimeSchema.nullable(),
})
export type Monitor = z.infer<typeof monitorSchema>

export const monitorEventSchema = z.object({
  id: z.string(),
  monitorId: z.string(),
  kind: z.enum(['fired', 'resolved']),
  group: z.string().nullable(),
  windowStart: isoTimeSchema,
  windowEnd: isoTimeSchema,
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  samples: z.number(),
  at: isoTimeSchema,
})
export type MonitorEvent = z.infer<typeof monitorEventSchema>

export const CHANNEL_KINDS = ['webhook', 'slack'] as const

export const channelInputSchema = z.strictObject({
  name: textSchema.min(1).max(200),
  kind: z.enum(CHANNEL_KINDS),
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }).max(2000),
  /** `whsec_…`; generated when left out and returned once */
  secret: z.string().min(1).max(200).optional(),
})
export type ChannelInput = z.input<typeof channelInputSchema>

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  url: z.string(),
  /** why deliveries stopped (the receiver answered 410 Gone), null while enabled */
  disabledReason: z.string().nullable(),
  createdAt: isoTimeSchema,
  /** only in the reply that created the channel or rotated its secret */
  secret: z.string().optional(),
})
export type Channel = z.infer<typeof channelSchema>

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'disabled'] as const

export const deliverySchema = z.object({
  /** also the `webhook-id` header: receivers drop repeats by it */
  id: z.string(),
  channelId: z.string(),
  eventId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTimeSchema.nullable(),
  payload: jsonValueSchema,
  createdAt: isoTimeSchema,
  deliveredAt: isoTimeSchema.nullable(),
})
export type Delivery = z.infer<typeof deliverySchema>

/** `PATCH /api/v1/channels/:id` */
export interface ChannelPatch {
  name?: string | undefined
  url?: string | undefined
  /** switches a channel the receiver disabled (410 Gone) back on */
  enabled?: true | undefined
}

/** `POST /api/v1/monitors/backtest`: an unsaved monitor over past windows (times ISO or epoch ms). */
export interface BacktestRequest {
  monitor: MonitorInput
  from: string | number
  to: string | number
}

export const backtestAlertSchema = z.object({
  group: z.string().nullable(),
  start: isoTimeSchema,
  /** null while still firing at the end of the range */
  end: isoTimeSchema.nullable(),
  /** the furthest value from the baseline while firing */
  peak: z.number().nullable(),
  baseline: z.number().nullable(),
  /** the peak window's samples */
  samples: z.number(),
})
export type BacktestAlert = z.infer<typeof backtestAlertSchema>

export const backtestPointSchema = z.object({
  /** the window's end */
  t: isoTimeSchema,
  value: z.number().nullable(),
  samples: z.number(),
  baseline: z.number().nullable(),
  breach: z.boolean(),
})
export type BacktestPoint = z.infer<typeof backtestPointSchema>

/** What a monitor would have fired over history, and the windows it judged. */
export const backtestResultSchema = z.object({
  alerts: z.array(backtestAlertSchema),
  series: z.array(z.object({ group: z.string().nullable(), points: z.array(backtestPointSchema) })),
})
export type BacktestResult = z.infer<typeof backtestResultSchema>
