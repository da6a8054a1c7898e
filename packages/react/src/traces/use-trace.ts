import type { TraceDetail } from '@sightline/core'
import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { traceDetailKey } from '../query-keys'

export type UseTraceResult = UseQueryResult<TraceDetail, Error>

/** One trace with its spans and scores. Nothing is fetched while `id` is empty. */
export function useTrace(id: string | null | undefined): UseTraceResult {
  const { client, queryClient, scope } = useSightlineContext('useTrace')
  return useQuery(
    {
      queryKey: traceDetailKey(id ?? '', scope),
      queryFn: id ? ({ signal }) => client.getTrace(id, { signal }) : skipToken,
    },
    queryClient,
  )
}
