import { z } from 'zod'
import { isoTimeSchema } from './common'
import { scoreDataTypeSchema, type ScoreValue } from './score'

/** The rubric a reviewer sees for one score name. */
export const scoreConfigSchema = z.object({
  id: z.string(),
  name: z.string(),
  dataType: scoreDataTypeSchema,
  min: z.number().nullable(),
  max: z.number().nullable(),
  step: z.number().nullable(),
  categories: z.array(z.string()).nullable(),
  description: z.string().nullable(),
  /**
   * End users score this name through `POST /api/v1/feedback` (a declared feedback name); reviewers
   * and evaluators do not. Stores always send it; absent means false.
   */
  feedback: z.boolean().optional(),
  /** set once archived; archived configs stay readable but take no new scores */
  archivedAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
})
export type ScoreConfig = z.infer<typeof scoreConfigSchema>

const configFields = {
  description: z.string().max(2000).nullable().optional(),
  min: z.number().finite().nullable().optional(),
  max: z.number().finite().nullable().optional(),
  step: z.number().positive().finite().nullable().optional(),
  categories: z.array(z.string().min(1).max(200)).min(2).max(50).nullable().optional(),
  feedback: z.boolean().optional(),
}

function checkShape(
  c: {
    dataType?: string | undefined
    min?: number | null | undefined
    max?: number | null | undefined
    categories?: string[] | null | undefined
  },
  ctx: z.RefinementCtx,
) {
  if (c.min != null && c.max != null && c.min >= c.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be above min' })
  if (c.dataType === 'categorical' && !c.categories?.length)
    ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a categorical config needs at least two categories' })
  if (c.dataType && c.dataType !== 'categorical' && c.categories?.length)
    ctx.addIssue({ code: 'custom', path: ['categories'], message: 'only categorical configs have categories' })
  if (c.categories && new Set(c.categories).size !== c.categories.length)
    ctx.addIssue({ code: 'custom', path: ['categories'], message: 'categories must be distinct' })
}

/** `POST /api/v1/score-configs` */
export const scoreConfigInputSchema = z
  .strictObject({ name: z.string().min(1).max(200), dataType: scoreDataTypeSchema, ...configFields })
  .superRefine(checkShape)
export type ScoreConfigInput = z.input<typeof scoreConfigInputSchema>

/** `PATCH /api/v1/score-configs/:id`: the name and data type are fixed once created. */
export const scoreConfigPatchSchema = z.strictObject({ ...configFields, archived: z.boolean().optional() })
export type ScoreConfigPatch = z.input<typeof scoreConfigPatchSchema>

/** Why `value` does not fit `config`, or null when it does. */
export function scoreConfigViolation(config: ScoreConfig, value: ScoreValue): string | null {
  switch (config.dataType) {
    case 'numeric':
      if (typeof value !== 'number') return `${config.name} takes a number`
      if (config.min != null && value < config.min) return `${config.name} is at least ${config.min}`
      if (config.max != null && value > config.max) return `${config.name} is at most ${config.max}`
      if (config.step != null) {
        const steps = (value - (config.min ?? 0)) / config.step
        if (Math.abs(steps - Math.round(steps)) > 1e-9) return `${config.name} moves in steps of ${config.step}`
      }
      return null
    case 'boolean':
      return typeof value === 'boolean' ? null : `${config.name} takes true or false`
    case 'categorical':
      return typeof value === 'string' && config.categories?.includes(value)
        ? null
        : `${config.name} is one of ${config.categories?.join(', ')}`
    case 'text':
      return typeof value === 'string' && value.length <= 5000 ? null : `${config.name} takes text of at most 5000 characters`
  }
}
