import { apiErrorSchema } from '@sightline/core'
import type { RouterRoute } from 'hono/types'
import { z } from 'zod'
import { docOf, type RouteAccess, type RouteDoc } from './describe'

type Json = Record<string, unknown>

const jsonSchema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Json

/** Middleware registered with `use` has no method of its own: it is no endpoint. */
const isEndpoint = (r: RouterRoute) => r.method !== 'ALL'

/** Hono's `/traces/:id` as OpenAPI's `/traces/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}')
const pathParams = (path: string) => [...openApiPath(path).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)

/** Every endpoint (`METHOD /path`) the app mounts without a description: the document would leave it out. */
export function undocumentedRoutes(routes: readonly RouterRoute[]): string[] {
  const documented = new Set(routes.filter((r) => docOf(r.handler)).map((r) => `${r.method} ${r.path}`))
  const missing = routes.filter(isEndpoint).map((r) => `${r.method} ${r.path}`)
  return [...new Set(missing)].filter((r) => !documented.has(r))
}

const SECURITY_SCHEMES = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    description: "The project's secret key (`sk-sl-…`): everything in its project. For servers only.",
  },
  publicKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A public key (`pk-sl-…`): end-user feedback (source `feedback` scores) from pages on allowed origins, rate limited. Safe to expose to browsers.',
  },
  token: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A signed, expiring token (`slt_…`) minted with `POST /api/v1/tokens`: a feedback token scores the traces and names it names; a view token reads the project (narrowed by its fixed filters); an annotate token also reviews in its queues as its reviewer.',
  },
  keyQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description:
      'A public key or feedback token in the URL, where headers cannot be set (`navigator.sendBeacon`). Taken by `POST /api/v1/feedback` only.',
  },
} as const

const SECURITY: Record<RouteAccess, { security: Json[]; note?: string }> = {
  none: { security: [] },
  write: { security: [{ secretKey: [] }], note: 'Needs the secret key.' },
  read: {
    security: [{ secretKey: [] }, { token: [] }],
    note: 'The secret key, or a view or annotate token (its fixed filters narrow what it sees).',
  },
  'read-all': {
    security: [{ secretKey: [] }, { token: [] }],
    note: 'The secret key, or a view or annotate token without fixed filters: this is project-wide data.',
  },
  feedback: {
    security: [{ publicKey: [] }, { token: [] }, { keyQuery: [] }, { secretKey: [] }],
    note: 'A public key (from allowed origins) or a feedback token, in the Authorization header or as `?key=`; the secret key too.',
  },
}

const ERRORS: Record<number, string> = {
  400: 'Invalid input: JSON, fields or parameters (`issues` names each offending field)',
  401: 'Missing, unknown, tampered or expired credential',
  403: 'The credential may not do this',
  404: 'Not found',
  409: 'Conflict: a taken name, a lost lease, a closed queue',
  413: 'The body is over the size limit',
  415: 'The body is not of a supported content type',
  429: 'Rate limited; see Retry-After',
  502: 'A service the server called (an LLM judge) failed',
  503: 'Busy; retry after Retry-After',
}

/** The error statuses a route's access, parameters and body imply, and the ones it names. */
function errorStatuses(path: string, doc: RouteDoc): number[] {
  const codes = new Set(doc.errors)
  if (doc.access !== 'none') for (const c of [401, 403]) codes.add(c)
  if (doc.query || doc.params || doc.body || doc.bodyContent) codes.add(400)
  if (doc.body || doc.bodyContent) for (const c of [413, 415]) codes.add(c)
  if (pathParams(path).length) codes.add(404)
  if (doc.access === 'feedback') codes.add(429)
  return [...codes].sort()
}

function parameters(path: string, doc: RouteDoc): Json[] {
  const described = new Map(doc.params?.map((p) => [p.name, p.description]))
  const query = doc.query ? jsonSchema(doc.query, 'input') : undefined
  const props = (query?.properties ?? {}) as Record<string, Json>
  const required = new Set((query?.required ?? []) as string[])
  return [
    ...pathParams(path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(props).map(([name, schema]) => {
      const { description = described.get(name), ...rest } = schema
      return {
        name,
        in: 'query',
        required: required.has(name),
        schema: rest,
        ...(description ? { description } : {}),
        // Repeated (`?tag=a&tag=b`), as the routes read them.
        ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
      }
    }),
  ]
}

/** Parameter patterns a zod object cannot name, in words, after the route's own description. */
function description(doc: RouteDoc): string | undefined {
  const names = new Set(Object.keys(doc.query?.shape ?? {}))
  const patterns = (doc.params ?? []).filter((p) => !names.has(p.name)).map((p) => `- \`${p.name}\`: ${p.description}`)
  const parts = [
    doc.description,
    SECURITY[doc.access].note,
    patterns.length ? `More query parameters:\n\n${patterns.join('\n')}` : undefined,
  ]
  const text = parts.filter(Boolean).join('\n\n')
  return text || undefined
}

function requestBody(doc: RouteDoc): Json | undefined {
  const body = doc.documentBodyAs ?? doc.body
  const content: Json = { ...(body && { 'application/json': { schema: jsonSchema(body, 'input') } }), ...doc.bodyContent }
  if (!Object.keys(content).length) return undefined
  return { required: !doc.bodyOptional, content }
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
})

function responses(path: string, doc: RouteDoc): Json {
  const status = doc.status ?? 200
  const content: Json = {
    ...(doc.response && { 'application/json': { schema: jsonSchema(doc.response, 'output') } }),
    ...doc.responseContent,
  }
  return {
    [status]: status === 204 || !Object.keys(content).length ? { description: 'No content' } : { description: 'OK', content },
    ...(doc.noContent && { 204: { description: doc.noContent } }),
    ...Object.fromEntries(errorStatuses(path, doc).map((code) => [code, errorResponse(ERRORS[code] ?? 'Error')])),
  }
}

/** `GET /api/v1/traces/{id}` → `getTracesById`: stable names for generated clients. */
function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s && s !== 'api' && s !== 'v1')
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, -1)}` : s))
    .flatMap((s) => s.split(/[-_.]/))
  return [method.toLowerCase(), ...words].map((w, i) => (i ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('')
}

/** The resource a path belongs to, to group operations. */
function tag(path: string): string {
  if (path === '/v1/traces' || path.startsWith('/api/v1/otel/')) return 'otlp'
  return /^\/api\/v1\/([^/]+)/.exec(path)?.[1] ?? 'server'
}

/**
 * The OpenAPI document of an app, built from the descriptions its routes carry (see `describe`):
 * method and path as Hono mounted them, schemas as the routes validate with.
 */
export function buildOpenApi(routes: readonly RouterRoute[], version: string) {
  const paths: Record<string, Record<string, Json>> = {}
  for (const r of routes) {
    const doc = docOf(r.handler)
    if (!doc || !isEndpoint(r)) continue
    const path = openApiPath(r.path)
    const method = r.method.toLowerCase()
    const body = requestBody(doc)
    const params = parameters(path, doc)
    const text = description(doc)
    paths[path] = {
      ...paths[path],
      [method]: {
        operationId: operationId(method, path),
        tags: [tag(path)],
        summary: doc.summary,
        ...(text && { description: text }),
        security: SECURITY[doc.access].security,
        ...(params.length && { parameters: params }),
        ...(body && { requestBody: body }),
        responses: responses(path, doc),
      },
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sightline API',
      version,
      description:
        'Traces, scores, metrics, annotation queues, evaluators, datasets, experiments and monitors. Every error is `{ "error": { "code", "message", "issues"? } }`.',
    },
    tags: [...new Set(Object.keys(paths).map(tag))].map((name) => ({ name })),
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { ApiError: jsonSchema(apiErrorSchema, 'output') } },
    paths,
  }
}
