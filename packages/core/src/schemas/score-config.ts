import { z } from 'zod'
import { scoreDataTypeSchema } from './score'

/** The rubric a reviewer sees for one score name. */
export const scoreConfigSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  dataType: scoreDataTypeSchema,
  min: z.number().nullable(),
  max: z.number().nullable(),
  categories: z.array(z.string()).nullable(),
  description: z.string().nullable(),
})
export type ScoreConfig = z.infer<typeof scoreConfigSchema>
