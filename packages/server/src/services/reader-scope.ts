import type { TraceFilters, TraceSummary } from '@sightline/core'
import type { AuthContext } from '../auth/auth-context'
import type { Store } from '../store/types'

/** The filters a view token may fix: the ones a single trace can be checked against. */
export const FIXED_FILTER_NAMES = ['name', 'userId', 'sessionId', 'environment', 'release', 'version', 'tag', 'model'] as const

type ScopedTrace = Omit<TraceSummary, 'inputPreview' | 'outputPreview'>

/**
 * What one reader may see. The secret key sees its whole project; a view or annotate token sees
 * the traces its fixed filters match, and everything hanging off them (spans, scores, sessions,
 * metrics, queue items and their counts). Every read path asks this, and only this.
 */
export interface ReaderScope {
  /** the fixed filters for store calls; undefined when nothing is fixed */
  readonly filters: TraceFilters | undefined
  /** a reader's own query narrowed by the fixed filters; the token always wins */
  narrow<Q extends TraceFilters>(query: Q): Q
  /** whether one trace lies inside (reads by id) */
  sees(trace: ScopedTrace): boolean
  /** whether the trace with this id lies inside; a trace not stored yet does not */
  seesTrace(traceId: string): Promise<boolean>
}

export function readerScope(auth: AuthContext, store: Store): ReaderScope {
  const fixed = auth.kind === 'token' && Object.keys(auth.filters).length ? auth.filters : undefined
  return {
    filters: fixed,
    narrow: (query) => (fixed ? withFixedFilters(query, fixed) : query),
    sees: (trace) => !fixed || traceVisible(trace, fixed),
    async seesTrace(traceId) {
      if (!fixed) return true
      const trace = await store.getTraceSummary(auth.projectId, traceId)
      return !!trace && traceVisible(trace, fixed)
    },
  }
}

function withFixedFilters<Q extends TraceFilters>(query: Q, fixed: TraceFilters): Q {
  return {
    ...query,
    ...fixed,
    tag: [...new Set([...(query.tag ?? []), ...(fixed.tag ?? [])])],
    metadata: { ...query.metadata, ...fixed.metadata },
  }
}

function traceVisible(trace: ScopedTrace, fixed: TraceFilters): boolean {
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
