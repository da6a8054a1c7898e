import { z } from 'zod'
import { idSchema, metadataSchema, nestedPast, textSchema } from './common'
import { scoreDataTypeSchema, scoreNameSchema, scoreValueSchema, type ScoreValue } from './score'
import type { ApiIssue } from './errors'

export const FEEDBACK_COMMENT_MAX = 2000
export const FEEDBACK_CORRECTION_MAX = 10_000
export const FEEDBACK_DEFAULT_NAME = 'user_feedback'
/** Feedback metadata: bytes of JSON, top-level keys, and levels of nesting (the object itself is one). */
export const FEEDBACK_METADATA_MAX_BYTES = 4096
export const FEEDBACK_METADATA_MAX_KEYS = 32
export const FEEDBACK_METADATA_MAX_DEPTH = 4
/** A whole feedback request from a browser credential (public key or feedback token). */
export const FEEDBACK_BODY_MAX_BYTES = 32 * 1024

/** End users' metadata (a rating's scale, the page it came from…): small by design, untrusted by default. */
const feedbackMetadataSchema = metadataSchema.superRefine((m, ctx) => {
  const keys = Object.keys(m).length
  if (keys > FEEDBACK_METADATA_MAX_KEYS)
    ctx.addIssue({ code: 'custom', message: `at most ${FEEDBACK_METADATA_MAX_KEYS} keys, got ${keys}` })
  const deep = nestedPast(m, FEEDBACK_METADATA_MAX_DEPTH)
  if (deep) ctx.addIssue({ code: 'custom', path: deep, message: `nested more than ${FEEDBACK_METADATA_MAX_DEPTH} levels deep` })
  else {
    const bytes = new TextEncoder().encode(JSON.stringify(m)).length
    if (bytes > FEEDBACK_METADATA_MAX_BYTES)
      ctx.addIssue({ code: 'custom', message: `at most ${FEEDBACK_METADATA_MAX_BYTES} bytes of JSON, got ${bytes}` })
  }
})

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
    metadata: feedbackMetadataSchema.nullable().optional(),
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
  if (typeof value !== 'number')
    return { path: ['value'], message: `${FEEDBACK_DEFAULT_NAME} takes true or false, or a number rating with metadata.scale` }
  const scale = metadata?.scale as { min?: unknown; max?: unknown } | undefined
  const { min, max } = scale ?? {}
  if (typeof min !== 'number' || typeof max !== 'number' || !(min < max))
    return {
      path: ['metadata', 'scale'],
      message: `a ${FEEDBACK_DEFAULT_NAME} rating carries metadata.scale = { min, max } with min below max`,
    }
  if (value < min || value > max) return { path: ['value'], message: `the rating must lie within its scale, ${min} to ${max}` }
  return null
}

export const feedbackResponseSchema = z.object({ id: z.string(), status: z.enum(['stored', 'retracted']) })
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>
