import { z } from 'zod'
import { idSchema, isoTimeSchema, jsonValueSchema, metadataSchema, textSchema } from './common'

export const SCORE_DATA_TYPES = ['numeric', 'boolean', 'categorical', 'text'] as const
export const scoreDataTypeSchema = z.enum(SCORE_DATA_TYPES)
export type ScoreDataType = z.infer<typeof scoreDataTypeSchema>

/** feedback: end users; human: reviewers; api: anything sent with a secret key; eval: evaluators. */
export const SCORE_SOURCES = ['feedback', 'human', 'api', 'eval'] as const
export const scoreSourceSchema = z.enum(SCORE_SOURCES)
/** As sent: `evaluator`, the name before evaluators ran in the server, still reads as `eval`. */
const scoreSourceInputSchema = z.union([scoreSourceSchema, z.literal('evaluator').transform(() => 'eval' as const)])
export type ScoreSource = z.infer<typeof scoreSourceSchema>

export const scoreValueSchema = z.union([z.number().finite(), z.boolean(), textSchema.max(1000)])
export type ScoreValue = z.infer<typeof scoreValueSchema>

export function inferScoreDataType(value: ScoreValue): ScoreDataType {
  if (typeof value === 'number') return 'numeric'
  if (typeof value === 'boolean') return 'boolean'
  return 'categorical'
}

/** A score name; `__proto__` would alias every object's prototype where scores are tallied by name. */
export const scoreNameSchema = textSchema
  .min(1)
  .max(200)
  .refine((n) => n !== '__proto__', '"__proto__" is not a usable score name')

const valueMatches: Record<ScoreDataType, (v: ScoreValue) => boolean> = {
  numeric: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  categorical: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
}

/**
 * A score as sent. Re-sending the same id updates the score: this is how a thumbs toggle works.
 * Without an id the server makes one, so such a score cannot be updated idempotently.
 */
export const scoreInputSchema = z
  .strictObject({
    id: idSchema.optional(),
    traceId: idSchema,
    spanId: idSchema.nullable().optional(),
    name: scoreNameSchema,
    dataType: scoreDataTypeSchema.optional(),
    value: scoreValueSchema,
    comment: textSchema.max(5000).nullable().optional(),
    correction: jsonValueSchema.optional(),
    source: scoreSourceInputSchema.default('api'),
    authorId: textSchema.min(1).max(256).nullable().optional(),
    metadata: metadataSchema.nullable().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.dataType && !valueMatches[s.dataType](s.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `value ${JSON.stringify(s.value)} does not fit dataType ${s.dataType}`,
      })
  })
  .transform((s) => ({ ...s, dataType: s.dataType ?? inferScoreDataType(s.value) }))
export type ScoreInput = z.input<typeof scoreInputSchema>
export type ParsedScoreInput = z.output<typeof scoreInputSchema>

export const scoreSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  traceId: z.string(),
  spanId: z.string().nullable(),
  name: z.string(),
  dataType: scoreDataTypeSchema,
  value: scoreValueSchema,
  comment: z.string().nullable(),
  correction: jsonValueSchema.nullable(),
  source: scoreSourceSchema,
  authorId: z.string().nullable(),
  metadata: z.record(z.string(), jsonValueSchema).nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
})
export type Score = z.infer<typeof scoreSchema>

/**
 * How an end-user feedback value reads: thumbs are booleans (true = up) or numbers where
 * > 0 is positive and <= 0 negative; ratings carry `metadata.scale = { min, max }` and count as
 * positive in the top third and negative in the bottom third. Categorical and text feedback has
 * no polarity.
 */
export function feedbackPolarity(score: { value: ScoreValue; metadata?: Record<string, unknown> | null | undefined }): 1 | -1 | 0 | null {
  const { value } = score
  if (typeof value === 'boolean') return value ? 1 : -1
  if (typeof value !== 'number') return null
  const scale = score.metadata?.scale as { min?: unknown; max?: unknown } | undefined
  if (scale && typeof scale.min === 'number' && typeof scale.max === 'number' && scale.max > scale.min) {
    const at = (value - scale.min) / (scale.max - scale.min)
    return at >= 2 / 3 ? 1 : at <= 1 / 3 ? -1 : 0
  }
  return value > 0 ? 1 : -1
}
