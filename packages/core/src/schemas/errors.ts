import { z } from 'zod'

export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  /** a service the server called (an LLM judge) failed */
  'upstream_failed',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const apiIssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })
export type ApiIssue = z.infer<typeof apiIssueSchema>

/** Every 4xx/5xx body. `issues` names the offending fields by path. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), issues: z.array(apiIssueSchema).optional() }),
})
export type ApiError = z.infer<typeof apiErrorSchema>

/** Turns zod issues into the wire shape, prefixed with where the value came from. */
export function toApiIssues(error: z.ZodError, prefix: (string | number)[] = []): ApiIssue[] {
  return error.issues.flatMap((i) => {
    const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
    // One issue per unknown key, so the path names the offending field itself.
    if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"` }))
    return [{ path, message: i.message }]
  })
}

export function describeIssues(issues: ApiIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
}
