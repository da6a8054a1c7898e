// Evaluators: automatic scoring of live traces — list, form with preview, runs, agreement with reviewers.

// Components
export { EvaluatorList } from './evaluator-list'
export { ConnectedEvaluatorList } from './connected-evaluator-list'
export { EvaluatorForm } from './evaluator-form'
export { ConnectedEvaluatorForm } from './connected-evaluator-form'
export { EvaluatorRuns } from './evaluator-runs'
export { ConnectedEvaluatorRuns } from './connected-evaluator-runs'
export { EvaluatorAgreement } from './evaluator-agreement'
export { ConnectedEvaluatorAgreement } from './connected-evaluator-agreement'
export { EvaluatorStatusBadge, EvalRunStatusBadge } from './status-badge'

// Hooks
export {
  useEvaluatorKinds,
  useEvaluators,
  useEvaluator,
  useEvaluatorRuns,
  useEvaluatorAgreement,
  useCreateEvaluator,
  useUpdateEvaluator,
  useDeleteEvaluator,
  usePreviewEvaluator,
} from './use-evaluators'

// Helpers
export { readKappa, readCorrelation } from './agreement-reading'
export { evaluatorToInput, parseFilter, formatFilter, issuesToFormErrors, validateEvaluator } from './evaluator-draft'

// Types
export type { EvaluatorListProps } from './evaluator-list'
export type { ConnectedEvaluatorListProps } from './connected-evaluator-list'
export type { EvaluatorFormProps, EvaluatorPreviewTarget } from './evaluator-form'
export type { ConnectedEvaluatorFormProps } from './connected-evaluator-form'
export type { EvaluatorRunsProps, EvalRunFilter } from './evaluator-runs'
export type { ConnectedEvaluatorRunsProps } from './connected-evaluator-runs'
export type { EvaluatorAgreementProps } from './evaluator-agreement'
export type { ConnectedEvaluatorAgreementProps } from './connected-evaluator-agreement'
export type { AgreementReading } from './agreement-reading'
export type { EvaluatorFilter, EvaluatorFormErrors } from './evaluator-draft'
export type {
  EvaluatorPollOptions,
  UseEvaluatorRunsOptions,
  UseEvaluatorKindsResult,
  UseEvaluatorsResult,
  UseEvaluatorResult,
  UseEvaluatorRunsResult,
  UseEvaluatorAgreementResult,
  UseCreateEvaluatorResult,
  UseUpdateEvaluatorResult,
  UseDeleteEvaluatorResult,
  UsePreviewEvaluatorResult,
} from './use-evaluators'
