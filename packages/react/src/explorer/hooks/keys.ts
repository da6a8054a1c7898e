import type { ScoreListQuery } from '@sightline/core'
import { sightlineKeys } from '../../query-keys'

/** Query keys of the explorer's reads; under `sightlineKeys.traces` so invalidating traces refreshes them. */
export const explorerKeys = {
  skeleton: (traceId: string, scope: number) => [...sightlineKeys.traces, 'skeleton', traceId, scope] as const,
  span: (traceId: string, spanId: string, scope: number) => [...sightlineKeys.traces, 'span', traceId, spanId, scope] as const,
  session: (sessionId: string, scope: number) => [...sightlineKeys.all, 'sessions', sessionId, scope] as const,
  scores: (query: ScoreListQuery, scope: number) => [...sightlineKeys.all, 'scores', query, scope] as const,
  values: (field: string, q: string, scope: number) => [...sightlineKeys.traces, 'values', field, q, scope] as const,
}
