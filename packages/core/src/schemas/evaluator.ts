import { z } from 'zod'
import { isoTimeSchema, jsonValueSchema, textSchema, timeInputSchema } from './common'
import { traceFilterSchema } from './queue'
import { scoreNameSchema, scoreValueSchema } from './score'

/** What an evaluator scores: the whole trace, or each generation (LLM call) or tool span in it. */
export const EVALUATOR_TARGETS = ['trace', 'generation', 'tool'] as const
export const DEFAULT_EVAL_DELAY_SECONDS = 10

const config = z.record(z.string().max(200), jsonValueSchema)

/**
 * An evaluator as sent. `config` is checked against its kind by the server (each kind documents
 * its own fields); `filter` takes trace-list filter names, as the list endpoint's query does.
 */
export const evaluatorInputSchema = z.strictObject({
  name: textSchema.min(1).max(200),
  kind: z.string().min(1).max(50),
  config: config.default({}),
  /** the score's name; the evaluator's name without it */
  scoreName: scoreNameSchema.optional(),
  target: z.enum(EVALUATOR_TARGETS).default('trace'),
  filter: traceFilterSchema.optional(),
  /** share of matching traces scored, decided by a hash of (evaluator, trace id): it never flips */
  sampleRate: z.number().min(0).max(1).default(1),
  /** quiet time after a trace's last change before it is scored, so the settled trace is seen */
  delaySeconds: z.number().int().min(0).max(86_400).default(DEFAULT_EVAL_DELAY_SECONDS),
  active: z.boolean().default(true),
  /** runs above this in the last hour are skipped (a cost guard for judges) */
  maxRunsPerHour: z.number().int().min(1).max(1_000_000).nullable().optional(),
})
export type EvaluatorInput = z.input<typeof evaluatorInputSchema>

export const evaluatorPatchSchema = z.strictObject({
  name: textSchema.min(1).max(200).optional(),
  config: config.optional(),
  scoreName: scoreNameSchema.nullable().optional(),
  target: z.enum(EVALUATOR_TARGETS).optional(),
  filter: traceFilterSchema.nullable().optional(),
  sampleRate: z.number().min(0).max(1).optional(),
  delaySeconds: z.number().int().min(0).max(86_400).optional(),
  /** `true` also resumes an evaluator the server paused */
  active: z.boolean().optional(),
  maxRunsPerHour: z.number().int().min(1).max(1_000_000).nullable().optional(),
})
export type EvaluatorPatch = z.input<typeof evaluatorPatchSchema>

/** active: scoring; inactive: switched off; paused: stopped by the server (see pausedReason); archived: deleted. */
export const EVALUATOR_STATUSES = ['active', 'inactive', 'paused', 'archived'] as const
export type EvaluatorStatus = (typeof EVALUATOR_STATUSES)[number]

export const evaluatorStatsSchema = z.object({
  done: z.number(),
  errors: z.number(),
  skipped: z.number(),
  pending: z.number(),
  /** median run time of the last 24 h, ms */
  p50DurationMs: z.number().nullable(),
  /** judge cost (USD) over the last 24 h */
  cost24h: z.number(),
  lastRunAt: isoTimeSchema.nullable(),
})
export type EvaluatorStats = z.infer<typeof evaluatorStatsSchema>

export const evaluatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  config: z.record(z.string(), jsonValueSchema),
  scoreName: z.string().nullable(),
  target: z.enum(EVALUATOR_TARGETS),
  filter: traceFilterSchema.nullable(),
  sampleRate: z.number(),
  delaySeconds: z.number(),
  active: z.boolean(),
  maxRunsPerHour: z.number().nullable(),
  status: z.enum(EVALUATOR_STATUSES),
  pausedReason: z.string().nullable(),
  archivedAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** run figures; `GET /evaluators` and `GET /evaluators/:id` include them */
  stats: evaluatorStatsSchema.optional(),
})
export type Evaluator = z.infer<typeof evaluatorSchema>

export const EVAL_RUN_STATUSES = ['pending', 'done', 'error', 'skipped'] as const
export type EvalRunStatus = (typeof EVAL_RUN_STATUSES)[number]

export const evalUsageSchema = z.object({ input: z.number(), output: z.number(), total: z.number() })
export type EvalUsage = z.infer<typeof evalUsageSchema>

export const evalRunSchema = z.object({
  traceId: z.string(),
  spanId: z.string().nullable(),
  status: z.enum(EVAL_RUN_STATUSES),
  scoreId: z.string().nullable(),
  value: scoreValueSchema.nullable(),
  /** why it failed or was skipped */
  error: z.string().nullable(),
  attempts: z.number(),
  durationMs: z.number().nullable(),
  usage: evalUsageSchema.nullable(),
  cost: z.number().nullable(),
  scheduledAt: isoTimeSchema,
  finishedAt: isoTimeSchema.nullable(),
})
export type EvalRun = z.infer<typeof evalRunSchema>

export const evalRunQuerySchema = z.strictObject({
  status: z.enum(EVAL_RUN_STATUSES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})

export const evalResultSchema = z.object({
  value: scoreValueSchema,
  dataType: z.enum(['numeric', 'boolean', 'categorical']),
  comment: z.string().nullable(),
  usage: evalUsageSchema.nullable(),
  cost: z.number().nullable(),
})
export type EvalResult = z.infer<typeof evalResultSchema>

export const evaluatorPreviewSchema = z.strictObject({
  evaluator: evaluatorInputSchema,
  traceId: z.string().min(1).max(256),
  /** a span of the trace, for span targets (the first span of the target's type without it) */
  spanId: z.string().min(1).max(256).optional(),
})
export type EvaluatorPreview = z.input<typeof evaluatorPreviewSchema>

export const evaluatorPreviewResultSchema = evalResultSchema.extend({
  scoreName: z.string(),
  traceId: z.string(),
  spanId: z.string().nullable(),
  durationMs: z.number(),
})
export type EvaluatorPreviewResult = z.infer<typeof evaluatorPreviewResultSchema>

export const MAX_BACKFILL = 100_000
export const backfillSchema = z.strictObject({
  filter: traceFilterSchema.optional(),
  /** trace start times, ISO or epoch ms */
  from: timeInputSchema.optional(),
  to: timeInputSchema.optional(),
  limit: z.number().int().min(1).max(MAX_BACKFILL).default(1000),
})
export type Backfill = z.input<typeof backfillSchema>

export const agreementSchema = z.discriminatedUnion('dataType', [
  z.object({
    dataType: z.enum(['boolean', 'categorical']),
    human: z.string(),
    /** pairs: one per human score on a trace (span) the evaluator scored */
    n: z.number(),
    /** share of pairs with the same label; null without pairs */
    agreement: z.number().nullable(),
    cohenKappa: z.number().nullable(),
    /** rows: the evaluator's label, columns: the human's */
    confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  }),
  z.object({
    dataType: z.literal('numeric'),
    human: z.string(),
    n: z.number(),
    pearson: z.number().nullable(),
    spearman: z.number().nullable(),
    mae: z.number().nullable(),
  }),
])
export type Agreement = z.infer<typeof agreementSchema>

/** A kind's config field, so a form can be built without knowing the kind. */
export const evaluatorFieldSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'text', 'number', 'boolean', 'enum', 'string-list', 'json']),
  label: z.string(),
  description: z.string().optional(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  default: jsonValueSchema.optional(),
})
export type EvaluatorField = z.infer<typeof evaluatorFieldSchema>

export const evaluatorKindSchema = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string(),
  /** the score it writes; `config.output.dataType` decides it for judges */
  dataType: z.enum(['numeric', 'boolean', 'categorical']),
  /** needs an expected output (experiments, or a trace's end-user correction) */
  needsExpected: z.boolean(),
  fields: z.array(evaluatorFieldSchema),
})
export type EvaluatorKind = z.infer<typeof evaluatorKindSchema>
