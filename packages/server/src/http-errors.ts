import type { ApiIssue, ErrorCode } from '@sightline/core'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Thrown anywhere in a request; rendered as `{ error: { code, message, issues? } }`. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export function errorResponse(c: Context, err: ApiHttpError) {
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v)
  return c.json({ error: { code: err.code, message: err.message, ...(err.issues?.length ? { issues: err.issues } : {}) } }, err.status)
}

export const notFound = (what: string) => new ApiHttpError(404, 'not_found', `${what} not found`)
