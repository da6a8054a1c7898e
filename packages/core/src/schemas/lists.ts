import { z } from 'zod'
import { scoreSchema } from './score'
import { spanSchema } from './span'
import { traceSchema, traceSummarySchema } from './trace'

/**
 * `GET /traces/:id?fields=skeleton` sends span skeletons as rows of these columns, not objects:
 * a 50,000-span trace is then a third of the bytes, and the database writes the rows itself.
 * Times are epoch ms; usage is [input, output, total, cacheRead, cacheWrite, reasoning] or null;
 * cost is [input, output, total, source] or null.
 */
export const SKELETON_SPAN_COLUMNS = [
  'id',
  'parentId',
  'name',
  'type',
  'startTime',
  'endTime',
  'completionStartTime',
  'model',
  'provider',
  'usage',
  'cost',
  'status',
  'statusMessage',
  'inputSize',
  'outputSize',
] as const
export type SkeletonSpanColumn = (typeof SKELETON_SPAN_COLUMNS)[number]

export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() })
export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export const traceListSchema = page(traceSummarySchema)

/** The trace fields whose values `GET /api/v1/traces/values` suggests. */
export const TRACE_VALUE_FIELDS = ['name', 'environment', 'release', 'version', 'model', 'userId', 'sessionId', 'tag'] as const
export type TraceValueField = (typeof TRACE_VALUE_FIELDS)[number]

export const traceValuesQuerySchema = z.strictObject({
  field: z.enum(TRACE_VALUE_FIELDS),
  q: z.string().max(200).optional().describe('values starting with this text (any case)'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type TraceValuesQuery = z.input<typeof traceValuesQuerySchema>

/** Values seen among the most recent traces the credential may read, the most frequent first. */
export const traceValuesSchema = z.object({
  field: z.enum(TRACE_VALUE_FIELDS),
  values: z.array(z.object({ value: z.string(), count: z.number().int().describe('traces among the most recent 5,000') })),
})
export type TraceValues = z.infer<typeof traceValuesSchema>

export const traceDetailSchema = z.object({
  trace: traceSchema,
  spans: z.array(spanSchema),
  scores: z.array(scoreSchema),
})
export type TraceDetail = z.infer<typeof traceDetailSchema>

const ms = z.number().describe('epoch ms')

/**
 * A span without its payloads (input, output, attributes, model parameters), with their sizes.
 * Its times stay epoch ms as they travel: a 50,000-span tree sorts and draws numbers.
 */
export const spanSkeletonSchema = spanSchema.omit({ input: true, output: true, attributes: true, modelParameters: true }).extend({
  startTime: ms,
  endTime: ms.nullable(),
  completionStartTime: ms.nullable(),
  inputSize: z.number().describe('bytes of JSON'),
  outputSize: z.number().describe('bytes of JSON'),
})
export type SpanSkeleton = z.infer<typeof spanSkeletonSchema>

/** `GET /traces/:id?fields=skeleton`: the whole tree of a huge trace, payloads fetched span by span. */
export const traceSkeletonSchema = z.object({
  trace: traceSummarySchema,
  spans: z.array(spanSkeletonSchema),
  scores: z.array(scoreSchema),
})
export type TraceSkeleton = z.infer<typeof traceSkeletonSchema>

const cell = z.number().nullable()
/** Each cell of a skeleton row by its column: the row schema below is laid out in SKELETON_SPAN_COLUMNS order. */
const SKELETON_CELLS = {
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  type: spanSchema.shape.type,
  startTime: ms,
  endTime: ms.nullable(),
  completionStartTime: ms.nullable(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  usage: z.tuple([cell, cell, cell, cell, cell, cell]).nullable().describe('input, output, total, cacheRead, cacheWrite, reasoning'),
  cost: z
    .tuple([cell, cell, cell, z.enum(['provided', 'computed'])])
    .nullable()
    .describe('input, output, total, source'),
  status: spanSchema.shape.status,
  statusMessage: z.string().nullable(),
  inputSize: z.number(),
  outputSize: z.number(),
} satisfies Record<SkeletonSpanColumn, z.ZodType>
type CellsOf<C extends readonly SkeletonSpanColumn[]> = { -readonly [I in keyof C]: (typeof SKELETON_CELLS)[C[I]] }

/** What `?fields=skeleton` sends: the spans as rows (see SKELETON_SPAN_COLUMNS), decoded by the client. */
export const traceSkeletonWireSchema = z.object({
  trace: traceSummarySchema,
  scores: z.array(scoreSchema),
  columns: z.array(z.string()).describe(`cell names of each span row: ${SKELETON_SPAN_COLUMNS.join(', ')}`),
  // `map` loses the tuple type; CellsOf gives it back, cell by cell, for the inferred row type.
  spans: z.array(
    z.tuple(SKELETON_SPAN_COLUMNS.map((column) => SKELETON_CELLS[column]) as unknown as CellsOf<typeof SKELETON_SPAN_COLUMNS>),
  ),
})

export const sessionSchema = z.object({
  id: z.string(),
  traceCount: z.number(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  userIds: z.array(z.string()),
  totalTokens: z.number(),
  cost: z.number().nullable(),
  errorCount: z.number(),
})
export type Session = z.infer<typeof sessionSchema>

export const sessionDetailSchema = z.object({
  session: sessionSchema,
  traces: z.array(traceSchema),
  scores: z.array(scoreSchema),
})
export type SessionDetail = z.infer<typeof sessionDetailSchema>

export const scoreListSchema = page(scoreSchema)

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.string(),
  /**
   * The request's Origin and whether the server allows it (CORS, public keys), with what to change
   * when it does not; null without an Origin header. Health is readable from every origin, so a
   * page can learn why its other calls fail.
   */
  origin: z.object({ value: z.string(), allowed: z.boolean(), message: z.string().optional() }).nullable(),
})
export type Health = z.infer<typeof healthSchema>
