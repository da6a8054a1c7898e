import { z } from 'zod'
import { SCORE_SOURCES } from '../schemas/score'
import { MAX_PAGE_SIZE } from './trace-query'

/** `GET /api/v1/scores` parameters: the route validates with it and the OpenAPI document describes it. */
export const scoreListQuerySchema = z.strictObject({
  /** repeat it for several traces (a table page's scores in one request) */
  traceId: z.array(z.string().min(1).max(256)).max(MAX_PAGE_SIZE).optional(),
  name: z.string().min(1).max(200).optional(),
  source: z.enum(SCORE_SOURCES).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})
