import type { TraceFilters, TraceListQuery, TraceSummary } from '@sightline/core'

/** The filters a view token may fix: the ones a single trace can be checked against. */
export const FIXED_FILTER_NAMES = [
  'name',
  'userId',
  'sessionId',
  'environment',
  'release',
  'version',
  'tag',
  'model',
] as const

/** A reader's own query narrowed by the filters its token fixes; the token always wins. */
export function withFixedFilters<Q extends TraceListQuery>(query: Q, fixed: TraceFilters): Q {
  if (!Object.keys(fixed).length) return query
  return {
    ...query,
    ...fixed,
    tag: [...new Set([...(query.tag ?? []), ...(fixed.tag ?? [])])],
    metadata: { ...query.metadata, ...fixed.metadata },
  }
}

/** Whether one trace lies inside the fixed filters (for reads by id). */
export function traceVisible(trace: Omit<TraceSummary, 'inputPreview' | 'outputPreview'>, fixed: TraceFilters): boolean {
  const labels = ['name', 'userId', 'sessionId', 'environment', 'release', 'version'] as const
  for (const key of labels) if (fixed[key] !== undefined && trace[key] !== fixed[key]) return false
  if (fixed.tag?.some((t) => !trace.tags.includes(t))) return false
  if (fixed.model !== undefined && !trace.models.includes(fixed.model)) return false
  for (const [k, v] of Object.entries(fixed.metadata ?? {})) {
    const have = trace.metadata[k]
    if (have === undefined || (typeof have === 'string' ? have : JSON.stringify(have)) !== v) return false
  }
  return true
}
