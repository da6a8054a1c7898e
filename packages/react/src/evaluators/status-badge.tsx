import type { EvalRunStatus, EvaluatorStatus } from '@sightline/core'

const EVALUATOR_STATUS_LABELS: Record<EvaluatorStatus, string> = {
  active: 'Active',
  inactive: 'Off',
  paused: 'Paused',
  archived: 'Archived',
}

const RUN_STATUS_LABELS: Record<EvalRunStatus, string> = {
  pending: 'Pending',
  done: 'Done',
  error: 'Error',
  skipped: 'Skipped',
}

/** An evaluator's state as a badge; colours come from `data-status`. */
export function EvaluatorStatusBadge({ status }: { status: EvaluatorStatus }) {
  return (
    <span className="sl-badge sl-eval-status" data-status={status}>
      {EVALUATOR_STATUS_LABELS[status]}
    </span>
  )
}

/** A run's state as a badge. */
export function EvalRunStatusBadge({ status }: { status: EvalRunStatus }) {
  return (
    <span className="sl-badge sl-eval-status" data-status={status}>
      {RUN_STATUS_LABELS[status]}
    </span>
  )
}

export { RUN_STATUS_LABELS }
