import { describeIssues, toApiIssues } from '@sightline/core'
import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiHttpError } from './http-errors'

/** The one validation hook: a zod failure becomes a 400 naming each offending field's path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = toApiIssues(result.error, prefix)
  throw new ApiHttpError(400, 'validation_failed', `invalid request: ${describeIssues(issues)}`, issues)
}

const JSON_TYPES = ['application/json', 'text/plain']

/**
 * Reads a JSON body. `text/plain` is accepted too, because navigator.sendBeacon cannot send
 * application/json without a CORS preflight.
 */
export async function readJson(c: Context, o: { optional?: boolean } = {}): Promise<unknown> {
  const type = (c.req.header('content-type') ?? 'application/json').split(';')[0].trim().toLowerCase()
  if (!JSON_TYPES.includes(type) && !type.endsWith('+json'))
    throw new ApiHttpError(415, 'unsupported_media_type', `content-type ${type} is not supported; send application/json`)
  const text = await c.req.text()
  if (!text.trim()) {
    if (o.optional) return undefined
    throw new ApiHttpError(400, 'invalid_json', 'request body is empty; expected JSON')
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new ApiHttpError(400, 'invalid_json', `request body is not valid JSON: ${(err as Error).message}`)
  }
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(c))
}
