import type { TraceListQuery, TraceSort } from '@sightline/core'
import { useMemo } from 'react'
import { useControllableState } from '../../utils/use-controllable-state'
import { useTraces } from '../../traces/use-traces'
import { useTraceScores } from '../hooks/use-trace-scores'
import { DEFAULT_TRACE_TABLE_COLUMNS, SCORE_COLUMNS } from './columns'
import { TraceTable, type TraceTableProps } from './trace-table'

export interface ConnectedTraceTableProps
  extends Omit<
    TraceTableProps,
    | 'traces'
    | 'scores'
    | 'loading'
    | 'error'
    | 'onRetry'
    | 'hasMore'
    | 'loadingMore'
    | 'onLoadMore'
    | 'sort'
    | 'defaultSort'
    | 'onSortChange'
  > {
  /** filters, sort and page size, all applied by the server; controlled when given */
  query?: TraceListQuery | undefined
  defaultQuery?: TraceListQuery | undefined
  /** a header click changes the sort through this */
  onQueryChange?: ((query: TraceListQuery) => void) | undefined
  /** poll for new traces: true (every 5 s, paused in hidden tabs), false, or an interval in ms */
  live?: boolean | number | undefined
}

/** The trace table fetched through the provider's client: server-side filters, sort and cursor pages, kept live. */
export function ConnectedTraceTable({
  query: queryProp,
  defaultQuery = {},
  onQueryChange,
  live = true,
  columns,
  ...props
}: ConnectedTraceTableProps) {
  const [query, setQuery] = useControllableState<TraceListQuery>({ prop: queryProp, defaultProp: defaultQuery, onChange: onQueryChange })
  const result = useTraces(query, { live })
  const { data, error, isPending, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, refetch } = result
  const traces = useMemo(() => {
    // A poll may shift rows between pages; a trace shows once.
    const seen = new Set<string>()
    return (data?.pages.flatMap((p) => p.data) ?? []).filter((t) => !seen.has(t.id) && seen.add(t.id))
  }, [data])
  const shown = columns ?? DEFAULT_TRACE_TABLE_COLUMNS
  const ids = useMemo(() => traces.map((t) => t.id), [traces])
  const scores = useTraceScores(
    ids,
    shown.some((c) => SCORE_COLUMNS.has(c)),
  )

  return (
    <TraceTable
      {...props}
      columns={shown}
      traces={traces}
      scores={scores}
      loading={isPending}
      error={error}
      // A failed next page is retried as such; a failed first page refetches the list.
      onRetry={() => void (isFetchNextPageError ? fetchNextPage() : refetch())}
      hasMore={hasNextPage && !isFetchNextPageError}
      loadingMore={isFetchingNextPage}
      onLoadMore={() => void fetchNextPage()}
      sort={query.sort ?? '-startTime'}
      onSortChange={(sort: TraceSort) => {
        const { cursor: _cursor, ...rest } = query
        setQuery({ ...rest, sort })
      }}
    />
  )
}
