import {
  parseTraceListQuery,
  SKELETON_SPAN_COLUMNS,
  sessionDetailSchema,
  spanSchema,
  traceDetailSchema,
  traceListParamsSchema,
  traceListSchema,
  traceSkeletonWireSchema,
  traceValuesQuerySchema,
  traceValuesSchema,
} from '@sightline/core'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { TRACE_LIST_PATTERNS } from '../openapi/trace-params'
import type { AppDeps } from '../app-deps'
import { notFound } from '../http-errors'
import { readerScope } from '../services/reader-scope'
import { invalidInput, invalidQuery } from '../validation'

const COLUMNS = JSON.stringify(SKELETON_SPAN_COLUMNS)

const list = describe({
  summary: 'List traces: filters, sort and a keyset cursor',
  description: 'Unknown parameters are errors, so a typo never silently widens a query.',
  access: 'read',
  // parseTraceListQuery validates these, plus the patterns below.
  query: traceListParamsSchema,
  params: TRACE_LIST_PATTERNS,
  response: traceListSchema,
})
const detailQuery = z.object({
  fields: z
    .literal('skeleton')
    .optional()
    .describe('"skeleton": span rows (named by `columns`) without input, output, attributes and model parameters'),
})
const detail = describe({
  summary: 'A trace with its spans and scores; `fields=skeleton` answers compact span rows without payloads (the second shape)',
  access: 'read',
  query: detailQuery,
  response: z.union([traceDetailSchema, traceSkeletonWireSchema]),
})
const values = describe({
  summary: 'Values of a trace field for filter suggestions, the most frequent first',
  description:
    'Counted among the most recent 5,000 traces the credential may read (a view token sees only its own); `q` keeps values that start with it, in any case.',
  access: 'read',
  query: traceValuesQuerySchema,
  response: traceValuesSchema,
})
const span = describe({ summary: 'One span in full', access: 'read', response: spanSchema })
const session = describe({ summary: 'The traces of one session (a conversation)', access: 'read', response: sessionDetailSchema })

export function traceRoutes({ store }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', list, async (c) => {
      const parsed = parseTraceListQuery(new URL(c.req.url).searchParams)
      if (!parsed.success) throw invalidQuery(parsed.issues)
      const auth = c.get('auth')
      return c.json(await store.listTraces(auth.projectId, readerScope(auth, store).narrow(parsed.data)))
    })
    .get('/values', values, async (c) => {
      const { field, q, limit } = values.query(c)
      const auth = c.get('auth')
      const scope = readerScope(auth, store).narrow({})
      return c.json({ field, values: await store.traceValues(auth.projectId, field, scope, { q, limit }) })
    })
    .get('/:id', detail, async (c) => {
      const auth = c.get('auth')
      const fields = c.req.query('fields')
      if (!detailQuery.safeParse(c.req.query()).success)
        throw invalidInput([{ path: ['fields'], message: 'expected "skeleton"' }], 'fields must be "skeleton" or left out')
      if (fields) {
        const skeleton = await store.getTraceSkeleton(auth.projectId, c.req.param('id'))
        if (!skeleton || !readerScope(auth, store).sees(skeleton.trace)) throw notFound('trace')
        // The span rows arrive as JSON text from the database and are sent as they are.
        const { trace, scores, spanRows } = skeleton
        c.header('content-type', 'application/json')
        return c.body(`{"trace":${JSON.stringify(trace)},"scores":${JSON.stringify(scores)},"columns":${COLUMNS},"spans":${spanRows}}`)
      }
      const detail = await store.getTrace(auth.projectId, c.req.param('id'))
      if (!detail || !readerScope(auth, store).sees(detail.trace)) throw notFound('trace')
      return c.json(detail)
    })
    .get('/:id/spans/:spanId', span, async (c) => {
      const auth = c.get('auth')
      const { id, spanId } = c.req.param()
      // The trace decides what a view token may see; its spans follow it.
      if (!(await readerScope(auth, store).seesTrace(id))) throw notFound('trace')
      const span = await store.getSpan(auth.projectId, id, spanId)
      if (!span) throw notFound('span')
      return c.json(span)
    })
}

export function sessionRoutes({ store }: AppDeps) {
  return new Hono<AppEnv>().get('/:id', session, async (c) => {
    const auth = c.get('auth')
    const detail = await store.getSession(auth.projectId, c.req.param('id'), readerScope(auth, store).filters)
    if (!detail) throw notFound('session')
    return c.json(detail)
  })
}
