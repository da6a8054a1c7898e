import { useState } from 'react'
import { ExperimentCompare, type ExperimentCompareProps } from './experiment-compare'
import { useCompareItems, useExperimentCompare } from './use-experiments'

export interface ConnectedExperimentCompareProps
  extends Omit<
    ExperimentCompareProps,
    | 'compare'
    | 'loading'
    | 'error'
    | 'onRetry'
    | 'items'
    | 'itemsLoading'
    | 'itemsError'
    | 'onItemsRetry'
    | 'hasMore'
    | 'onLoadMore'
    | 'loadingMore'
  > {
  /** the experiment compared against */
  base: string
  /** the experiment judged against the base */
  candidate: string
  /** items per page; 20 by default (each shows every repetition's output) */
  pageSize?: number | undefined
}

/**
 * Two experiments compared through the provider's client; the items follow the score picked and
 * "Regressions only" (the server filters them: `change=regressed`).
 */
export function ConnectedExperimentCompare({
  base,
  candidate,
  pageSize = 20,
  score: scoreProp,
  defaultScore = null,
  onScoreChange,
  regressionsOnly: regressionsOnlyProp,
  defaultRegressionsOnly = false,
  onRegressionsOnlyChange,
  ...rest
}: ConnectedExperimentCompareProps) {
  const [innerScore, setInnerScore] = useState<string | null>(defaultScore)
  const [innerRegressions, setInnerRegressions] = useState(defaultRegressionsOnly)
  const score = scoreProp === undefined ? innerScore : scoreProp
  const regressionsOnly = regressionsOnlyProp ?? innerRegressions
  const compare = useExperimentCompare(base, candidate)
  const items = useCompareItems(base, candidate, { score, change: regressionsOnly ? 'regressed' : null, limit: pageSize })
  return (
    <ExperimentCompare
      {...rest}
      compare={compare.data}
      loading={compare.isPending}
      error={compare.error}
      onRetry={() => void compare.refetch()}
      items={items.data?.pages.flatMap((p) => p.data)}
      itemsLoading={items.isPending}
      itemsError={items.error}
      onItemsRetry={() => void (items.isFetchNextPageError ? items.fetchNextPage() : items.refetch())}
      hasMore={items.hasNextPage}
      loadingMore={items.isFetchingNextPage}
      onLoadMore={() => void items.fetchNextPage()}
      score={score}
      onScoreChange={(next) => {
        setInnerScore(next)
        onScoreChange?.(next)
      }}
      regressionsOnly={regressionsOnly}
      onRegressionsOnlyChange={(next) => {
        setInnerRegressions(next)
        onRegressionsOnlyChange?.(next)
      }}
    />
  )
}
