import { useMutation, useQuery, skipToken, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query'
import { annotationKeys, type QueueWithCounts } from '../../annotation/use-queues'
import { useSightlineContext } from '../../provider/sightline-provider'

/** What adding traces to a queue did: a trace already in the queue is skipped, not added twice. */
export interface AddToQueueResult {
  queue: { id: string; name: string }
  added: number
  skipped: number
}

export type UseAddToQueueResult = UseMutationResult<
  AddToQueueResult,
  Error,
  { queueId: string; traceIds: readonly string[]; queueName?: string | undefined }
>

export interface UseQueueChoicesOptions {
  /** false leaves the list unfetched (e.g. until a menu opens) */
  enabled?: boolean | undefined
}

/** The project's queues to pick from (the same cache entry as `useQueues`), fetched only when enabled. */
export function useQueueChoices({ enabled = true }: UseQueueChoicesOptions = {}): UseQueryResult<QueueWithCounts[], Error> {
  const { client, queryClient, scope } = useSightlineContext('useQueueChoices')
  return useQuery(
    {
      queryKey: [...annotationKeys.lists, scope],
      queryFn: enabled ? async ({ signal }) => (await client.listQueues({ signal })).data : skipToken,
    },
    queryClient,
  )
}

/** Adds traces to an annotation queue (`addQueueItems`); queue lists and stats refetch after it. */
export function useAddToQueue(): UseAddToQueueResult {
  const { client, queryClient } = useSightlineContext('useAddToQueue')
  return useMutation(
    {
      mutationFn: async ({ queueId, traceIds, queueName }) => {
        const { added, skipped } = await client.addQueueItems(queueId, { traceIds: [...traceIds] })
        return { queue: { id: queueId, name: queueName ?? queueId }, added, skipped }
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.all }),
    },
    queryClient,
  )
}
