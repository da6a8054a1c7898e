// Trace-list query types and their URL form. No zod here: the browser client imports this.
import type { ScoreSource } from '../schemas/score'

export const TRACE_SORT_FIELDS = ['startTime', 'latencyMs', 'cost', 'totalTokens'] as const
export type TraceSortField = (typeof TRACE_SORT_FIELDS)[number]
export type TraceSort = TraceSortField | `-${TraceSortField}`

/** `score.<name>=value` matches a value exactly; `score.<name>=min..max` a numeric range. */
export type ScoreCondition = { value: string | number | boolean } | { min?: number | undefined; max?: number | undefined }

/** Trace-list filters. The same names serve the list, metrics, queues and view tokens. */
export interface TraceFilters {
  /** epoch ms, inclusive */
  from?: number | undefined
  /** epoch ms, exclusive */
  to?: number | undefined
  name?: string | undefined
  userId?: string | undefined
  sessionId?: string | undefined
  environment?: string | undefined
  release?: string | undefined
  version?: string | undefined
  /** every tag listed must be on the trace */
  tag?: string[] | undefined
  /** metadata key = value (compared as text) */
  metadata?: Record<string, string> | undefined
  /** a model used by any span of the trace */
  model?: string | undefined
  status?: 'ok' | 'error' | undefined
  minLatencyMs?: number | undefined
  maxLatencyMs?: number | undefined
  minCost?: number | undefined
  maxCost?: number | undefined
  score?: Record<string, ScoreCondition> | undefined
  /**
   * The score sources `score.<name>` filters (and score metrics and groups) count; all of them
   * when left out. In the URL a comma list: `source=human,evaluator`.
   */
  source?: ScoreSource[] | undefined
  feedback?: 'positive' | 'negative' | undefined
  /** full text over name, input and output */
  q?: string | undefined
}

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

export interface TraceListQuery extends TraceFilters {
  sort?: TraceSort | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

/** What the client puts in the URL; parseTraceListQuery reads it back. */
export function traceListQueryToParams(query: TraceListQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (key === 'tag') for (const t of value as string[]) params.append('tag', t)
    else if (key === 'metadata') for (const [k, v] of Object.entries(value as Record<string, string>)) params.append(`metadata.${k}`, v)
    else if (key === 'score')
      for (const [k, c] of Object.entries(value as Record<string, ScoreCondition>))
        params.append(`score.${k}`, 'value' in c ? String(c.value) : `${c.min ?? ''}..${c.max ?? ''}`)
    else if ((key === 'from' || key === 'to') && typeof value === 'number') params.append(key, new Date(value).toISOString())
    else params.append(key, String(value))
  }
  return params
}

export function parseSort(sort: TraceSort | undefined): { field: TraceSortField; desc: boolean } {
  const s = sort ?? '-startTime'
  return s.startsWith('-') ? { field: s.slice(1) as TraceSortField, desc: true } : { field: s as TraceSortField, desc: false }
}
