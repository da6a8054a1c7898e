import { parseTraceListQuery, TRACE_LIST_PARAM_NAMES, traceListQueryToParams, type TraceListQuery } from '@sightline/core'

const PLAIN = new Set<string>(TRACE_LIST_PARAM_NAMES)

/** Whether a URL parameter belongs to a trace-list query (other parameters are the host's own). */
export function isTraceListParam(name: string): boolean {
  return (
    (PLAIN.has(name) && name !== 'cursor') ||
    (name.startsWith('metadata.') && name.length > 9) ||
    (name.startsWith('score.') && name.length > 6)
  )
}

/**
 * Writes a trace-list query into URL search params, in the API's own format. Parameters of `base`
 * that are not part of a trace-list query (a host's `trace=`, `tab=`…) are kept; the cursor is
 * left out (a link should open the first page).
 */
export function traceListQueryToSearchParams(query: TraceListQuery, base?: URLSearchParams | string): URLSearchParams {
  const out = new URLSearchParams()
  for (const [k, v] of new URLSearchParams(base)) if (!isTraceListParam(k) && k !== 'cursor') out.append(k, v)
  for (const [k, v] of traceListQueryToParams(query)) if (k !== 'cursor') out.append(k, v)
  return out
}

export interface SearchParamsQuery {
  query: TraceListQuery
  /** parameters that were trace-list parameters but invalid, and were dropped */
  dropped: string[]
}

/**
 * Reads a trace-list query back from URL search params (the inverse of traceListQueryToSearchParams).
 * Other parameters are ignored; an invalid one (a hand-edited link) is dropped rather than
 * failing the whole query.
 */
export function traceListQueryFromSearchParams(params: URLSearchParams | string): SearchParamsQuery {
  const own = new URLSearchParams()
  for (const [k, v] of new URLSearchParams(params)) if (isTraceListParam(k)) own.append(k, v)
  const dropped: string[] = []
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = parseTraceListQuery(own)
    if (parsed.success) return { query: parsed.data, dropped }
    const bad = new Set(parsed.issues.map((i) => String(i.path[0] ?? '')).filter((k) => own.has(k)))
    if (!bad.size) break
    for (const k of bad) {
      own.delete(k)
      dropped.push(k)
    }
  }
  return { query: {}, dropped: [...new Set([...dropped, ...own.keys()])] }
}
