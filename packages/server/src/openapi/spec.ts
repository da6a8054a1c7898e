import {
  agreementSchema,
  backfillSchema,
  evalRunQuerySchema,
  evalRunSchema,
  evaluatorInputSchema,
  evaluatorKindSchema,
  evaluatorPatchSchema,
  evaluatorPreviewResultSchema,
  evaluatorPreviewSchema,
  evaluatorSchema,
  page,
  apiErrorSchema,
  feedbackRequestSchema,
  feedbackResponseSchema,
  healthSchema,
  ingestResultSchema,
  scoreInputSchema,
  scoreListQuerySchema,
  scoreListSchema,
  scoreSchema,
  sessionDetailSchema,
  spanSchema,
  spanInputSchema,
  tokenRequestSchema,
  tokenResponseSchema,
  TRACE_LIST_PARAM_NAMES,
  traceDetailSchema,
  traceInputSchema,
  traceListSchema,
  traceSkeletonWireSchema,
} from '@sightline/core'
import { z } from 'zod'

type Auth = 'none' | 'secret' | 'read' | 'browser'
interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete'
  path: string
  summary: string
  auth: Auth
  body?: z.ZodType
  response?: z.ZodType
  status?: number
  query?: { name: string; description?: string }[]
  pathParams?: string[]
}

const traceListParams = [
  ...TRACE_LIST_PARAM_NAMES.map((name) => ({ name })),
  { name: 'metadata.{key}', description: 'metadata key equals value (as text)' },
  { name: 'score.{name}', description: 'a score with this name: exact value, or min..max' },
]

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness and storage backend', auth: 'none', response: healthSchema },
  {
    method: 'post',
    path: '/api/v1/ingest',
    summary: 'Ingest a batch of traces, spans and scores; partial success per item',
    auth: 'secret',
    body: z.object({
      traces: z.array(traceInputSchema).optional(),
      spans: z.array(spanInputSchema).optional(),
      scores: z.array(scoreInputSchema).optional(),
    }),
    response: ingestResultSchema,
  },
  { method: 'get', path: '/api/v1/traces', summary: 'List traces', auth: 'read', query: traceListParams, response: traceListSchema },
  {
    method: 'get',
    path: '/api/v1/traces/{id}',
    summary: 'A trace with its spans and scores; fields=skeleton sends span rows without payloads (the second shape)',
    auth: 'read',
    pathParams: ['id'],
    query: [{ name: 'fields', description: '"skeleton": span rows (see columns) without input, output, attributes and model parameters' }],
    response: z.union([traceDetailSchema, traceSkeletonWireSchema]),
  },
  {
    method: 'get',
    path: '/api/v1/traces/{id}/spans/{spanId}',
    summary: 'One span in full',
    auth: 'read',
    pathParams: ['id', 'spanId'],
    response: spanSchema,
  },
  {
    method: 'get',
    path: '/api/v1/sessions/{id}',
    summary: 'The traces of one session',
    auth: 'read',
    pathParams: ['id'],
    response: sessionDetailSchema,
  },
  {
    method: 'get',
    path: '/api/v1/scores',
    summary: 'List scores, newest first',
    auth: 'read',
    query: Object.keys(scoreListQuerySchema.shape).map((name) => ({
      name,
      ...(name === 'traceId' && { description: 'repeat for several traces' }),
    })),
    response: scoreListSchema,
  },
  {
    method: 'post',
    path: '/api/v1/scores',
    summary: 'Create or update (same id) a score',
    auth: 'secret',
    body: scoreInputSchema,
    response: scoreSchema,
  },
  { method: 'delete', path: '/api/v1/scores/{id}', summary: 'Delete a score', auth: 'secret', pathParams: ['id'], status: 204 },
  {
    method: 'post',
    path: '/api/v1/feedback',
    summary: 'End-user feedback from browsers; the same id updates, retract deletes',
    auth: 'browser',
    body: feedbackRequestSchema,
    response: feedbackResponseSchema,
    query: [{ name: 'key', description: 'public key or feedback token, where headers cannot be set (sendBeacon)' }],
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Mint a short-lived browser token',
    auth: 'secret',
    body: tokenRequestSchema,
    response: tokenResponseSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/evaluators/kinds',
    summary: 'Every evaluator kind with its config fields',
    auth: 'read',
    response: z.object({ data: z.array(evaluatorKindSchema) }),
  },
  {
    method: 'get',
    path: '/api/v1/evaluators',
    summary: 'List evaluators',
    auth: 'read',
    response: z.object({ data: z.array(evaluatorSchema) }),
  },
  {
    method: 'post',
    path: '/api/v1/evaluators',
    summary: 'Create an evaluator; it scores matching traces from now on',
    auth: 'secret',
    body: evaluatorInputSchema,
    response: evaluatorSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/evaluators/preview',
    summary: 'Run an unsaved evaluator on one trace; stores nothing (502 when a judge fails)',
    auth: 'secret',
    body: evaluatorPreviewSchema,
    response: evaluatorPreviewResultSchema,
  },
  {
    method: 'get',
    path: '/api/v1/evaluators/{id}',
    summary: 'An evaluator with its stats',
    auth: 'read',
    pathParams: ['id'],
    response: evaluatorSchema,
  },
  {
    method: 'patch',
    path: '/api/v1/evaluators/{id}',
    summary: 'Change an evaluator; active: true also resumes a paused one',
    auth: 'secret',
    pathParams: ['id'],
    body: evaluatorPatchSchema,
    response: evaluatorSchema,
  },
  {
    method: 'delete',
    path: '/api/v1/evaluators/{id}',
    summary: 'Archive an evaluator; its scores stay',
    auth: 'secret',
    pathParams: ['id'],
    response: evaluatorSchema,
  },
  {
    method: 'get',
    path: '/api/v1/evaluators/{id}/runs',
    summary: 'The run log, newest first',
    auth: 'read',
    pathParams: ['id'],
    query: Object.keys(evalRunQuerySchema.shape).map((name) => ({ name })),
    response: page(evalRunSchema),
  },
  {
    method: 'post',
    path: '/api/v1/evaluators/{id}/backfill',
    summary: 'Score past traces that match (the evaluator’s filter and sample, narrowed by the body)',
    auth: 'secret',
    pathParams: ['id'],
    body: backfillSchema,
    response: z.object({ queued: z.number() }),
    status: 202,
  },
  {
    method: 'get',
    path: '/api/v1/evaluators/{id}/agreement',
    summary: 'The evaluator’s scores against reviewers’ scores of one name',
    auth: 'read',
    pathParams: ['id'],
    query: [{ name: 'human', description: 'the name of the human (source "human") score to compare with' }],
    response: agreementSchema,
  },
]

const schema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>

/** The OpenAPI document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of ROUTES) {
    const parameters = [
      ...(r.pathParams ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ?? []).map((q) => ({
        name: q.name,
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description: q.description,
      })),
    ]
    const error = { description: 'error', content: { 'application/json': { schema: schema(apiErrorSchema, 'output') } } }
    paths[r.path] = {
      ...paths[r.path],
      [r.method]: {
        summary: r.summary,
        ...(r.auth === 'none' ? { security: [] } : {}),
        ...(r.auth === 'read' ? { description: 'secret key, or a view/annotate token' } : {}),
        ...(r.auth === 'browser' ? { description: 'public key (allowed origins, rate limited: 429 + Retry-After) or feedback token' } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
        responses: {
          [String(r.status ?? 200)]: r.response
            ? { description: 'ok', content: { 'application/json': { schema: schema(r.response, 'output') } } }
            : { description: 'no content' },
          ...(r.auth === 'none' ? {} : { '400': error, '401': error, '403': error }),
        },
      },
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Sightline API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  }
}
