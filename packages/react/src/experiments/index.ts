// Datasets and experiments: dataset lists and items (versioned), experiment lists, comparisons, "Add to dataset".

// Components
export { DatasetList } from './dataset-list'
export { ConnectedDatasetList } from './connected-dataset-list'
export { DatasetItems, TraceLink } from './dataset-items'
export { ConnectedDatasetItems } from './connected-dataset-items'
export { ExperimentList, ExperimentStatusBadge } from './experiment-list'
export { ConnectedExperimentList } from './connected-experiment-list'
export { ExperimentCompare, CiBar } from './experiment-compare'
export { ConnectedExperimentCompare } from './connected-experiment-compare'
export { AddToDatasetButton } from './add-to-dataset-button'
export { ConnectedAddToDatasetButton } from './connected-add-to-dataset-button'

// Hooks
export {
  useDatasets,
  useDataset,
  useDatasetItems,
  useCreateDataset,
  useAddDatasetItems,
  useUpdateDatasetItem,
  useArchiveDatasetItem,
  useAddTracesToDataset,
} from './use-datasets'
export { useExperiments, useExperimentCompare, useCompareItems } from './use-experiments'

// Helpers
export { wordDiff } from './word-diff'
export { readComparison, intervalSide, missingText, formatSigned, formatPValue } from './compare-reading'

// Types
export type { DatasetListProps } from './dataset-list'
export type { ConnectedDatasetListProps } from './connected-dataset-list'
export type { DatasetItemsProps, TraceLinkProps } from './dataset-items'
export type { ConnectedDatasetItemsProps } from './connected-dataset-items'
export type { ExperimentListProps } from './experiment-list'
export type { ConnectedExperimentListProps } from './connected-experiment-list'
export type { ExperimentCompareProps, ExperimentCompareSummaryProps, ExperimentCompareItemsProps, CiBarProps } from './experiment-compare'
export type { ConnectedExperimentCompareProps } from './connected-experiment-compare'
export type { AddToDatasetButtonProps } from './add-to-dataset-button'
export type { ConnectedAddToDatasetButtonProps } from './connected-add-to-dataset-button'
export type { DiffPart } from './word-diff'
export type { ComparisonReading, IntervalSide, ReadComparisonOptions, FormatDifference } from './compare-reading'
export type {
  UseDatasetsOptions,
  UseDatasetItemsOptions,
  UseDatasetsResult,
  UseDatasetResult,
  UseDatasetItemsResult,
  UseCreateDatasetResult,
  UseAddDatasetItemsResult,
  UseUpdateDatasetItemResult,
  UseArchiveDatasetItemResult,
  UseAddTracesToDatasetResult,
  AddToDatasetTarget,
  AddToDatasetResult,
} from './use-datasets'
export type {
  UseExperimentsOptions,
  UseCompareItemsOptions,
  UseExperimentsResult,
  UseExperimentCompareResult,
  UseCompareItemsResult,
} from './use-experiments'
