import { z } from 'zod'
import { idSchema, metadataSchema, textSchema } from './common'
import { scoreDataTypeSchema, scoreNameSchema, scoreValueSchema } from './score'

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

export const feedbackResponseSchema = z.object({ id: z.string(), status: z.enum(['stored', 'retracted']) })
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>
