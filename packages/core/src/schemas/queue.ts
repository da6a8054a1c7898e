import { z } from 'zod'
import { isoTimeSchema, jsonValueSchema } from './common'
import { traceDetailSchema } from './lists'
import { scoreValueSchema } from './score'

/** Trace-list filter names and values, as in the list endpoint's query (rules, snapshots, evaluators). */
export const traceFilterSchema = z
  .record(z.string().max(300), z.union([z.string().max(1000), z.number(), z.array(z.string().max(200)).max(20)]))
  .refine((f) => Object.keys(f).length <= 30, 'at most 30 filters')

/** A rule that adds traces to a queue as they arrive. */
export const queueRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('negative-feedback') }),
  z.strictObject({
    kind: z.literal('filter'),
    /** trace-list filter names and values, as in the list endpoint's query */
    filter: traceFilterSchema,
    /** share of matching traces added, decided per trace id so it never flips */
    sampleRate: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({
    /** traces the evaluator scored, so reviewers' scores can be compared with it (agreement) */
    kind: z.literal('evaluator'),
    evaluatorId: z.string().min(1).max(256),
    sampleRate: z.number().min(0).max(1).optional(),
  }),
])
export type QueueRule = z.infer<typeof queueRuleSchema>

export const DEFAULT_LEASE_SECONDS = 300

export const queueInputSchema = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  scoreConfigIds: z.array(z.string().min(1).max(256)).min(1, 'a queue needs at least one score config').max(20),
  reviewersPerItem: z.number().int().min(1).max(10).default(1),
  leaseSeconds: z.number().int().min(10).max(86_400).default(DEFAULT_LEASE_SECONDS),
  rules: z.array(queueRuleSchema).max(10).default([]),
})
export type QueueInput = z.input<typeof queueInputSchema>

export const queuePatchSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  scoreConfigIds: z.array(z.string().min(1).max(256)).min(1).max(20).optional(),
  reviewersPerItem: z.number().int().min(1).max(10).optional(),
  leaseSeconds: z.number().int().min(10).max(86_400).optional(),
  rules: z.array(queueRuleSchema).max(10).optional(),
  archived: z.boolean().optional(),
})
export type QueuePatch = z.input<typeof queuePatchSchema>

export const queueSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  scoreConfigIds: z.array(z.string()),
  reviewersPerItem: z.number(),
  leaseSeconds: z.number(),
  rules: z.array(queueRuleSchema),
  archivedAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
})
export type Queue = z.infer<typeof queueSchema>

export const QUEUE_ITEM_STATUSES = ['pending', 'in_progress', 'done', 'skipped'] as const
export type QueueItemStatus = (typeof QUEUE_ITEM_STATUSES)[number]

export const queueItemSchema = z.object({
  id: z.string(),
  queueId: z.string(),
  traceId: z.string(),
  spanId: z.string().nullable(),
  status: z.enum(QUEUE_ITEM_STATUSES),
  /** live leases: who holds the item and until when */
  leases: z.array(z.object({ reviewer: z.string(), expiresAt: isoTimeSchema })),
  completedBy: z.array(z.string()),
  skippedBy: z.array(z.string()),
  createdAt: isoTimeSchema,
})
export type QueueItem = z.infer<typeof queueItemSchema>

export const addQueueItemsSchema = z
  .strictObject({
    traceIds: z.array(z.string().min(1).max(256)).max(10_000).optional(),
    /** a trace-list filter: the matching traces now (a snapshot, at most 10,000) */
    filter: traceFilterSchema.optional(),
  })
  .refine((b) => b.traceIds?.length || b.filter, { message: 'give traceIds or a filter', path: ['traceIds'] })
export type AddQueueItems = z.input<typeof addQueueItemsSchema>

export const reviewerSchema = z.string().min(1).max(256)

/** The claimed item, its trace, and who holds it (an annotate token names its reviewer itself). */
export const claimResponseSchema = z.object({ item: queueItemSchema, trace: traceDetailSchema, reviewer: z.string() })
export type ClaimResponse = z.infer<typeof claimResponseSchema>

export const completeItemSchema = z.strictObject({
  /** with a secret key; an annotate token names its reviewer itself */
  reviewer: reviewerSchema.optional(),
  scores: z
    .array(
      z
        .strictObject({
          configId: z.string().min(1).max(256).optional(),
          name: z.string().min(1).max(200).optional(),
          value: scoreValueSchema,
          comment: z.string().max(5000).nullable().optional(),
          correction: jsonValueSchema.optional(),
        })
        .refine((s) => s.configId || s.name, { message: 'name the score config by configId or name', path: ['configId'] }),
    )
    .min(1, 'give at least one score')
    .max(50, 'at most 50 scores: a queue has at most 20 score configs'),
})
export type CompleteItem = z.input<typeof completeItemSchema>

export const queueStatsSchema = z.object({
  counts: z.object({ total: z.number(), pending: z.number(), inProgress: z.number(), done: z.number(), skipped: z.number() }),
  reviewers: z.array(
    z.object({
      reviewer: z.string(),
      done: z.number(),
      skipped: z.number(),
      /** median seconds from claim to completion */
      medianSeconds: z.number().nullable(),
      /** completions in the last hour */
      lastHour: z.number(),
      lastAt: isoTimeSchema.nullable(),
    }),
  ),
})
export type QueueStats = z.infer<typeof queueStatsSchema>
