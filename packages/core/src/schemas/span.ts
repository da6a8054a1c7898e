import { z } from 'zod'
import { idSchema, isoTimeSchema, jsonValueSchema, metadataSchema, statusSchema, textSchema, timeInputSchema } from './common'

export const SPAN_TYPES = [
  'generation',
  'span',
  'tool',
  'retriever',
  'agent',
  'chain',
  'embedding',
  'guardrail',
  'evaluator',
  'event',
] as const
export const spanTypeSchema = z.enum(SPAN_TYPES)
export type SpanType = z.infer<typeof spanTypeSchema>

/** Only these span types carry usage and cost into trace totals, so wrappers never double-count. */
export const BILLABLE_SPAN_TYPES: ReadonlySet<SpanType> = new Set(['generation', 'embedding'])

const count = z.number().nonnegative().finite()

export const usageSchema = z.strictObject({
  input: count.optional(),
  output: count.optional(),
  total: count.optional(),
  cacheRead: count.optional(),
  cacheWrite: count.optional(),
  reasoning: count.optional(),
})

export const costSourceSchema = z.enum(['provided', 'computed'])

export const costInputSchema = z.strictObject({
  input: count.optional(),
  output: count.optional(),
  total: count.optional(),
  source: costSourceSchema.optional(),
})

/** A span as sent to ingest. Re-sending a span replaces it whole. */
export const spanInputSchema = z
  .strictObject({
    id: idSchema,
    traceId: idSchema,
    parentId: idSchema.nullable().optional(),
    name: textSchema.min(1).max(1000),
    type: spanTypeSchema.default('span'),
    startTime: timeInputSchema,
    endTime: timeInputSchema.nullable().optional(),
    completionStartTime: timeInputSchema.nullable().optional(),
    model: textSchema.min(1).max(256).nullable().optional(),
    provider: textSchema.min(1).max(256).nullable().optional(),
    modelParameters: metadataSchema.nullable().optional(),
    usage: usageSchema.nullable().optional(),
    cost: costInputSchema.nullable().optional(),
    input: jsonValueSchema.optional(),
    output: jsonValueSchema.optional(),
    status: statusSchema.default('ok'),
    statusMessage: textSchema.max(10_000).nullable().optional(),
    attributes: metadataSchema.nullable().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.endTime != null && s.endTime < s.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'endTime is before startTime' })
    if (s.parentId === s.id) ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'a span cannot be its own parent' })
  })
export type SpanInput = z.input<typeof spanInputSchema>
export type ParsedSpanInput = z.output<typeof spanInputSchema>

export const spanSchema = z.object({
  id: z.string(),
  traceId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  type: spanTypeSchema,
  startTime: isoTimeSchema,
  endTime: isoTimeSchema.nullable(),
  completionStartTime: isoTimeSchema.nullable(),
  latencyMs: z.number().nullable(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  modelParameters: z.record(z.string(), jsonValueSchema).nullable(),
  usage: z
    .object({
      input: z.number().nullable(),
      output: z.number().nullable(),
      total: z.number().nullable(),
      cacheRead: z.number().nullable(),
      cacheWrite: z.number().nullable(),
      reasoning: z.number().nullable(),
    })
    .nullable(),
  cost: z
    .object({
      input: z.number().nullable(),
      output: z.number().nullable(),
      total: z.number().nullable(),
      source: costSourceSchema,
    })
    .nullable(),
  input: jsonValueSchema.nullable(),
  output: jsonValueSchema.nullable(),
  status: statusSchema,
  statusMessage: z.string().nullable(),
  attributes: z.record(z.string(), jsonValueSchema).nullable(),
})
export type Span = z.infer<typeof spanSchema>
