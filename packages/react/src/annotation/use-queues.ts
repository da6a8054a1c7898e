import type { Queue, QueueStats, ScoreConfig } from '@sightline/core'
import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'

/** Query key prefixes of the annotation hooks; the provider's cache scope comes last. */
export const annotationKeys = {
  all: ['sightline', 'queues'] as const,
  lists: ['sightline', 'queues', 'list'] as const,
  details: ['sightline', 'queues', 'detail'] as const,
  configs: ['sightline', 'queues', 'configs'] as const,
  stats: ['sightline', 'queues', 'stats'] as const,
}

/** A queue as listed: with its item counts. */
export type QueueWithCounts = Queue & { counts: QueueStats['counts'] }

export type UseQueuesResult = UseQueryResult<QueueWithCounts[], Error>
export type UseQueueResult = UseQueryResult<Queue, Error>
export type UseQueueConfigsResult = UseQueryResult<ScoreConfig[], Error>
export type UseQueueStatsResult = UseQueryResult<QueueStats, Error>

export interface QueuePollOptions {
  /** refetch every this many ms (others review at the same time); false to stop. */
  refetchInterval?: number | false | undefined
}

/** The project's annotation queues with their counts. */
export function useQueues({ refetchInterval = false }: QueuePollOptions = {}): UseQueuesResult {
  const { client, queryClient, scope } = useSightlineContext('useQueues')
  return useQuery(
    {
      queryKey: [...annotationKeys.lists, scope],
      queryFn: async ({ signal }) => (await client.listQueues({ signal })).data,
      refetchInterval,
    },
    queryClient,
  )
}

/** One queue: its name, rules, lease length. */
export function useQueue(queueId: string | null | undefined): UseQueueResult {
  const { client, queryClient, scope } = useSightlineContext('useQueue')
  return useQuery(
    {
      queryKey: [...annotationKeys.details, queueId ?? '', scope],
      queryFn: queueId ? ({ signal }) => client.getQueue(queueId, { signal }) : skipToken,
    },
    queryClient,
  )
}

/** The rubric of a queue: its score configs, in the queue's order. */
export function useQueueConfigs(queueId: string | null | undefined): UseQueueConfigsResult {
  const { client, queryClient, scope } = useSightlineContext('useQueueConfigs')
  return useQuery(
    {
      queryKey: [...annotationKeys.configs, queueId ?? '', scope],
      queryFn: queueId ? async ({ signal }) => (await client.getQueueConfigs(queueId, { signal })).data : skipToken,
    },
    queryClient,
  )
}

/** Counts by status and per-reviewer figures of a queue. */
export function useQueueStats(queueId: string | null | undefined, { refetchInterval = false }: QueuePollOptions = {}): UseQueueStatsResult {
  const { client, queryClient, scope } = useSightlineContext('useQueueStats')
  return useQuery(
    {
      queryKey: [...annotationKeys.stats, queueId ?? '', scope],
      queryFn: queueId ? ({ signal }) => client.queueStats(queueId, { signal }) : skipToken,
      refetchInterval,
    },
    queryClient,
  )
}
