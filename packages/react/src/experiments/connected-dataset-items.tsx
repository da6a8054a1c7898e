import { useState } from 'react'
import { DatasetItems, type DatasetItemsProps } from './dataset-items'
import { useArchiveDatasetItem, useDataset, useDatasetItems, useUpdateDatasetItem } from './use-datasets'

export interface ConnectedDatasetItemsProps
  extends Omit<
    DatasetItemsProps,
    | 'dataset'
    | 'items'
    | 'loading'
    | 'error'
    | 'onRetry'
    | 'hasMore'
    | 'onLoadMore'
    | 'loadingMore'
    | 'onSaveItem'
    | 'savingItemId'
    | 'saveError'
    | 'editingId'
    | 'onArchiveItem'
    | 'archivingItemId'
    | 'archiveError'
  > {
  datasetId: string
  /** items per page; 50 by default */
  pageSize?: number | undefined
  /** false shows the items read-only (no Edit, no Archive); true by default */
  editable?: boolean | undefined
}

/**
 * A dataset's items through the provider's client, a page at a time, of the version picked; edits
 * and archives make a new version, and every view of the dataset refetches.
 */
export function ConnectedDatasetItems({
  datasetId,
  pageSize = 50,
  editable = true,
  version: versionProp,
  defaultVersion = null,
  onVersionChange,
  onEditingIdChange,
  ...rest
}: ConnectedDatasetItemsProps) {
  const [innerVersion, setInnerVersion] = useState<number | null>(defaultVersion)
  const version = versionProp === undefined ? innerVersion : versionProp
  const [editingId, setEditingId] = useState<string | null>(null)
  const dataset = useDataset(datasetId)
  const items = useDatasetItems(datasetId, { version, limit: pageSize })
  const update = useUpdateDatasetItem()
  const archive = useArchiveDatasetItem()
  return (
    <DatasetItems
      {...rest}
      dataset={dataset.data}
      items={items.data?.pages.flatMap((p) => p.data)}
      loading={items.isPending}
      error={items.error ?? dataset.error}
      onRetry={() => {
        if (dataset.error) void dataset.refetch()
        void (items.isFetchNextPageError ? items.fetchNextPage() : items.refetch())
      }}
      version={version}
      onVersionChange={(next) => {
        setInnerVersion(next)
        onVersionChange?.(next)
      }}
      hasMore={items.hasNextPage}
      loadingMore={items.isFetchingNextPage}
      onLoadMore={() => void items.fetchNextPage()}
      editingId={editingId}
      onEditingIdChange={(id) => {
        setEditingId(id)
        update.reset()
        onEditingIdChange?.(id)
      }}
      {...(editable && {
        onSaveItem: (item, patch) => update.mutate({ datasetId, itemId: item.id, patch }, { onSuccess: () => setEditingId(null) }),
        savingItemId: update.isPending ? update.variables.itemId : null,
        saveError: update.error,
        onArchiveItem: (item) => archive.mutate({ datasetId, itemId: item.id }),
        archivingItemId: archive.isPending ? archive.variables.itemId : null,
        archiveError: archive.error,
      })}
    />
  )
}
