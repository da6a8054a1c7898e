import type { Dataset } from '@sightline/core'
import { useState } from 'react'
import { DatasetList, type DatasetListProps } from './dataset-list'
import { useCreateDataset, useDatasets } from './use-datasets'

export interface ConnectedDatasetListProps
  extends Omit<DatasetListProps, 'datasets' | 'loading' | 'error' | 'onRetry' | 'onCreate' | 'creating' | 'createError' | 'formOpen'> {
  /** "New dataset" shows a form that creates one; true by default */
  allowCreate?: boolean | undefined
  /** after a create, with the new dataset (e.g. to select it) */
  onCreated?: ((dataset: Dataset) => void) | undefined
}

/** The project's datasets through the provider's client; the form creates one and the list refetches. */
export function ConnectedDatasetList({ allowCreate = true, onCreated, onFormOpenChange, ...rest }: ConnectedDatasetListProps) {
  const datasets = useDatasets()
  const create = useCreateDataset()
  const [formOpen, setFormOpen] = useState(false)
  return (
    <DatasetList
      {...rest}
      datasets={datasets.data}
      loading={datasets.isPending}
      error={datasets.error}
      onRetry={() => void datasets.refetch()}
      formOpen={formOpen}
      onFormOpenChange={(open) => {
        setFormOpen(open)
        if (!open) create.reset()
        onFormOpenChange?.(open)
      }}
      {...(allowCreate && {
        onCreate: (input) =>
          create.mutate(input, {
            onSuccess: (dataset) => {
              setFormOpen(false)
              onCreated?.(dataset)
            },
          }),
        creating: create.isPending,
        createError: create.error,
      })}
    />
  )
}
