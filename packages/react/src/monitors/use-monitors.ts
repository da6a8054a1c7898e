import type { Channel, ChannelInput, Delivery, Monitor, MonitorEvent, MonitorInput, MonitorPatch, Page } from '@sightline/core'
import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type QueryClient,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { monitorKeys } from '../query-keys'
import type { BacktestRequest, BacktestResult, ChannelPatch, MonitorApi } from './monitor-api'
import { useMonitorApi } from './monitor-api-provider'

export type UseMonitorsResult = UseQueryResult<Monitor[], Error>
export type UseMonitorResult = UseQueryResult<Monitor, Error>
export type UseMonitorEventsResult = UseInfiniteQueryResult<InfiniteData<Page<MonitorEvent>, string | null>, Error>
export type UseChannelsResult = UseQueryResult<Channel[], Error>
export type UseDeliveriesResult = UseInfiniteQueryResult<InfiniteData<Page<Delivery>, string | null>, Error>

export interface MonitorPollOptions {
  /** refetch every this many ms (monitors are evaluated in the background); false to stop */
  refetchInterval?: number | false | undefined
}

export interface MonitorPageOptions extends MonitorPollOptions {
  /** items per page */
  limit?: number | undefined
}

function useMonitorContext(caller: string): { api: MonitorApi; queryClient: QueryClient; scope: number } {
  const { queryClient, scope } = useSightlineContext(caller)
  return { api: useMonitorApi(), queryClient, scope }
}

/** The project's monitors, each with its series' states. */
export function useMonitors({ refetchInterval = false }: MonitorPollOptions = {}): UseMonitorsResult {
  const { api, queryClient, scope } = useMonitorContext('useMonitors')
  return useQuery(
    { queryKey: [...monitorKeys.lists, scope], queryFn: ({ signal }) => api.listMonitors({ signal }), refetchInterval },
    queryClient,
  )
}

/** One monitor. */
export function useMonitor(id: string | null | undefined, { refetchInterval = false }: MonitorPollOptions = {}): UseMonitorResult {
  const { api, queryClient, scope } = useMonitorContext('useMonitor')
  return useQuery(
    {
      queryKey: [...monitorKeys.details, id ?? '', scope],
      queryFn: id ? ({ signal }) => api.getMonitor(id, { signal }) : skipToken,
      refetchInterval,
    },
    queryClient,
  )
}

/** A monitor's fired and resolved events, newest first; `fetchNextPage()` follows `nextCursor`. */
export function useMonitorEvents(
  id: string | null | undefined,
  { limit = 50, refetchInterval = false }: MonitorPageOptions = {},
): UseMonitorEventsResult {
  const { api, queryClient, scope } = useMonitorContext('useMonitorEvents')
  return useInfiniteQuery(
    {
      queryKey: [...monitorKeys.events, id ?? '', limit, scope],
      queryFn: id
        ? ({ pageParam, signal }) => api.listMonitorEvents(id, { limit, ...(pageParam !== null && { cursor: pageParam }) }, { signal })
        : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval,
    },
    queryClient,
  )
}

/** The project's alert channels (never with their secrets). */
export function useChannels({ refetchInterval = false }: MonitorPollOptions = {}): UseChannelsResult {
  const { api, queryClient, scope } = useMonitorContext('useChannels')
  return useQuery(
    { queryKey: [...monitorKeys.channels, scope], queryFn: ({ signal }) => api.listChannels({ signal }), refetchInterval },
    queryClient,
  )
}

/** A channel's deliveries, newest first; `fetchNextPage()` follows `nextCursor`. */
export function useDeliveries(
  channelId: string | null | undefined,
  { limit = 50, refetchInterval = false }: MonitorPageOptions = {},
): UseDeliveriesResult {
  const { api, queryClient, scope } = useMonitorContext('useDeliveries')
  return useInfiniteQuery(
    {
      queryKey: [...monitorKeys.deliveries, channelId ?? '', limit, scope],
      queryFn: channelId
        ? ({ pageParam, signal }) => api.listDeliveries(channelId, { limit, ...(pageParam !== null && { cursor: pageParam }) }, { signal })
        : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval,
    },
    queryClient,
  )
}

export type UseCreateMonitorResult = UseMutationResult<Monitor, Error, MonitorInput>
export type UseUpdateMonitorResult = UseMutationResult<Monitor, Error, { id: string; patch: MonitorPatch }>
export type UseDeleteMonitorResult = UseMutationResult<void, Error, string>
export type UseBacktestMonitorResult = UseMutationResult<BacktestResult, Error, BacktestRequest>
export type UseCreateChannelResult = UseMutationResult<Channel, Error, ChannelInput>
export type UseUpdateChannelResult = UseMutationResult<Channel, Error, { id: string; patch: ChannelPatch }>
export type UseDeleteChannelResult = UseMutationResult<void, Error, string>
export type UseRotateChannelSecretResult = UseMutationResult<Channel, Error, string>
export type UseReplayDeliveryResult = UseMutationResult<Delivery, Error, string>

const invalidate = (queryClient: QueryClient, ...keys: (readonly string[])[]) =>
  Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })))

/** Creates a monitor; monitor lists refetch after it. */
export function useCreateMonitor(): UseCreateMonitorResult {
  const { api, queryClient } = useMonitorContext('useCreateMonitor')
  return useMutation(
    { mutationFn: (input: MonitorInput) => api.createMonitor(input), onSuccess: () => invalidate(queryClient, monitorKeys.lists) },
    queryClient,
  )
}

/** Changes a monitor (`{ active: false }` mutes it); lists and details refetch. */
export function useUpdateMonitor(): UseUpdateMonitorResult {
  const { api, queryClient } = useMonitorContext('useUpdateMonitor')
  return useMutation(
    {
      mutationFn: ({ id, patch }: { id: string; patch: MonitorPatch }) => api.updateMonitor(id, patch),
      onSuccess: () => invalidate(queryClient, monitorKeys.lists, monitorKeys.details),
    },
    queryClient,
  )
}

/** Deletes a monitor; lists and details refetch. */
export function useDeleteMonitor(): UseDeleteMonitorResult {
  const { api, queryClient } = useMonitorContext('useDeleteMonitor')
  return useMutation(
    { mutationFn: (id: string) => api.deleteMonitor(id), onSuccess: () => invalidate(queryClient, monitorKeys.lists, monitorKeys.details) },
    queryClient,
  )
}

/** Runs an unsaved monitor over past data; saves nothing. */
export function useBacktestMonitor(): UseBacktestMonitorResult {
  const { api, queryClient } = useMonitorContext('useBacktestMonitor')
  return useMutation({ mutationFn: (request: BacktestRequest) => api.backtestMonitor(request) }, queryClient)
}

/** Creates a channel; the result holds its secret, once. */
export function useCreateChannel(): UseCreateChannelResult {
  const { api, queryClient } = useMonitorContext('useCreateChannel')
  return useMutation(
    { mutationFn: (input: ChannelInput) => api.createChannel(input), onSuccess: () => invalidate(queryClient, monitorKeys.channels) },
    queryClient,
  )
}

/** Renames a channel, changes its URL or (`{ enabled: true }`) switches a disabled one back on. */
export function useUpdateChannel(): UseUpdateChannelResult {
  const { api, queryClient } = useMonitorContext('useUpdateChannel')
  return useMutation(
    {
      mutationFn: ({ id, patch }: { id: string; patch: ChannelPatch }) => api.updateChannel(id, patch),
      onSuccess: () => invalidate(queryClient, monitorKeys.channels),
    },
    queryClient,
  )
}

/** Deletes a channel. */
export function useDeleteChannel(): UseDeleteChannelResult {
  const { api, queryClient } = useMonitorContext('useDeleteChannel')
  return useMutation(
    { mutationFn: (id: string) => api.deleteChannel(id), onSuccess: () => invalidate(queryClient, monitorKeys.channels) },
    queryClient,
  )
}

/** Gives a channel a new signing secret; the result holds it, once. */
export function useRotateChannelSecret(): UseRotateChannelSecretResult {
  const { api, queryClient } = useMonitorContext('useRotateChannelSecret')
  return useMutation({ mutationFn: (id: string) => api.rotateChannelSecret(id) }, queryClient)
}

/** Sends a delivery again; the delivery log refetches. */
export function useReplayDelivery(): UseReplayDeliveryResult {
  const { api, queryClient } = useMonitorContext('useReplayDelivery')
  return useMutation(
    { mutationFn: (id: string) => api.replayDelivery(id), onSuccess: () => invalidate(queryClient, monitorKeys.deliveries) },
    queryClient,
  )
}
