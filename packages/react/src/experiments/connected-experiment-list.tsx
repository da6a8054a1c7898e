import { ExperimentList, type ExperimentListProps } from './experiment-list'
import { useExperiments } from './use-experiments'

export interface ConnectedExperimentListProps
  extends Omit<ExperimentListProps, 'experiments' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'onLoadMore' | 'loadingMore'> {
  datasetId: string
  /** experiments per page; 50 by default */
  pageSize?: number | undefined
  /** while an experiment is running or scoring, refetch every this many ms; 10 s by default */
  refetchInterval?: number | false | undefined
}

/** A dataset's experiments through the provider's client; polls while one of them is unfinished. */
export function ConnectedExperimentList({ datasetId, pageSize = 50, refetchInterval = 10_000, ...rest }: ConnectedExperimentListProps) {
  const experiments = useExperiments(datasetId, { limit: pageSize, refetchInterval })
  return (
    <ExperimentList
      {...rest}
      experiments={experiments.data?.pages.flatMap((p) => p.data)}
      loading={experiments.isPending}
      error={experiments.error}
      onRetry={() => void (experiments.isFetchNextPageError ? experiments.fetchNextPage() : experiments.refetch())}
      hasMore={experiments.hasNextPage}
      loadingMore={experiments.isFetchingNextPage}
      onLoadMore={() => void experiments.fetchNextPage()}
    />
  )
}
