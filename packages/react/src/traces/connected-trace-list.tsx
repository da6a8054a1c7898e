import type { TraceListQuery } from '@sightline/core'
import { useMemo } from 'react'
import { TraceList, type TraceListProps } from './trace-list'
import { useTraces } from './use-traces'

export interface ConnectedTraceListProps
  extends Omit<TraceListProps, 'traces' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'loadingMore' | 'onLoadMore'> {
  /** filters, sort and page size; the list refetches when it changes */
  query?: TraceListQuery
}

/** The trace list fetched through the provider's client, a page at a time. */
export function ConnectedTraceList({ query = {}, ...props }: ConnectedTraceListProps) {
  const result = useTraces(query)
  const { data, error, isPending, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, refetch } = result
  const traces = useMemo(() => data?.pages.flatMap((p) => p.data) ?? [], [data])

  return (
    <TraceList
      {...props}
      traces={traces}
      loading={isPending}
      error={error}
      // A failed next page is retried as such; a failed first page refetches the list.
      onRetry={() => void (isFetchNextPageError ? fetchNextPage() : refetch())}
      hasMore={hasNextPage && !isFetchNextPageError}
      loadingMore={isFetchingNextPage}
      onLoadMore={() => void fetchNextPage()}
    />
  )
}
