import { SightlineError, type Evaluator, type EvaluatorInput, type EvaluatorPatch } from '@sightline/core'
import { useMemo } from 'react'
import { errorMessage } from '../utils/error-alert'
import { evaluatorToInput } from './evaluator-draft'
import { EvaluatorForm, type EvaluatorFormProps } from './evaluator-form'
import { useCreateEvaluator, useEvaluatorKinds, usePreviewEvaluator, useUpdateEvaluator } from './use-evaluators'

export interface ConnectedEvaluatorFormProps
  extends Omit<
    EvaluatorFormProps,
    | 'kinds'
    | 'kindsLoading'
    | 'kindsError'
    | 'onKindsRetry'
    | 'issues'
    | 'formError'
    | 'onSubmit'
    | 'submitting'
    | 'onPreview'
    | 'previewing'
    | 'previewResult'
    | 'previewError'
  > {
  /** an evaluator to edit; without it the form creates one */
  evaluator?: Evaluator | undefined
  /** after a save, with what the server stored */
  onSaved?: ((evaluator: Evaluator) => void) | undefined
}

/** Everything but the kind can change once an evaluator exists. */
function toPatch(input: EvaluatorInput): EvaluatorPatch {
  const { kind: _kind, ...rest } = input
  return { ...rest, scoreName: input.scoreName ?? null, filter: input.filter ?? null }
}

/**
 * The evaluator form on the provider's client: kinds from the server, Save creates (or updates)
 * the evaluator and refreshes the lists, Preview runs it on a trace without saving.
 */
export function ConnectedEvaluatorForm({ evaluator, onSaved, defaultValue, title, submitLabel, ...rest }: ConnectedEvaluatorFormProps) {
  const kinds = useEvaluatorKinds()
  const create = useCreateEvaluator()
  const update = useUpdateEvaluator()
  const preview = usePreviewEvaluator()
  const save = evaluator ? update : create
  const initial = useMemo(() => (evaluator ? evaluatorToInput(evaluator) : defaultValue), [evaluator, defaultValue])
  const saveError = save.error
  const issues = saveError instanceof SightlineError && saveError.issues.length ? saveError.issues : undefined
  return (
    <EvaluatorForm
      {...rest}
      // A different evaluator starts a fresh form.
      key={evaluator?.id ?? 'new'}
      title={title ?? (evaluator ? `Edit ${evaluator.name}` : 'New evaluator')}
      submitLabel={submitLabel ?? (evaluator ? 'Save changes' : 'Create evaluator')}
      defaultValue={initial}
      kinds={kinds.data}
      kindsLoading={kinds.isPending}
      kindsError={kinds.error}
      onKindsRetry={() => void kinds.refetch()}
      issues={issues}
      formError={saveError && !issues ? `Could not save: ${errorMessage(saveError)}` : undefined}
      submitting={save.isPending}
      onSubmit={(value) => {
        const done = { onSuccess: (saved: Evaluator) => onSaved?.(saved) }
        if (evaluator) update.mutate({ id: evaluator.id, patch: toPatch(value) }, done)
        else create.mutate(value, done)
      }}
      previewing={preview.isPending}
      previewResult={preview.data}
      previewError={preview.error}
      onPreview={(target, value) => preview.mutate({ evaluator: value, ...target })}
    />
  )
}
