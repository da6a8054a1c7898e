import { ingestBatchSchema, ingestResultSchema, scoreInputSchema, spanInputSchema, traceInputSchema } from '@sightline/core'
import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { ingestBatch } from '../services/ingest'
import type { AppDeps } from '../app-deps'

/** The batch's optional array (with its limits) holding items of `item`. */
const itemsOf = (list: z.ZodOptional<z.ZodArray<z.ZodType>>, item: z.ZodType) => {
  const array = list.unwrap()
  return array.clone({ ...array.def, element: item }).optional()
}

const ingest = describe({
  summary: 'Ingest a batch of traces, spans and scores; partial success per item',
  description:
    'Idempotent and order-free: a re-sent span replaces it, a re-sent trace merges, a score re-sent with the same id is updated. A bad item is reported in `rejected` and never blocks the good ones.',
  access: 'write',
  body: ingestBatchSchema,
  // The batch is checked as a whole; each item then by its own schema, so one bad item rejects only itself.
  documentBodyAs: ingestBatchSchema.extend({
    traces: itemsOf(ingestBatchSchema.shape.traces, traceInputSchema),
    spans: itemsOf(ingestBatchSchema.shape.spans, spanInputSchema),
    scores: itemsOf(ingestBatchSchema.shape.scores, scoreInputSchema),
  }),
  response: ingestResultSchema,
})

export function ingestRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().post('/', ingest, async (c) =>
    c.json(await ingestBatch(store, c.get('auth').projectId, await ingest.body(c), now())),
  )
}
