import { useAddToMenuOpen } from '../utils/add-to-menu'
import { AddToDatasetButton, type AddToDatasetButtonProps } from './add-to-dataset-button'
import { useAddTracesToDataset, useDatasets, type AddToDatasetResult } from './use-datasets'

export interface ConnectedAddToDatasetButtonProps
  extends Omit<
    AddToDatasetButtonProps,
    'datasets' | 'datasetsLoading' | 'datasetsError' | 'onDatasetsRetry' | 'onAdd' | 'adding' | 'addError' | 'result'
  > {
  /** after the traces were added */
  onAdded?: ((result: AddToDatasetResult) => void) | undefined
}

/**
 * "Add to dataset" on the provider's client: the datasets load when the menu opens; Add creates
 * the dataset if it is new and copies the traces into it (`addDatasetItems` with `fromTraces`).
 * Needs a credential that may change datasets (the secret key, through your backend).
 */
export function ConnectedAddToDatasetButton({
  onAdded,
  open: openProp,
  defaultOpen,
  onOpenChange,
  traceIds,
  ...rest
}: ConnectedAddToDatasetButtonProps) {
  const add = useAddTracesToDataset()
  const menu = useAddToMenuOpen({ open: openProp, defaultOpen, onOpenChange }, add.reset)
  const datasets = useDatasets({ enabled: menu.open })
  return (
    <AddToDatasetButton
      {...rest}
      traceIds={traceIds}
      open={menu.open}
      onOpenChange={menu.onOpenChange}
      datasets={datasets.data}
      datasetsLoading={datasets.isPending}
      datasetsError={datasets.error}
      onDatasetsRetry={() => void datasets.refetch()}
      onAdd={(target, ids) =>
        add.mutate(
          {
            target,
            traceIds: ids,
            ...('datasetId' in target && { datasetName: datasets.data?.find((d) => d.id === target.datasetId)?.name }),
          },
          { onSuccess: (result) => onAdded?.(result) },
        )
      }
      adding={add.isPending}
      addError={add.error}
      result={add.data}
    />
  )
}
