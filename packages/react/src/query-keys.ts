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

/** Prefixes of the evaluator hooks' keys; mutations invalidate `evaluatorKeys.all`. */
export const evaluatorKeys = {
  all: ['sightline', 'evaluators'] as const,
  kinds: ['sightline', 'evaluators', 'kinds'] as const,
  lists: ['sightline', 'evaluators', 'list'] as const,
  details: ['sightline', 'evaluators', 'detail'] as const,
  runs: ['sightline', 'evaluators', 'runs'] as const,
  agreements: ['sightline', 'evaluators', 'agreement'] as const,
}

/** Prefixes of the dataset hooks' keys; item changes invalidate `datasetKeys.all` (a new version moves every view). */
export const datasetKeys = {
  all: ['sightline', 'datasets'] as const,
  lists: ['sightline', 'datasets', 'list'] as const,
  details: ['sightline', 'datasets', 'detail'] as const,
  items: ['sightline', 'datasets', 'items'] as const,
}

/** Prefixes of the experiment hooks' keys. */
export const experimentKeys = {
  all: ['sightline', 'experiments'] as const,
  lists: ['sightline', 'experiments', 'list'] as const,
  compare: ['sightline', 'experiments', 'compare'] as const,
  compareItems: ['sightline', 'experiments', 'compare-items'] as const,
}

/** Prefixes of the monitor and alert-channel hooks' keys. */
export const monitorKeys = {
  all: ['sightline', 'monitors'] as const,
  lists: ['sightline', 'monitors', 'list'] as const,
  details: ['sightline', 'monitors', 'detail'] as const,
  events: ['sightline', 'monitors', 'events'] as const,
  backtests: ['sightline', 'monitors', 'backtest'] as const,
  channels: ['sightline', 'monitors', 'channels'] as const,
  deliveries: ['sightline', 'monitors', 'deliveries'] as const,
}
