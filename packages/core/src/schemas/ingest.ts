import { z } from 'zod'

/**
 * The ingest envelope. Items are checked one by one after the envelope, so one bad item is
 * reported in `rejected` and never blocks the good ones.
 */
export const ingestBatchSchema = z.strictObject({
  traces: z.array(z.unknown()).max(10_000).optional(),
  spans: z.array(z.unknown()).max(50_000).optional(),
  scores: z.array(z.unknown()).max(10_000).optional(),
})
export type IngestItemKind = 'trace' | 'span' | 'score'

export const ingestRejectionSchema = z.object({
  kind: z.enum(['trace', 'span', 'score']),
  index: z.number().int(),
  id: z.string().optional(),
  error: z.string(),
})
export type IngestRejection = z.infer<typeof ingestRejectionSchema>

export const ingestResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(ingestRejectionSchema),
})
export type IngestResult = z.infer<typeof ingestResultSchema>
