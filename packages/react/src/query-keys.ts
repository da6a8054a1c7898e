import type { TraceListQuery } from '@sightline/core'

/**
 * Prefixes of every query key the hooks use, for `queryClient.invalidateQueries({ queryKey })`.
 * The provider's cache scope comes last, so these prefixes match across providers.
 */
export const sightlineKeys = {
  all: ['sightline'] as const,
  traces: ['sightline', 'traces'] as const,
  traceLists: ['sightline', 'traces', 'list'] as const,
  traceDetails: ['sightline', 'traces', 'detail'] as const,
}

export const traceListKey = (query: TraceListQuery, scope: number) => [...sightlineKeys.traceLists, query, scope] as const
export const traceDetailKey = (id: string, scope: number) => [...sightlineKeys.traceDetails, id, scope] as const
