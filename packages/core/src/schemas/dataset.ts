import { z } from 'zod'
import { isoTimeSchema, jsonValueSchema, metadataSchema, textSchema } from './common'
import { traceFilterSchema } from './queue'

export const datasetInputSchema = z.strictObject({
  name: textSchema.min(1).max(200),
  description: textSchema.max(2000).nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
})
export type DatasetInput = z.input<typeof datasetInputSchema>

export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), jsonValueSchema).nullable(),
  /** every change to the items makes a new version; 0 before the first */
  version: z.number(),
  /** items in the current version */
  itemCount: z.number(),
  archivedAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
})
export type Dataset = z.infer<typeof datasetSchema>

export const MAX_DATASET_ITEMS_PER_REQUEST = 10_000

const itemFields = {
  input: jsonValueSchema,
  expectedOutput: jsonValueSchema.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
}

export const datasetItemInputSchema = z.strictObject({
  /** client-chosen; the same id in a later request replaces the item (in a new version) */
  id: textSchema.min(1).max(256).optional(),
  ...itemFields,
})
export type DatasetItemInput = z.input<typeof datasetItemInputSchema>

export const addDatasetItemsSchema = z
  .strictObject({
    items: z.array(datasetItemInputSchema).max(MAX_DATASET_ITEMS_PER_REQUEST).optional(),
    /** copies traces: input as input, the expected answer (a correction, else the output) as expectedOutput */
    fromTraces: z
      .strictObject({
        traceIds: z.array(z.string().min(1).max(256)).max(MAX_DATASET_ITEMS_PER_REQUEST).optional(),
        filter: traceFilterSchema.optional(),
        limit: z.number().int().min(1).max(MAX_DATASET_ITEMS_PER_REQUEST).default(1000),
      })
      .refine((f) => f.traceIds?.length || f.filter, { message: 'give traceIds or a filter', path: ['traceIds'] })
      .optional(),
  })
  .refine((b) => b.items?.length || b.fromTraces, { message: 'give items or fromTraces', path: ['items'] })
export type AddDatasetItems = z.input<typeof addDatasetItemsSchema>

export const datasetItemPatchSchema = z.strictObject({
  input: jsonValueSchema.optional(),
  expectedOutput: jsonValueSchema.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
})
export type DatasetItemPatch = z.input<typeof datasetItemPatchSchema>

export const datasetItemSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  input: jsonValueSchema,
  expectedOutput: jsonValueSchema.nullable(),
  metadata: z.record(z.string(), jsonValueSchema).nullable(),
  /** the trace it was made from */
  sourceTraceId: z.string().nullable(),
  /** the version that made this content */
  version: z.number(),
  createdAt: isoTimeSchema,
})
export type DatasetItem = z.infer<typeof datasetItemSchema>

export const datasetItemsQuerySchema = z.strictObject({
  /** the items as of this version (default: the current one) */
  version: z.coerce.number<string>().int().min(0).optional(),
  limit: z.coerce.number<string>().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})
