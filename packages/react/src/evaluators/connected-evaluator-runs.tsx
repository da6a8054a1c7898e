import { useState } from 'react'
import { EvaluatorRuns, type EvalRunFilter, type EvaluatorRunsProps } from './evaluator-runs'
import { useEvaluatorRuns } from './use-evaluators'

export interface ConnectedEvaluatorRunsProps
  extends Omit<EvaluatorRunsProps, 'runs' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'onLoadMore' | 'loadingMore'> {
  evaluatorId: string
  /** runs per page; 50 by default */
  pageSize?: number | undefined
  /** refetch every this many ms; off by default */
  refetchInterval?: number | false | undefined
}

/** An evaluator's runs fetched through the provider's client, filtered by status, a page at a time. */
export function ConnectedEvaluatorRuns({
  evaluatorId,
  pageSize = 50,
  refetchInterval = false,
  status: statusProp,
  defaultStatus = 'all',
  onStatusChange,
  ...rest
}: ConnectedEvaluatorRunsProps) {
  const [inner, setInner] = useState<EvalRunFilter>(defaultStatus)
  const status = statusProp ?? inner
  const runs = useEvaluatorRuns(evaluatorId, { status: status === 'all' ? undefined : status, limit: pageSize, refetchInterval })
  return (
    <EvaluatorRuns
      {...rest}
      status={status}
      onStatusChange={(next) => {
        setInner(next)
        onStatusChange?.(next)
      }}
      runs={runs.data?.pages.flatMap((p) => p.data)}
      loading={runs.isPending}
      error={runs.error}
      onRetry={() => void (runs.isFetchNextPageError ? runs.fetchNextPage() : runs.refetch())}
      hasMore={runs.hasNextPage}
      loadingMore={runs.isFetchingNextPage}
      onLoadMore={() => void runs.fetchNextPage()}
    />
  )
}
