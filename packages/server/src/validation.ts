import { type ApiIssue, describeIssues, nestedPast, toApiIssues } from '@sightline/core'
import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { ApiHttpError } from './http-errors'

/** The one validation hook: a zod failure becomes a 400 naming each offending field's path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw invalidInput(toApiIssues(result.error, prefix))
}

/** Every 400 for invalid input: the issues name each offending field; the message lists them unless given. */
export const invalidInput = (issues: ApiIssue[], message = `invalid request: ${describeIssues(issues)}`) =>
  new ApiHttpError(400, 'validation_failed', message, issues)

/** A 400 for one field. */
export const invalid = (path: (string | number)[], message: string) => invalidInput([{ path, message }])

/** A 400 for query parameters a core parser refused. */
export const invalidQuery = (issues: ApiIssue[]) => invalidInput(issues, `invalid query: ${describeIssues(issues)}`)

/** Deeper JSON is refused: nothing we store nests this far, and recursive readers would overflow. */
export const MAX_JSON_DEPTH = 64

/** The path to the first object or array nested deeper than `max`, or null. */
export const tooDeep = (root: unknown, max = MAX_JSON_DEPTH) => nestedPast(root, max)

/** The field a too-deep value sits in: its first few path segments. */
export const deepField = (path: (string | number)[]) => path.slice(0, 3)

const NUL = '\u0000'

/** A NUL in the path or a query parameter would reach the database (PostgreSQL refuses it): 400 instead. */
export const refuseNul: MiddlewareHandler = async (c, next) => {
  if (c.req.path.includes(NUL)) throw invalid(['path'], 'must not contain NUL (\\u0000) characters')
  for (const [k, v] of new URL(c.req.url).searchParams)
    if (k.includes(NUL) || v.includes(NUL)) throw invalid([k], 'must not contain NUL (\\u0000) characters')
  await next()
}

const JSON_TYPES = ['application/json', 'text/plain']

/**
 * Reads a JSON body. `text/plain` is accepted too, because navigator.sendBeacon cannot send
 * application/json without a CORS preflight.
 */
export async function readJson(c: Context, o: { optional?: boolean } = {}): Promise<unknown> {
  const type = (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase()
  if (!JSON_TYPES.includes(type) && !type.endsWith('+json'))
    throw new ApiHttpError(415, 'unsupported_media_type', `content-type ${type} is not supported; send application/json`)
  const text = await c.req.text()
  if (!text.trim()) {
    if (o.optional) return undefined
    throw new ApiHttpError(400, 'invalid_json', 'request body is empty; expected JSON')
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    throw new ApiHttpError(400, 'invalid_json', `request body is not valid JSON: ${(err as Error).message}`)
  }
  const deep = tooDeep(body)
  if (deep) throw invalid(deepField(deep), `nested more than ${MAX_JSON_DEPTH} levels deep`)
  return body
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(c))
}
