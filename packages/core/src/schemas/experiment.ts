import { z } from 'zod'
import { isoTimeSchema, jsonValueSchema, metadataSchema, textSchema } from './common'
import { scoreNameSchema, scoreValueSchema } from './score'

export const MAX_REPETITIONS = 20

export const experimentInputSchema = z.strictObject({
  name: textSchema.min(1).max(200),
  datasetId: z.string().min(1).max(256),
  /** default: the dataset's current version */
  datasetVersion: z.number().int().min(1).optional(),
  /** what was tried: model, prompt version, … */
  metadata: metadataSchema.nullable().optional(),
  /** evaluators that score every result (switched-off ones too: reference kinds are meant for this) */
  evaluatorIds: z.array(z.string().min(1).max(256)).max(20).default([]),
  repetitions: z.number().int().min(1).max(MAX_REPETITIONS).default(1),
})
export type ExperimentInput = z.input<typeof experimentInputSchema>

export const MAX_RESULTS_PER_REQUEST = 1000

export const experimentResultInputSchema = z.strictObject({
  itemId: z.string().min(1).max(256),
  repetition: z
    .number()
    .int()
    .min(0)
    .max(MAX_REPETITIONS - 1)
    .default(0),
  output: jsonValueSchema.optional(),
  /** the trace of this call; without it the server makes one */
  traceId: z.string().min(1).max(256).optional(),
  latencyMs: z.number().min(0).nullable().optional(),
  cost: z.number().min(0).nullable().optional(),
  /** the task failed: the result counts, and has no output */
  error: textSchema.max(5000).nullable().optional(),
  scores: z
    .array(z.strictObject({ name: scoreNameSchema, value: scoreValueSchema, comment: textSchema.max(5000).nullable().optional() }))
    .max(50)
    .default([]),
})
export type ExperimentResultInput = z.input<typeof experimentResultInputSchema>

export const postResultsSchema = z.strictObject({
  results: z.array(experimentResultInputSchema).min(1, 'give at least one result').max(MAX_RESULTS_PER_REQUEST),
})
export type PostResults = z.input<typeof postResultsSchema>

export const EXPERIMENT_STATUSES = ['running', 'scoring', 'done'] as const
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number]

const statSchema = z.object({ mean: z.number().nullable(), n: z.number() })

export const experimentScoreSummarySchema = z.object({
  name: z.string(),
  mean: z.number().nullable(),
  /** results with this score */
  n: z.number(),
  /** results without it */
  missing: z.number(),
})

export const experimentSchema = z.object({
  id: z.string(),
  name: z.string(),
  datasetId: z.string(),
  datasetVersion: z.number(),
  metadata: z.record(z.string(), jsonValueSchema).nullable(),
  evaluatorIds: z.array(z.string()),
  repetitions: z.number(),
  /** running: results still to come; scoring: evaluators still to run; done */
  status: z.enum(EXPERIMENT_STATUSES),
  /** results received and expected (items × repetitions), errors among them */
  progress: z.object({ results: z.number(), expected: z.number(), errors: z.number(), pendingEvaluations: z.number() }),
  latencyMs: statSchema,
  cost: z.object({ total: z.number(), mean: z.number().nullable() }),
  scores: z.array(experimentScoreSummarySchema),
  createdAt: isoTimeSchema,
})
export type Experiment = z.infer<typeof experimentSchema>

export const experimentResultSchema = z.object({
  itemId: z.string(),
  repetition: z.number(),
  output: jsonValueSchema.nullable(),
  traceId: z.string(),
  latencyMs: z.number().nullable(),
  cost: z.number().nullable(),
  error: z.string().nullable(),
  /** every score on the result's trace, by name */
  scores: z.record(z.string(), z.object({ value: scoreValueSchema, comment: z.string().nullable(), source: z.string() })),
  createdAt: isoTimeSchema,
})
export type ExperimentResult = z.infer<typeof experimentResultSchema>

export const scoreComparisonSchema = z.object({
  name: z.string(),
  base: statSchema,
  candidate: statSchema,
  /** candidate − base, over paired items */
  delta: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  pValue: z.number().nullable(),
  improved: z.number(),
  regressed: z.number(),
  unchanged: z.number(),
  missing: z.object({ base: z.number(), candidate: z.number() }),
  /** a per-item difference within this is run-to-run variation (0 without repetitions) */
  noise: z.number(),
})
export type ScoreComparison = z.infer<typeof scoreComparisonSchema>

export const experimentCompareSchema = z.object({
  base: z.object({ id: z.string(), name: z.string() }),
  candidate: z.object({ id: z.string(), name: z.string() }),
  /** items with results on both sides */
  items: z.number(),
  scores: z.array(scoreComparisonSchema),
  latencyMs: scoreComparisonSchema.omit({ name: true }),
  cost: scoreComparisonSchema.omit({ name: true }),
})
export type ExperimentCompare = z.infer<typeof experimentCompareSchema>

/** One dataset item in a comparison: both sides' outputs (one per repetition) and score means. */
export const compareItemSchema = z.object({
  itemId: z.string(),
  input: jsonValueSchema.nullable(),
  expectedOutput: jsonValueSchema.nullable(),
  base: z
    .object({ outputs: z.array(jsonValueSchema.nullable()), errors: z.array(z.string()), scores: z.record(z.string(), z.number()) })
    .nullable(),
  candidate: z
    .object({ outputs: z.array(jsonValueSchema.nullable()), errors: z.array(z.string()), scores: z.record(z.string(), z.number()) })
    .nullable(),
  /** candidate − base of the chosen score, null when a side lacks it */
  difference: z.number().nullable(),
  /** against the score's noise */
  change: z.enum(['improved', 'regressed', 'unchanged', 'missing']),
})
export type CompareItem = z.infer<typeof compareItemSchema>

export const compareItemsQuerySchema = z.strictObject({
  base: z.string().min(1).max(256),
  candidate: z.string().min(1).max(256),
  /** the score the items are ordered and judged by (default: the first score name) */
  score: z.string().min(1).max(200).optional(),
  change: z.enum(['improved', 'regressed', 'unchanged', 'missing']).optional(),
  limit: z.coerce.number<string>().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})
