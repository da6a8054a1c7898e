import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { type Access, requireAccess } from '../auth/middleware'
import { jsonBody, parseWith, readJson } from '../validation'

/**
 * Who may call a route: nobody in particular (`none`), the secret key (`write`), a reader (the
 * secret key or a view/annotate token; `read-all`: not a token narrowed by fixed filters), or a
 * browser's feedback credential (`feedback`: public key or feedback token, the secret key too).
 */
export type RouteAccess = Access | 'none' | 'feedback'

/** A query parameter a zod object cannot name: the `metadata.<key>` and `score.<name>` patterns. */
export interface ParamDoc {
  name: string
  description: string
}

/** A body or answer that is not JSON described by a zod schema (OTLP protobuf, the docs page). */
export type RawContent = Record<string, { schema: Record<string, unknown> }>

export type SuccessStatus = 200 | 201 | 202 | 204

export interface RouteDoc {
  summary: string
  description?: string
  access: RouteAccess
  /** the query parameters, as the route validates them */
  query?: z.ZodObject
  /** query parameters beyond `query`'s fields, in words */
  params?: ParamDoc[]
  /** the JSON body, as the route validates it */
  body?: z.ZodType
  /** the body may be left out (read as `{}`) */
  bodyOptional?: boolean
  /** the body as documented, where the route checks parts of it one by one (ingest's items) */
  documentBodyAs?: z.ZodType
  /** request bodies that are not (only) JSON */
  bodyContent?: RawContent
  /** the success answer's JSON */
  response?: z.ZodType
  /** success answers that are not JSON */
  responseContent?: RawContent
  /** the success status (default 200; 204 has no body) */
  status?: SuccessStatus
  /** a second success answer: 204 and what it means */
  noContent?: string
  /** error statuses beyond the ones access, parameters and bodies imply */
  errors?: number[]
}

/** A route's middleware that carries its description and validates with the described schemas. */
export interface DescribedRoute<Q extends z.ZodObject, B extends z.ZodType> extends MiddlewareHandler<AppEnv> {
  readonly doc: RouteDoc
  /** the query parameters, validated by `doc.query` (issue paths under `prefix`) */
  query(c: Context, prefix?: string[]): z.output<Q>
  /** the JSON body, validated by `doc.body` */
  body(c: Context): Promise<z.output<B>>
}

const DESCRIBED = new WeakMap<object, RouteDoc>()

const pass: MiddlewareHandler<AppEnv> = (_c, next) => next()

/**
 * Declares a route where it is mounted: `.post('/', create, handler)` with
 * `const create = describe({ summary, access: 'write', body: inputSchema, response: outputSchema })`.
 * It checks the access, and the handler reads its input through it (`create.body(c)`), so the
 * OpenAPI document is built from the same schemas that validate requests.
 */
export function describe<Q extends z.ZodObject = z.ZodObject<Record<string, never>>, B extends z.ZodType = z.ZodNever>(
  doc: RouteDoc & { query?: Q; body?: B },
): DescribedRoute<Q, B> {
  const check = doc.access === 'none' || doc.access === 'feedback' ? pass : requireAccess(doc.access)
  const route: MiddlewareHandler<AppEnv> = (c, next) => check(c, next)
  const described = Object.assign(route, {
    doc,
    query(c: Context, prefix: string[] = []): z.output<Q> {
      if (!doc.query) throw new Error(`${doc.summary}: no query schema described`)
      return parseWith(doc.query, c.req.query(), prefix) as z.output<Q>
    },
    async body(c: Context): Promise<z.output<B>> {
      if (!doc.body) throw new Error(`${doc.summary}: no body schema described`)
      if (doc.bodyOptional) return parseWith(doc.body, (await readJson(c, { optional: true })) ?? {}) as z.output<B>
      return (await jsonBody(c, doc.body)) as z.output<B>
    },
  })
  DESCRIBED.set(described, doc)
  return described
}

/** Hono wraps a sub-app's handlers when the sub-app has an error handler of its own. */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER'

/** The description a registered handler carries, if it is a described route. */
export function docOf(handler: unknown): RouteDoc | undefined {
  let h = handler as Record<string, unknown> | undefined
  while (h && typeof h === 'function') {
    const doc = DESCRIBED.get(h)
    if (doc) return doc
    h = h[COMPOSED_HANDLER] as Record<string, unknown> | undefined
  }
  return undefined
}
