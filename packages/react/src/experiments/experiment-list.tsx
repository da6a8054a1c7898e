import type { Experiment, ExperimentStatus } from '@sightline/core'
import { LoadMore } from '../utils/load-more'
import { useId, type ComponentPropsWithoutRef } from 'react'
import { formatCost, formatCount, formatLatency, formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { ListPanel, listState } from '../utils/list-panel'
import { useControllableState } from '../utils/use-controllable-state'
import { formatMean } from './compare-reading'

export interface ExperimentListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  experiments?: readonly Experiment[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the experiment compared against (controlled) */
  base?: string | null | undefined
  defaultBase?: string | null | undefined
  onBaseChange?: ((id: string | null) => void) | undefined
  /** the experiment judged against the base (controlled) */
  candidate?: string | null | undefined
  defaultCandidate?: string | null | undefined
  onCandidateChange?: ((id: string | null) => void) | undefined
  /** more pages wait behind the last one */
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
  locale?: string | undefined
  timeZone?: string | undefined
}

const STATUS_LABELS: Record<ExperimentStatus, string> = { running: 'Running', scoring: 'Scoring', done: 'Done' }

/** An experiment's state as a badge; colours come from `data-status`. */
export function ExperimentStatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <span className="sl-badge sl-experiment-status" data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  )
}

function progressText({ progress, status }: Experiment): string {
  const parts = [`${formatCount(progress.results)} / ${formatCount(progress.expected)} results`]
  if (progress.errors) parts.push(`${formatCount(progress.errors)} ${progress.errors === 1 ? 'error' : 'errors'}`)
  if (progress.pendingEvaluations || status === 'scoring') parts.push(`${formatCount(progress.pendingEvaluations)} evaluations pending`)
  return parts.join(' · ')
}

/**
 * A dataset's experiments: status and progress, score means, latency and cost; two radio columns
 * pick the base and the candidate to compare. Data from props (see `ConnectedExperimentList`).
 */
export function ExperimentList(props: ExperimentListProps) {
  const {
    experiments,
    loading = false,
    error = null,
    onRetry,
    base: baseProp,
    defaultBase = null,
    onBaseChange,
    candidate: candidateProp,
    defaultCandidate = null,
    onCandidateChange,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    headingLevel = 2,
    title = 'Experiments',
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const [base, setBase] = useControllableState<string | null>({ prop: baseProp, defaultProp: defaultBase, onChange: onBaseChange })
  const [candidate, setCandidate] = useControllableState<string | null>({
    prop: candidateProp,
    defaultProp: defaultCandidate,
    onChange: onCandidateChange,
  })
  const groupId = useId()
  const state = listState(experiments, error, loading)
  const nameOf = (id: string | null) => experiments?.find((e) => e.id === id)?.name

  return (
    <ListPanel
      {...rest}
      className={cx('sl-experiment-list', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="experiments"
      error={error}
      onRetry={onRetry}
      empty={
        <>
          <p>No experiments on this dataset yet.</p>
          <p className="sl-muted">
            An experiment runs your task (a model, a prompt, an agent) on every item of the dataset and sends the outputs back with{' '}
            <code>client.createExperiment()</code> and <code>postExperimentResults()</code>; evaluators score them. Run two — say, the
            current prompt and a new one — and compare them here, item by item.
          </p>
        </>
      }
    >
      {(titleId) => (
        <>
          <p className="sl-muted sl-experiment-list__hint" aria-live="polite">
            {base && candidate && base === candidate
              ? 'Pick two different experiments to compare.'
              : base && candidate
                ? `Comparing ${nameOf(candidate) ?? candidate} (candidate) with ${nameOf(base) ?? base} (base).`
                : 'Pick a base and a candidate to compare them.'}
          </p>
          <div className="sl-list-panel__scroll">
            <table className="sl-table sl-experiment-list__table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">Base</th>
                  <th scope="col">Candidate</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Scores (mean)</th>
                  <th scope="col" className="sl-num">
                    Latency
                  </th>
                  <th scope="col" className="sl-num">
                    Cost
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {experiments!.map((experiment) => {
                  const role = experiment.id === base ? 'base' : experiment.id === candidate ? 'candidate' : undefined
                  return (
                    <tr key={experiment.id} data-experiment-id={experiment.id} data-role={role}>
                      <td>
                        <input
                          type="radio"
                          name={`${groupId}-base`}
                          checked={experiment.id === base}
                          onChange={() => setBase(experiment.id)}
                          aria-label={`Base: ${experiment.name}`}
                        />
                      </td>
                      <td>
                        <input
                          type="radio"
                          name={`${groupId}-candidate`}
                          checked={experiment.id === candidate}
                          onChange={() => setCandidate(experiment.id)}
                          aria-label={`Candidate: ${experiment.name}`}
                        />
                      </td>
                      <th scope="row" className="sl-experiment-list__name">
                        {experiment.name}
                        <span className="sl-muted sl-experiment-list__meta">
                          dataset v{experiment.datasetVersion}
                          {experiment.repetitions > 1 && ` · ${experiment.repetitions} repetitions`}
                        </span>
                      </th>
                      <td>
                        <div className="sl-experiment-list__status">
                          <ExperimentStatusBadge status={experiment.status} />
                          <span className="sl-experiment-list__progress">{progressText(experiment)}</span>
                          {experiment.status !== 'done' && (
                            <progress
                              value={experiment.progress.results}
                              max={Math.max(1, experiment.progress.expected)}
                              aria-label={`${experiment.name}: results received`}
                            />
                          )}
                        </div>
                      </td>
                      <td>
                        {experiment.scores.length ? (
                          <ul className="sl-experiment-list__scores">
                            {experiment.scores.map((s) => (
                              <li key={s.name}>
                                <span className="sl-muted">{s.name}</span> {formatMean(s.mean)}
                                {s.missing > 0 && <span className="sl-experiment-list__missing"> ({formatCount(s.missing)} missing)</span>}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="sl-muted">no scores yet</span>
                        )}
                      </td>
                      <td className="sl-num">{formatLatency(experiment.latencyMs.mean)}</td>
                      <td className="sl-num">{formatCost(experiment.cost.total)}</td>
                      <td>
                        <time dateTime={experiment.createdAt}>
                          {formatTime(experiment.createdAt, { locale, timeZone, length: 'short' })}
                        </time>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} />
          {error && <ErrorAlert className="sl-error-text" what="Could not load more experiments" error={error} onRetry={onRetry} />}
        </>
      )}
    </ListPanel>
  )
}
