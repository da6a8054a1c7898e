import type { Agreement } from '@sightline/core'
import { useEffect, useId, useState, type ComponentPropsWithoutRef, type CSSProperties, type FormEvent } from 'react'
import { formatCount } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { useControllableState } from '../utils/use-controllable-state'
import { FEW_PAIRS, readCorrelation, readKappa, type AgreementReading } from './agreement-reading'
import { formatShare } from './evaluator-format'

export interface EvaluatorAgreementProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  agreement?: Agreement | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the reviewers' score compared with (controlled); set by "Compare" */
  humanScoreName?: string | undefined
  defaultHumanScoreName?: string | undefined
  onHumanScoreNameChange?: ((name: string) => void) | undefined
  /** score names to suggest (the project's human score configs) */
  humanScoreNames?: readonly string[] | undefined
  /** the evaluator's id, for the queue rule the empty state suggests */
  evaluatorId?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

const fixed = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits))

/**
 * How an evaluator's scores agree with reviewers' scores of the same traces: for labels a
 * confusion matrix (rows the evaluator's label, columns the reviewer's) shaded by count, with the
 * share agreed and Cohen's κ; for numbers Pearson's r, Spearman's ρ and the mean absolute error.
 * Each with the number of pairs and what the figure means for trusting the judge.
 */
export function EvaluatorAgreement(props: EvaluatorAgreementProps) {
  const {
    agreement,
    loading = false,
    error = null,
    onRetry,
    humanScoreName: nameProp,
    defaultHumanScoreName = '',
    onHumanScoreNameChange,
    humanScoreNames,
    evaluatorId,
    headingLevel = 2,
    title = 'Agreement with reviewers',
    className,
    ...rest
  } = props
  const [name, setName] = useControllableState({ prop: nameProp, defaultProp: defaultHumanScoreName, onChange: onHumanScoreNameChange })
  const [draft, setDraft] = useState(name)
  useEffect(() => setDraft(name), [name])
  const id = useId()
  const Heading = `h${headingLevel}` as const
  const state = !name ? 'idle' : agreement ? (agreement.n === 0 ? 'empty' : 'ready') : error ? 'error' : loading ? 'loading' : 'idle'
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setName(draft.trim())
  }

  return (
    <section
      {...rest}
      className={cx('sl-root sl-evaluator-agreement', className)}
      aria-labelledby={`${id}-title`}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <Heading id={`${id}-title`} className="sl-evaluator-agreement__title">
        {title}
      </Heading>
      <form className="sl-evaluator-agreement__pick" onSubmit={submit}>
        <label htmlFor={`${id}-human`}>Reviewers' score</label>
        <input
          id={`${id}-human`}
          className="sl-input"
          type="text"
          autoComplete="off"
          list={humanScoreNames?.length ? `${id}-names` : undefined}
          value={draft}
          maxLength={200}
          onChange={(e) => setDraft(e.target.value)}
        />
        {humanScoreNames?.length ? (
          <datalist id={`${id}-names`}>
            {humanScoreNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        ) : null}
        <button type="submit" className="sl-button">
          Compare
        </button>
      </form>
      {state === 'idle' ? (
        <p className="sl-muted">Name the score your reviewers give (in an annotation queue) to compare this evaluator with it.</p>
      ) : state === 'loading' ? (
        <p role="status">Comparing with “{name}”…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not compare" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <div className="sl-evaluator-agreement__empty">
          <p>No pairs yet: reviewers have not scored “{agreement!.human}” on any trace this evaluator scored.</p>
          <p className="sl-muted">
            Add a rule to an annotation queue that sends it the evaluator's traces —{' '}
            <code>{`{ "kind": "evaluator", "evaluatorId": "${evaluatorId ?? '…'}" }`}</code> — and the figures appear as reviewers work
            through it.
          </p>
        </div>
      ) : agreement!.dataType === 'numeric' ? (
        <NumericAgreement agreement={agreement!} />
      ) : (
        <LabelAgreement agreement={agreement!} captionId={`${id}-caption`} />
      )}
    </section>
  )
}

function Reading({ reading, n }: { reading: AgreementReading; n: number }) {
  return (
    <p className="sl-evaluator-agreement__reading" data-level={reading.level}>
      {reading.text.charAt(0).toUpperCase() + reading.text.slice(1)}
      {n < FEW_PAIRS && <span className="sl-muted"> With only {formatCount(n)} pairs, this can still change a lot.</span>}
    </p>
  )
}

function NumericAgreement({ agreement }: { agreement: Extract<Agreement, { dataType: 'numeric' }> }) {
  return (
    <>
      <dl className="sl-totals sl-evaluator-agreement__figures">
        <div className="sl-totals__item">
          <dt>Pearson r</dt>
          <dd>{fixed(agreement.pearson)}</dd>
        </div>
        <div className="sl-totals__item">
          <dt>Spearman ρ</dt>
          <dd>{fixed(agreement.spearman)}</dd>
        </div>
        <div className="sl-totals__item">
          <dt>Mean abs. error</dt>
          <dd>{fixed(agreement.mae, 3)}</dd>
        </div>
        <div className="sl-totals__item">
          <dt>Pairs (n)</dt>
          <dd>{formatCount(agreement.n)}</dd>
        </div>
      </dl>
      <Reading reading={readCorrelation(agreement.pearson)} n={agreement.n} />
    </>
  )
}

function LabelAgreement({
  agreement,
  captionId,
}: {
  agreement: Extract<Agreement, { dataType: 'boolean' | 'categorical' }>
  captionId: string
}) {
  const { labels, matrix } = agreement.confusion
  const max = Math.max(1, ...matrix.flat())
  const total = matrix.flat().reduce((a, b) => a + b, 0)
  return (
    <>
      <dl className="sl-totals sl-evaluator-agreement__figures">
        <div className="sl-totals__item">
          <dt>Agreement</dt>
          <dd>{formatShare(agreement.agreement)}</dd>
        </div>
        <div className="sl-totals__item">
          <dt>Cohen's κ</dt>
          <dd>{fixed(agreement.cohenKappa)}</dd>
        </div>
        <div className="sl-totals__item">
          <dt>Pairs (n)</dt>
          <dd>{formatCount(agreement.n)}</dd>
        </div>
      </dl>
      <Reading reading={readKappa(agreement.cohenKappa)} n={agreement.n} />
      <div className="sl-evaluator-agreement__scroll">
        <table className="sl-evaluator-matrix" aria-describedby={captionId}>
          <caption id={captionId}>
            Confusion matrix: rows are the evaluator's label, columns the reviewers' label for the same trace.
          </caption>
          <thead>
            <tr>
              <td className="sl-evaluator-matrix__corner">
                <span aria-hidden="true">evaluator ↓ · reviewer →</span>
              </td>
              {labels.map((label) => (
                <th key={label} scope="col">
                  <span className="sl-visually-hidden">Reviewer: </span>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((rowLabel, r) => (
              <tr key={rowLabel}>
                <th scope="row">
                  <span className="sl-visually-hidden">Evaluator: </span>
                  {rowLabel}
                </th>
                {labels.map((colLabel, c) => {
                  const count = matrix[r]?.[c] ?? 0
                  const heat = count / max
                  return (
                    <td
                      key={colLabel}
                      className="sl-evaluator-matrix__cell"
                      data-diagonal={r === c ? '' : undefined}
                      data-strong={heat > 0.55 ? '' : undefined}
                      style={{ '--sl-heat': `${Math.round(heat * 100)}%` } as CSSProperties}
                    >
                      {formatCount(count)}
                      {total > 0 && <span className="sl-evaluator-matrix__share"> {formatShare(count / total)}</span>}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
