import type { Page, TraceListQuery, TraceSummary } from '@sightline/core'
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { traceListKey } from '../query-keys'

/** Pages of trace summaries; `fetchNextPage()` follows the server's `nextCursor`. */
export type UseTracesResult = UseInfiniteQueryResult<InfiniteData<Page<TraceSummary>, string | null>, Error>

/** The trace list for a query (filters, sort, page size), one page per cursor. */
export function useTraces(query: TraceListQuery = {}): UseTracesResult {
  const { client, queryClient, scope } = useSightlineContext('useTraces')
  return useInfiniteQuery(
    {
      queryKey: traceListKey(query, scope),
      queryFn: ({ pageParam, signal }) =>
        client.listTraces(pageParam === null ? query : { ...query, cursor: pageParam }, { signal }),
      initialPageParam: query.cursor ?? null,
      getNextPageParam: (last) => last.nextCursor,
    },
    queryClient,
  )
}
