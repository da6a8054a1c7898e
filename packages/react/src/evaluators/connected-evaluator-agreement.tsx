import { useState } from 'react'
import { EvaluatorAgreement, type EvaluatorAgreementProps } from './evaluator-agreement'
import { useEvaluatorAgreement } from './use-evaluators'

export interface ConnectedEvaluatorAgreementProps
  extends Omit<EvaluatorAgreementProps, 'agreement' | 'loading' | 'error' | 'onRetry' | 'evaluatorId'> {
  evaluatorId: string
}

/** Agreement of an evaluator with the reviewers' score named in it, fetched through the provider's client. */
export function ConnectedEvaluatorAgreement({
  evaluatorId,
  humanScoreName: nameProp,
  defaultHumanScoreName = '',
  onHumanScoreNameChange,
  ...rest
}: ConnectedEvaluatorAgreementProps) {
  const [inner, setInner] = useState(defaultHumanScoreName)
  const name = nameProp ?? inner
  const agreement = useEvaluatorAgreement(evaluatorId, name)
  return (
    <EvaluatorAgreement
      {...rest}
      evaluatorId={evaluatorId}
      humanScoreName={name}
      onHumanScoreNameChange={(next) => {
        setInner(next)
        onHumanScoreNameChange?.(next)
      }}
      agreement={agreement.data}
      loading={agreement.isFetching}
      error={agreement.error}
      onRetry={() => void agreement.refetch()}
    />
  )
}
