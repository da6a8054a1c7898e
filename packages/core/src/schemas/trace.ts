import { z } from 'zod'
import { idSchema, isoTimeSchema, jsonValueSchema, labelMetadataSchema, statusSchema, textSchema, timeInputSchema } from './common'

const label = textSchema.min(1).max(256)

/** A trace as sent to ingest. Fields left out keep their stored value (re-sending merges). */
export const traceInputSchema = z.strictObject({
  id: idSchema,
  name: textSchema.min(1).max(1000).optional(),
  startTime: timeInputSchema.optional(),
  endTime: timeInputSchema.optional(),
  userId: label.optional(),
  sessionId: label.optional(),
  environment: label.optional(),
  release: label.optional(),
  version: label.optional(),
  tags: z.array(textSchema.min(1).max(200)).max(100).optional(),
  metadata: labelMetadataSchema.optional(),
  input: jsonValueSchema.optional(),
  output: jsonValueSchema.optional(),
  status: statusSchema.optional(),
})
export type TraceInput = z.input<typeof traceInputSchema>
export type ParsedTraceInput = z.output<typeof traceInputSchema>

const traceFields = {
  id: z.string(),
  projectId: z.string(),
  name: z.string().nullable(),
  startTime: isoTimeSchema,
  endTime: isoTimeSchema.nullable(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  environment: z.string().nullable(),
  release: z.string().nullable(),
  version: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), jsonValueSchema),
  status: statusSchema,
  latencyMs: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number(),
  cost: z.number().nullable(),
  spanCount: z.number(),
  errorCount: z.number(),
  models: z.array(z.string()).describe('distinct models of the trace’s spans'),
}

/** A trace as stored and served, with totals derived from its spans. */
export const traceSchema = z.object({
  ...traceFields,
  input: jsonValueSchema.nullable(),
  output: jsonValueSchema.nullable(),
})
export type Trace = z.infer<typeof traceSchema>

/** A row of the trace list: large payloads are cut to short text previews. */
export const traceSummarySchema = z.object({
  ...traceFields,
  inputPreview: z.string().nullable(),
  outputPreview: z.string().nullable(),
})
export type TraceSummary = z.infer<typeof traceSummarySchema>
