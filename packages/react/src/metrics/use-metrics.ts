import type { MetricsRequest, MetricsResponse } from '@sightline/core'
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'

/** Prefix of every metrics query key, for `queryClient.invalidateQueries({ queryKey: metricsKeys.all })`. */
export const metricsKeys = {
  all: ['sightline', 'metrics'] as const,
}

export const metricsQueryKey = (query: MetricsRequest | null, scope: number) => [...metricsKeys.all, query, scope] as const

export type UseMetricsResult = UseQueryResult<MetricsResponse, Error>

export interface UseMetricsOptions {
  /** false pauses the query (as a null query does) */
  enabled?: boolean | undefined
  /** refetch every so many ms (e.g. a wall screen) */
  refetchInterval?: number | undefined
}

/**
 * `GET /api/v1/metrics` through the provider's client. While a changed query loads, the previous
 * answer stays on screen (`isPlaceholderData`), so switching the range does not blank the charts.
 */
export function useMetrics(query: MetricsRequest | null, options: UseMetricsOptions = {}): UseMetricsResult {
  const { client, queryClient, scope } = useSightlineContext('useMetrics')
  return useQuery(
    {
      queryKey: metricsQueryKey(query, scope),
      queryFn: ({ signal }) => client.getMetrics(query!, { signal }),
      enabled: query !== null && options.enabled !== false,
      placeholderData: keepPreviousData,
      // false, not undefined: the same to TanStack Query (no polling), and what its types take
      refetchInterval: options.refetchInterval ?? false,
    },
    queryClient,
  )
}
