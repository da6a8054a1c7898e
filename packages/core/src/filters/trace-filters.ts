import { z } from 'zod'
import { MAX_PAGE_SIZE, TRACE_SORT_FIELDS, type ScoreCondition, type TraceListQuery, type TraceSort } from './trace-query'
import { type ApiIssue, toApiIssues } from '../schemas/errors'
import { timeInputSchema } from '../schemas/common'
import { SCORE_SOURCES } from '../schemas/score'

export type QueryInput = URLSearchParams | Record<string, string | number | string[] | undefined>

const text = z.string().min(1).max(1000)
const num = z.coerce.number<string>().refine(Number.isFinite, 'expected a number')
const timeParam = z.string().transform((v, ctx) => {
  const parsed = timeInputSchema.safeParse(/^\d+$/.test(v) ? Number(v) : v)
  if (parsed.success) return parsed.data
  ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid time' })
  return z.NEVER
})

const scalarFilters = {
  from: timeParam,
  to: timeParam,
  name: text,
  userId: text,
  sessionId: text,
  environment: text,
  release: text,
  version: text,
  model: text,
  status: z.enum(['ok', 'error']),
  minLatencyMs: num,
  maxLatencyMs: num,
  minCost: num,
  maxCost: num,
  feedback: z.enum(['positive', 'negative']),
  q: z.string().min(1).max(500),
  source: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.enum(SCORE_SOURCES, `expected a comma list of ${SCORE_SOURCES.join(', ')}`))
        .min(1, `name at least one of ${SCORE_SOURCES.join(', ')}`),
    ),
}

/** Every plain trace-list parameter name; `metadata.<key>` and `score.<name>` come on top. */
export const TRACE_LIST_PARAM_NAMES = [...Object.keys(scalarFilters), 'tag', 'sort', 'limit', 'cursor'] as const

const sortValues = TRACE_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [TraceSort, ...TraceSort[]]

/** The plain trace-list parameters as `parseTraceListQuery` validates them (for documents such as OpenAPI). */
export const traceListParamsSchema = z.strictObject({
  ...(Object.fromEntries(Object.entries(scalarFilters).map(([k, s]) => [k, s.optional()])) as {
    [K in keyof typeof scalarFilters]: z.ZodOptional<(typeof scalarFilters)[K]>
  }),
  tag: z.array(z.string().min(1).max(200)).optional(),
  sort: z.enum(sortValues).optional(),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(2000).optional(),
})
const listSchema = traceListParamsSchema as unknown as z.ZodType<Omit<TraceListQuery, 'metadata' | 'score'>>

export function parseScoreCondition(raw: string): ScoreCondition | string {
  const range = /^(-?[\d.]*)\.\.(-?[\d.]*)$/.exec(raw)
  if (range) {
    const [min, max] = [range[1], range[2]].map((s) => (s === '' ? undefined : Number(s)))
    if ([min, max].some((n) => n !== undefined && !Number.isFinite(n)) || (min === undefined && max === undefined))
      return `expected min..max, got "${raw}"`
    return { ...(min !== undefined && { min }), ...(max !== undefined && { max }) }
  }
  if (raw === 'true' || raw === 'false') return { value: raw === 'true' }
  if (raw !== '' && Number.isFinite(Number(raw))) return { value: Number(raw) }
  if (raw === '') return 'expected a value or min..max'
  return { value: raw }
}

function entries(input: QueryInput): [string, string][] {
  if (input instanceof URLSearchParams) return [...input.entries()]
  return Object.entries(input).flatMap(([k, v]) =>
    v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, String(v)]],
  )
}

/** Each of `tag`, `metadata.<key>` and `score.<name>` takes at most this many: each is a clause of its own. */
export const MAX_REPEATED_FILTERS = 20

export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ApiIssue[] }

/** PostgreSQL text cannot hold NUL, so no store may be asked for it. */
export const hasNul = (s: string) => s.includes('\u0000')

/**
 * Why a metadata key cannot be filtered or grouped on, or null. Quotes, backslashes and control
 * characters would have to be escaped inside SQLite's JSON paths; `__proto__` is no plain key.
 */
export function metadataKeyIssue(key: string): string | null {
  if (key === '__proto__') return '"__proto__" is not a usable key'
  if ([...key].some((ch) => ch === '"' || ch === '\\' || ch < ' '))
    return 'keys with quotes, backslashes or control characters cannot be filtered on'
  return null
}

/**
 * Reads trace-list query parameters (`tag` may repeat; `metadata.<key>`, `score.<name>`).
 * Unknown parameters are errors, so a typo never silently widens a query.
 */
export function parseTraceListQuery(input: QueryInput): ParseResult<TraceListQuery> {
  const plain: Record<string, unknown> = {}
  const metadata: Record<string, string> = {}
  const score: Record<string, ScoreCondition> = {}
  const issues: ApiIssue[] = []
  for (const [key, value] of entries(input)) {
    if (hasNul(key) || hasNul(value)) issues.push({ path: [key], message: 'must not contain NUL (\\u0000) characters' })
    else if (key.startsWith('metadata.') && key.length > 9) {
      const problem = metadataKeyIssue(key.slice(9))
      if (problem) issues.push({ path: [key], message: problem })
      else metadata[key.slice(9)] = value
    } else if (key.startsWith('score.') && key.length > 6) {
      const cond = parseScoreCondition(value)
      if (typeof cond === 'string') issues.push({ path: [key], message: cond })
      else if (key === 'score.__proto__') issues.push({ path: [key], message: '"__proto__" is not a usable score name' })
      else score[key.slice(6)] = cond
    } else if (key === 'tag') {
      plain.tag = [...((plain.tag as string[]) ?? []), ...value.split(',').filter(Boolean)]
    } else if (key in plain) issues.push({ path: [key], message: 'given more than once' })
    else plain[key] = value
  }
  for (const [name, count] of [
    ['tag', (plain.tag as string[] | undefined)?.length ?? 0],
    ['metadata.<key>', Object.keys(metadata).length],
    ['score.<name>', Object.keys(score).length],
  ] as const)
    if (count > MAX_REPEATED_FILTERS)
      issues.push({ path: [name.split('.')[0]!], message: `at most ${MAX_REPEATED_FILTERS} ${name} filters, got ${count}` })
  const parsed = listSchema.safeParse(plain)
  if (!parsed.success) {
    issues.push(
      ...toApiIssues(parsed.error).map((i) =>
        i.message.startsWith('unknown field')
          ? { path: i.path, message: `${i.message}; known: ${[...TRACE_LIST_PARAM_NAMES, 'metadata.<key>', 'score.<name>'].join(', ')}` }
          : i,
      ),
    )
  }
  if (issues.length || !parsed.success) return { success: false, issues }
  const data: TraceListQuery = { ...parsed.data }
  if (Object.keys(metadata).length) data.metadata = metadata
  if (Object.keys(score).length) data.score = score
  return { success: true, data }
}
