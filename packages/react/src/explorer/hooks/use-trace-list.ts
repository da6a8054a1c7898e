import type { Page, TraceListQuery, TraceSummary } from '@sightline/core'
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { traceListKey } from '../../query-keys'
import { liveInterval } from './live'
import type { LiveOptions } from './use-trace-skeleton'

export type UseTraceListResult = UseInfiniteQueryResult<InfiniteData<Page<TraceSummary>, string | null>, Error>

/**
 * Pages of the trace list (same cache as `useTraces`), polled so new traces appear: a refetch
 * reloads the loaded pages from the first, so rows neither repeat nor go missing.
 */
export function useTraceList(query: TraceListQuery = {}, { live = true }: LiveOptions = {}): UseTraceListResult {
  const { client, queryClient, scope } = useSightlineContext('useTraceList')
  return useInfiniteQuery(
    {
      queryKey: traceListKey(query, scope),
      queryFn: ({ pageParam, signal }) => client.listTraces(pageParam === null ? query : { ...query, cursor: pageParam }, { signal }),
      initialPageParam: query.cursor ?? null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: liveInterval(live),
    },
    queryClient,
  )
}
