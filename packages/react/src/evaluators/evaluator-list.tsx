import type { Evaluator, EvaluatorKind } from '@sightline/core'
import type { ComponentPropsWithoutRef, ReactNode, SyntheticEvent } from 'react'
import { formatCost, formatCount, formatLatency, MISSING } from '../format/format'
import { cx } from '../utils/cx'
import { errorMessage } from '../utils/error-alert'
import { ListPanel, listState } from '../utils/list-panel'
import { formatShare } from './evaluator-format'
import { EvaluatorStatusBadge } from './status-badge'

export interface EvaluatorListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title' | 'onSelect'> {
  evaluators?: readonly Evaluator[] | undefined
  /** the kinds, for their labels; the kind's id shows without them */
  kinds?: readonly EvaluatorKind[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** a click on an evaluator's name */
  onSelect?: ((evaluator: Evaluator, event: SyntheticEvent) => void) | undefined
  /** the evaluator shown elsewhere (marked aria-current) */
  selectedId?: string | null | undefined
  /** "Resume" on a paused evaluator; without it no button shows */
  onResume?: ((evaluator: Evaluator, event: SyntheticEvent) => void) | undefined
  /** the evaluator being resumed: its button is busy */
  resumingId?: string | null | undefined
  /** a failed resume, shown above the list */
  resumeError?: Error | string | null | undefined
  /** "New evaluator", in the header and the empty state */
  onCreate?: ((event: SyntheticEvent) => void) | undefined
  /** archived evaluators are left out unless this is set */
  showArchived?: boolean | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * The project's evaluators: kind, status (a paused one says why, with Resume), sample rate and the
 * last day's figures when the server sends them. Data from props (see `ConnectedEvaluatorList`).
 */
export function EvaluatorList(props: EvaluatorListProps) {
  const {
    evaluators,
    kinds,
    loading = false,
    error = null,
    onRetry,
    onSelect,
    selectedId,
    onResume,
    resumingId = null,
    resumeError = null,
    onCreate,
    showArchived = false,
    headingLevel = 2,
    title = 'Evaluators',
    className,
    ...rest
  } = props
  const shown = evaluators?.filter((e) => showArchived || e.status !== 'archived')
  const state = listState(shown, error, loading)
  // The list endpoint may leave figures out (they come with one evaluator's details): no empty columns then.
  const withStats = shown?.some((e) => e.stats) ?? false
  const labelOf = (kind: string) => kinds?.find((k) => k.kind === kind)?.label ?? kind
  const createButton = (children: ReactNode) =>
    onCreate && (
      <button type="button" className="sl-button" onClick={onCreate}>
        {children}
      </button>
    )

  return (
    <ListPanel
      {...rest}
      className={cx('sl-evaluator-list', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="evaluators"
      error={error}
      onRetry={onRetry}
      action={createButton('New evaluator')}
      notice={
        resumeError && (
          <p role="alert" className="sl-error-text">
            Could not resume the evaluator: {errorMessage(resumeError)}
          </p>
        )
      }
      empty={
        <>
          <p>No evaluators yet — create one to score traces automatically.</p>
          <p className="sl-muted">
            An evaluator scores new traces as they arrive: a phrase or pattern check, a comparison with the expected output, or an LLM judge
            with your prompt. Its scores show in the charts beside your users' feedback.
          </p>
          {createButton('Create an evaluator')}
        </>
      }
    >
      {(titleId) => (
        <div className="sl-list-panel__scroll">
          <table className="sl-table sl-evaluator-list__table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="sl-num">
                  Sampled
                </th>
                {withStats && (
                  <>
                    <th scope="col" className="sl-num">
                      Done
                    </th>
                    <th scope="col" className="sl-num">
                      Errors
                    </th>
                    <th scope="col" className="sl-num">
                      Pending
                    </th>
                    <th scope="col" className="sl-num">
                      <abbr title="median run time">p50</abbr>
                    </th>
                    <th scope="col" className="sl-num">
                      Cost 24 h
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {(shown ?? []).map((evaluator) => {
                const { stats } = evaluator
                const selected = evaluator.id === selectedId
                return (
                  <tr
                    key={evaluator.id}
                    data-evaluator-id={evaluator.id}
                    data-state={selected ? 'selected' : undefined}
                    aria-current={selected ? 'true' : undefined}
                  >
                    <th scope="row">
                      {onSelect ? (
                        <button type="button" className="sl-link-button sl-evaluator-list__name" onClick={(e) => onSelect(evaluator, e)}>
                          {evaluator.name}
                        </button>
                      ) : (
                        evaluator.name
                      )}
                      {evaluator.scoreName && evaluator.scoreName !== evaluator.name && (
                        <span className="sl-evaluator-list__score sl-muted"> → {evaluator.scoreName}</span>
                      )}
                    </th>
                    <td>{labelOf(evaluator.kind)}</td>
                    <td>
                      <div className="sl-evaluator-list__status">
                        <EvaluatorStatusBadge status={evaluator.status} />
                        {evaluator.status === 'paused' && (
                          <>
                            {evaluator.pausedReason && <p className="sl-evaluator-list__reason">{evaluator.pausedReason}</p>}
                            {onResume && (
                              <button
                                type="button"
                                className="sl-button"
                                aria-disabled={resumingId === evaluator.id || undefined}
                                onClick={(e) => resumingId !== evaluator.id && onResume(evaluator, e)}
                              >
                                {resumingId === evaluator.id ? 'Resuming…' : 'Resume'}
                                <span className="sl-visually-hidden"> {evaluator.name}</span>
                              </button>
                            )}
                          </>
                        )}
                      </div>
                    </td>
                    <td className="sl-num">{formatShare(evaluator.sampleRate)}</td>
                    {withStats && (
                      <>
                        <td className="sl-num">{formatCount(stats?.done)}</td>
                        <td className="sl-num" data-alert={stats && stats.errors > 0 ? '' : undefined}>
                          {formatCount(stats?.errors)}
                        </td>
                        <td className="sl-num">{formatCount(stats?.pending)}</td>
                        <td className="sl-num">{formatLatency(stats?.p50DurationMs)}</td>
                        <td className="sl-num">{stats ? formatCost(stats.cost24h) : MISSING}</td>
                      </>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </ListPanel>
  )
}
