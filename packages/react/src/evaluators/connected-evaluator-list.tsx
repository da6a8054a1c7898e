import { EvaluatorList, type EvaluatorListProps } from './evaluator-list'
import { useEvaluatorKinds, useEvaluators, useUpdateEvaluator } from './use-evaluators'

export interface ConnectedEvaluatorListProps
  extends Omit<EvaluatorListProps, 'evaluators' | 'kinds' | 'loading' | 'error' | 'onRetry' | 'onResume' | 'resumingId' | 'resumeError'> {
  /** refetch every this many ms; 30 s by default (figures move as runs finish) */
  refetchInterval?: number | false | undefined
}

/** The project's evaluators, fetched through the provider's client; Resume switches a paused one back on. */
export function ConnectedEvaluatorList({ refetchInterval = 30_000, ...rest }: ConnectedEvaluatorListProps) {
  const evaluators = useEvaluators({ refetchInterval })
  const kinds = useEvaluatorKinds()
  const update = useUpdateEvaluator()
  return (
    <EvaluatorList
      {...rest}
      evaluators={evaluators.data}
      kinds={kinds.data}
      loading={evaluators.isPending}
      error={evaluators.error}
      onRetry={() => void evaluators.refetch()}
      onResume={(evaluator) => update.mutate({ id: evaluator.id, patch: { active: true } })}
      resumingId={update.isPending ? update.variables.id : null}
      resumeError={update.error}
    />
  )
}
