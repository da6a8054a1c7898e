import type { CompareItem, Experiment, ExperimentCompare, Page } from '@sightline/core'
import {
  skipToken,
  useInfiniteQuery,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { experimentKeys } from '../query-keys'

export type UseExperimentsResult = UseInfiniteQueryResult<InfiniteData<Page<Experiment>, string | null>, Error>
export type UseExperimentCompareResult = UseQueryResult<ExperimentCompare, Error>
export type UseCompareItemsResult = UseInfiniteQueryResult<InfiniteData<Page<CompareItem>, string | null>, Error>

export interface UseExperimentsOptions {
  /** experiments per page */
  limit?: number | undefined
  /** refetch every this many ms while results or scores still arrive; false to stop */
  refetchInterval?: number | false | undefined
}

const unfinished = (data: InfiniteData<Page<Experiment>, string | null> | undefined) =>
  data?.pages.some((p) => p.data.some((e) => e.status !== 'done')) ?? false

/** A dataset's experiments, newest first; polls only while one of them is still running or scoring. */
export function useExperiments(
  datasetId: string | null | undefined,
  { limit = 50, refetchInterval = false }: UseExperimentsOptions = {},
): UseExperimentsResult {
  const { client, queryClient, scope } = useSightlineContext('useExperiments')
  return useInfiniteQuery(
    {
      queryKey: [...experimentKeys.lists, datasetId ?? '', limit, scope],
      queryFn: datasetId
        ? ({ pageParam, signal }) =>
            client.listExperiments({ datasetId, limit, ...(pageParam !== null && { cursor: pageParam }) }, { signal })
        : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (query) => (refetchInterval !== false && unfinished(query.state.data) ? refetchInterval : false),
    },
    queryClient,
  )
}

/** Two experiments compared score by score, with latency and cost. */
export function useExperimentCompare(
  base: string | null | undefined,
  candidate: string | null | undefined,
  { refetchInterval = false }: { refetchInterval?: number | false | undefined } = {},
): UseExperimentCompareResult {
  const { client, queryClient, scope } = useSightlineContext('useExperimentCompare')
  return useQuery(
    {
      queryKey: [...experimentKeys.compare, base ?? '', candidate ?? '', scope],
      queryFn: base && candidate ? ({ signal }) => client.compareExperiments(base, candidate, { signal }) : skipToken,
      refetchInterval,
    },
    queryClient,
  )
}

export interface UseCompareItemsOptions {
  /** the score items are judged by; the server's first score name without it */
  score?: string | null | undefined
  /** only items with this change */
  change?: CompareItem['change'] | null | undefined
  /** items per page */
  limit?: number | undefined
}

/** The items of a comparison, both sides' outputs and scores, a page per cursor. */
export function useCompareItems(
  base: string | null | undefined,
  candidate: string | null | undefined,
  { score = null, change = null, limit = 20 }: UseCompareItemsOptions = {},
): UseCompareItemsResult {
  const { client, queryClient, scope } = useSightlineContext('useCompareItems')
  return useInfiniteQuery(
    {
      queryKey: [...experimentKeys.compareItems, base ?? '', candidate ?? '', score ?? '', change ?? 'all', limit, scope],
      queryFn:
        base && candidate
          ? ({ pageParam, signal }) =>
              client.compareExperimentItems(
                {
                  base,
                  candidate,
                  limit,
                  ...(score && { score }),
                  ...(change && { change }),
                  ...(pageParam !== null && { cursor: pageParam }),
                },
                { signal },
              )
          : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    },
    queryClient,
  )
}
