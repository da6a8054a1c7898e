import type { Span } from '@sightline/core'
import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { explorerKeys } from './keys'
import { liveInterval } from './live'
import type { LiveOptions } from './use-trace-skeleton'

export type UseSpanResult = UseQueryResult<Span, Error>

/** One span with its payloads; a span still running is polled until it ends. */
export function useSpan(
  traceId: string | null | undefined,
  spanId: string | null | undefined,
  { live = true }: LiveOptions = {},
): UseSpanResult {
  const { client, queryClient, scope } = useSightlineContext('useSpan')
  const interval = liveInterval(live, 2_000)
  return useQuery(
    {
      queryKey: explorerKeys.span(traceId ?? '', spanId ?? '', scope),
      queryFn: traceId && spanId ? ({ signal }) => client.getSpan(traceId, spanId, { signal }) : skipToken,
      refetchInterval: (query) => (interval !== false && query.state.data && query.state.data.endTime === null ? interval : false),
    },
    queryClient,
  )
}
