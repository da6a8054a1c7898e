import { z } from 'zod'
import { idSchema, metadataSchema, textSchema } from './common'
import { scoreDataTypeSchema, scoreNameSchema, scoreValueSchema, type ScoreValue } from './score'
import type { ApiIssue } from './errors'

export const FEEDBACK_COMMENT_MAX = 2000
export const FEEDBACK_CORRECTION_MAX = 10_000
export const FEEDBACK_DEFAULT_NAME = 'user_feedback'

/**
 * `POST /api/v1/feedback` from end-user browsers. `id` is chosen by the client and stable per
 * (trace, name, end user), so re-sending it updates one score (a toggle) and `retract: true`
 * deletes it. The server always stores these with `source = feedback`.
 */
export const feedbackRequestSchema = z
  .strictObject({
    id: idSchema,
    traceId: idSchema,
    spanId: idSchema.nullable().optional(),
    name: scoreNameSchema.default(FEEDBACK_DEFAULT_NAME),
    value: scoreValueSchema.optional(),
    dataType: scoreDataTypeSchema.optional(),
    comment: textSchema.max(FEEDBACK_COMMENT_MAX).nullable().optional(),
    correction: z.string().max(FEEDBACK_CORRECTION_MAX).nullable().optional(),
    reasons: z.array(textSchema.min(1).max(200)).max(20).optional(),
    /** the end user's id in the host app, when it has one */
    authorId: textSchema.min(1).max(256).nullable().optional(),
    metadata: metadataSchema.nullable().optional(),
    retract: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    if (!f.retract && f.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'value is required unless retract is true' })
  })
export type FeedbackRequest = z.input<typeof feedbackRequestSchema>

/**
 * Why a value does not fit the built-in `user_feedback`, or null: a thumb is a boolean; a rating
 * is a number that carries its `metadata.scale = { min, max }` and lies within it.
 */
export function userFeedbackIssue(value: ScoreValue, metadata: Record<string, unknown> | null | undefined): ApiIssue | null {
  if (typeof value === 'boolean') return null
  if (typeof value !== 'number') return { path: ['value'], message: `${FEEDBACK_DEFAULT_NAME} takes true or false, or a number rating with metadata.scale` }
  const scale = metadata?.scale as { min?: unknown; max?: unknown } | undefined
  const { min, max } = scale ?? {}
  if (typeof min !== 'number' || typeof max !== 'number' || !(min < max))
    return { path: ['metadata', 'scale'], message: `a ${FEEDBACK_DEFAULT_NAME} rating carries metadata.scale = { min, max } with min below max` }
  if (value < min || value > max) return { path: ['value'], message: `the rating must lie within its scale, ${min} to ${max}` }
  return null
}

export const feedbackResponseSchema = z.object({ id: z.string(), status: z.enum(['stored', 'retracted']) })
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>
