import type { AddDatasetItems, Dataset, DatasetInput, DatasetItem, DatasetItemPatch, Page } from '@sightline/core'
import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useSightlineContext } from '../provider/sightline-provider'
import { datasetKeys } from '../query-keys'

export type UseDatasetsResult = UseQueryResult<Dataset[], Error>
export type UseDatasetResult = UseQueryResult<Dataset, Error>
export type UseDatasetItemsResult = UseInfiniteQueryResult<InfiniteData<Page<DatasetItem>, string | null>, Error>

export interface UseDatasetsOptions {
  /** false leaves the list unfetched (e.g. until a menu opens) */
  enabled?: boolean | undefined
}

/** The project's datasets (archived ones too; the list leaves them out). */
export function useDatasets({ enabled = true }: UseDatasetsOptions = {}): UseDatasetsResult {
  const { client, queryClient, scope } = useSightlineContext('useDatasets')
  return useQuery(
    {
      queryKey: [...datasetKeys.lists, scope],
      queryFn: enabled ? async ({ signal }) => (await client.listDatasets({ signal })).data : skipToken,
    },
    queryClient,
  )
}

/** One dataset: its current version and item count. */
export function useDataset(id: string | null | undefined): UseDatasetResult {
  const { client, queryClient, scope } = useSightlineContext('useDataset')
  return useQuery(
    {
      queryKey: [...datasetKeys.details, id ?? '', scope],
      queryFn: id ? ({ signal }) => client.getDataset(id, { signal }) : skipToken,
    },
    queryClient,
  )
}

export interface UseDatasetItemsOptions {
  /** the items as of this version; the current one without it */
  version?: number | null | undefined
  /** items per page */
  limit?: number | undefined
}

/** A dataset's items (of one version), a page per cursor; `fetchNextPage()` follows `nextCursor`. */
export function useDatasetItems(
  id: string | null | undefined,
  { version = null, limit = 50 }: UseDatasetItemsOptions = {},
): UseDatasetItemsResult {
  const { client, queryClient, scope } = useSightlineContext('useDatasetItems')
  return useInfiniteQuery(
    {
      queryKey: [...datasetKeys.items, id ?? '', version ?? 'current', limit, scope],
      queryFn: id
        ? ({ pageParam, signal }) =>
            client.listDatasetItems(
              id,
              { limit, ...(version !== null && { version }), ...(pageParam !== null && { cursor: pageParam }) },
              { signal },
            )
        : skipToken,
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    },
    queryClient,
  )
}

export type UseCreateDatasetResult = UseMutationResult<Dataset, Error, DatasetInput>
export type UseAddDatasetItemsResult = UseMutationResult<
  { added: number; version: number },
  Error,
  { datasetId: string; body: AddDatasetItems }
>
export type UseUpdateDatasetItemResult = UseMutationResult<
  DatasetItem & { datasetVersion: number },
  Error,
  { datasetId: string; itemId: string; patch: DatasetItemPatch }
>
export type UseArchiveDatasetItemResult = UseMutationResult<{ version: number }, Error, { datasetId: string; itemId: string }>

/** Creates a dataset; dataset lists refetch after it. */
export function useCreateDataset(): UseCreateDatasetResult {
  const { client, queryClient } = useSightlineContext('useCreateDataset')
  return useMutation(
    {
      mutationFn: (input: DatasetInput) => client.createDataset(input),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.lists }),
    },
    queryClient,
  )
}

/** Adds items (or copies traces) into a dataset: a new version, so every dataset view refetches. */
export function useAddDatasetItems(): UseAddDatasetItemsResult {
  const { client, queryClient } = useSightlineContext('useAddDatasetItems')
  return useMutation(
    {
      mutationFn: ({ datasetId, body }: { datasetId: string; body: AddDatasetItems }) => client.addDatasetItems(datasetId, body),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
    },
    queryClient,
  )
}

/** Changes an item's input, expected output or metadata (a new version); dataset views refetch. */
export function useUpdateDatasetItem(): UseUpdateDatasetItemResult {
  const { client, queryClient } = useSightlineContext('useUpdateDatasetItem')
  return useMutation(
    {
      mutationFn: ({ datasetId, itemId, patch }: { datasetId: string; itemId: string; patch: DatasetItemPatch }) =>
        client.updateDatasetItem(datasetId, itemId, patch),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
    },
    queryClient,
  )
}

/** Archives an item in a new version (older versions keep it); dataset views refetch. */
export function useArchiveDatasetItem(): UseArchiveDatasetItemResult {
  const { client, queryClient } = useSightlineContext('useArchiveDatasetItem')
  return useMutation(
    {
      mutationFn: ({ datasetId, itemId }: { datasetId: string; itemId: string }) => client.deleteDatasetItem(datasetId, itemId),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
    },
    queryClient,
  )
}

/** Where "Add to dataset" puts traces: an existing dataset, or a new one by this name. */
export type AddToDatasetTarget = { datasetId: string } | { newDatasetName: string }

export interface AddToDatasetResult {
  dataset: Pick<Dataset, 'id' | 'name'>
  /** items added (a trace already in the dataset is replaced, not added twice) */
  added: number
  /** the dataset's version after the change */
  version: number
}

export type UseAddTracesToDatasetResult = UseMutationResult<
  AddToDatasetResult,
  Error,
  { target: AddToDatasetTarget; traceIds: readonly string[]; datasetName?: string | undefined }
>

/**
 * Copies traces into a dataset (making it first when it is new): their input becomes the item's
 * input, their correction (else their output) the expected output. Dataset views refetch.
 */
export function useAddTracesToDataset(): UseAddTracesToDatasetResult {
  const { client, queryClient } = useSightlineContext('useAddTracesToDataset')
  return useMutation(
    {
      mutationFn: async ({ target, traceIds, datasetName }) => {
        const dataset =
          'newDatasetName' in target
            ? await client.createDataset({ name: target.newDatasetName })
            : { id: target.datasetId, name: datasetName ?? target.datasetId }
        const { added, version } = await client.addDatasetItems(dataset.id, { fromTraces: { traceIds: [...traceIds] } })
        return { dataset: { id: dataset.id, name: dataset.name }, added, version }
      },
      onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
    },
    queryClient,
  )
}
