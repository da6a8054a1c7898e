import type { Page, TraceListQuery, TraceSummary } from '@sightline/core'
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query'
import { liveInterval } from '../explorer/hooks/live'
import { useSightlineContext } from '../provider/sightline-provider'
import { traceListKey } from '../query-keys'

/** Pages of trace summaries; `fetchNextPage()` follows the server's `nextCursor`. */
export type UseTracesResult = UseInfiniteQueryResult<InfiniteData<Page<TraceSummary>, string | null>, Error>

export interface UseTracesOptions {
  /** poll for new traces: true (every 5 s, paused in hidden tabs), false, or an interval in ms */
  live?: boolean | number | undefined
}

/**
 * The trace list for a query (filters, sort, page size), one page per cursor. Live, a refetch
 * reloads the loaded pages from the first, so rows neither repeat nor go missing.
 */
export function useTraces(query: TraceListQuery = {}, { live = false }: UseTracesOptions = {}): UseTracesResult {
  const { client, queryClient, scope } = useSightlineContext('useTraces')
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
