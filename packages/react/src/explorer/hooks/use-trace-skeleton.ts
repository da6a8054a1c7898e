import type { TraceSkeleton } from '@sightline/core'
import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { retryUnlessNotFound } from '../../utils/not-found'
import { explorerKeys } from './keys'
import { isInProgress, liveInterval } from './live'

export type UseTraceSkeletonResult = UseQueryResult<TraceSkeleton, Error>

export interface LiveOptions {
  /** poll while the data can still change: true (every 5 s), false, or an interval in ms */
  live?: boolean | number | undefined
}

/**
 * Every span of a trace without payloads (`?fields=skeleton`), so a 50,000-span trace loads fast.
 * While the trace is in progress it is polled, and new spans appear without a reload.
 */
export function useTraceSkeleton(traceId: string | null | undefined, { live = true }: LiveOptions = {}): UseTraceSkeletonResult {
  const { client, queryClient, scope } = useSightlineContext('useTraceSkeleton')
  const interval = liveInterval(live, 2_000)
  return useQuery(
    {
      queryKey: explorerKeys.skeleton(traceId ?? '', scope),
      queryFn: traceId ? ({ signal }) => client.getTraceSkeleton(traceId, { signal }) : skipToken,
      // A missing trace is said at once ("trace not found"), not after the retries.
      retry: retryUnlessNotFound(queryClient),
      refetchInterval: (query) => {
        const data = query.state.data
        return interval !== false && data && (isInProgress(data.trace) || data.spans.some((s) => s.endTime === null)) ? interval : false
      },
    },
    queryClient,
  )
}
