import type { TraceValueField, TraceValues } from '@sightline/core'
import { keepPreviousData, skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { explorerKeys } from './keys'

/** Values of a trace field the credential may read, the most frequent first; `field` null reads nothing. */
export function useTraceValues(field: TraceValueField | null, q = ''): UseQueryResult<TraceValues, Error> {
  const { client, queryClient, scope } = useSightlineContext('useTraceValues')
  return useQuery(
    {
      queryKey: explorerKeys.values(field ?? '', q, scope),
      queryFn: field ? ({ signal }) => client.listTraceValues({ field, q, limit: 20 }, { signal }) : skipToken,
      // Suggestions may be a little old; typing should not flash an empty list.
      staleTime: 60_000,
      placeholderData: keepPreviousData,
    },
    queryClient,
  )
}
