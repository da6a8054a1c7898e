import { EVAL_RUN_STATUSES, type EvalRun, type EvalRunStatus } from '@sightline/core'
import { ToggleGroup } from 'radix-ui'
import { useId, type ComponentPropsWithoutRef, type MouseEvent } from 'react'
import { formatCost, formatCount, formatLatency, formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { LoadMore } from '../utils/load-more'
import { useControllableState } from '../utils/use-controllable-state'
import { formatScoreValue } from './evaluator-format'
import { EvalRunStatusBadge, RUN_STATUS_LABELS } from './status-badge'

/** A status to show, or every run. */
export type EvalRunFilter = EvalRunStatus | 'all'

export interface EvaluatorRunsProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  /** the runs loaded so far, newest first */
  runs?: readonly EvalRun[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the status shown (controlled) */
  status?: EvalRunFilter | undefined
  defaultStatus?: EvalRunFilter | undefined
  onStatusChange?: ((status: EvalRunFilter) => void) | undefined
  /** more pages wait behind the last one (the server sent a `nextCursor`) */
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  /** a click on a trace id; with `traceHref` too, the link's plain click is left to this */
  onOpenTrace?: ((run: EvalRun, event: MouseEvent<HTMLElement>) => void) | undefined
  /** where a trace id links to */
  traceHref?: ((run: EvalRun) => string) | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
  locale?: string | undefined
  timeZone?: string | undefined
}

const FILTERS: readonly EvalRunFilter[] = ['all', ...EVAL_RUN_STATUSES]
const filterLabel = (f: EvalRunFilter) => (f === 'all' ? 'All' : RUN_STATUS_LABELS[f])

/**
 * An evaluator's runs: status, the trace, the value written or why it failed, attempts, duration,
 * cost and when it finished; filtered by status, a page at a time. Data from props (see
 * `ConnectedEvaluatorRuns`).
 */
export function EvaluatorRuns(props: EvaluatorRunsProps) {
  const {
    runs,
    loading = false,
    error = null,
    onRetry,
    status: statusProp,
    defaultStatus = 'all',
    onStatusChange,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    onOpenTrace,
    traceHref,
    headingLevel = 2,
    title = 'Runs',
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const [status, setStatus] = useControllableState<EvalRunFilter>({
    prop: statusProp,
    defaultProp: defaultStatus,
    onChange: onStatusChange,
  })
  const titleId = useId()
  const filterId = useId()
  const Heading = `h${headingLevel}` as const
  const state = runs ? (runs.length ? 'ready' : 'empty') : error ? 'error' : loading ? 'loading' : 'empty'

  return (
    <section
      {...rest}
      className={cx('sl-root sl-evaluator-runs', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <div className="sl-evaluator-runs__header">
        <Heading id={titleId} className="sl-evaluator-runs__title">
          {title}
        </Heading>
        <span id={filterId} className="sl-visually-hidden">
          Show runs
        </span>
        <ToggleGroup.Root
          type="single"
          className="sl-evaluator-runs__filter"
          aria-labelledby={filterId}
          value={status}
          // Pressing the pressed button again keeps it: one status is always shown.
          onValueChange={(next) => next && setStatus(next as EvalRunFilter)}
        >
          {FILTERS.map((f) => (
            <ToggleGroup.Item key={f} value={f} className="sl-evaluator-runs__filter-item">
              {filterLabel(f)}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup.Root>
      </div>
      {state === 'loading' ? (
        <p role="status">Loading runs…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not load the runs" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-muted">
          {status === 'all'
            ? 'No runs yet. New traces that match the filter are scored after the delay; a backfill scores older ones.'
            : `No ${filterLabel(status).toLowerCase()} runs.`}
        </p>
      ) : (
        <>
          <div className="sl-evaluator-runs__scroll">
            <table className="sl-table sl-evaluator-runs__table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Trace</th>
                  <th scope="col">Value</th>
                  <th scope="col">Error</th>
                  <th scope="col" className="sl-num">
                    Attempts
                  </th>
                  <th scope="col" className="sl-num">
                    Duration
                  </th>
                  <th scope="col" className="sl-num">
                    Cost
                  </th>
                  <th scope="col">Finished</th>
                </tr>
              </thead>
              <tbody>
                {runs!.map((run) => (
                  <tr key={`${run.traceId}/${run.spanId ?? ''}`} data-status={run.status}>
                    <td>
                      <EvalRunStatusBadge status={run.status} />
                    </td>
                    <td className="sl-evaluator-runs__trace">
                      <TraceCell run={run} onOpenTrace={onOpenTrace} traceHref={traceHref} />
                    </td>
                    <td>{formatScoreValue(run.value)}</td>
                    <td className="sl-evaluator-runs__error">{run.error ?? ''}</td>
                    <td className="sl-num">{formatCount(run.attempts)}</td>
                    <td className="sl-num">{formatLatency(run.durationMs)}</td>
                    <td className="sl-num">{formatCost(run.cost)}</td>
                    <td>
                      {run.finishedAt ? (
                        <time dateTime={run.finishedAt}>{formatTime(run.finishedAt, { locale, timeZone, length: 'short' })}</time>
                      ) : (
                        <span className="sl-muted">
                          due <time dateTime={run.scheduledAt}>{formatTime(run.scheduledAt, { locale, timeZone, length: 'short' })}</time>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} className="sl-load-more--center" />
          {error && <ErrorAlert className="sl-error-text" what="Could not load more runs" error={error} onRetry={onRetry} />}
        </>
      )}
    </section>
  )
}

function TraceCell({ run, onOpenTrace, traceHref }: Pick<EvaluatorRunsProps, 'onOpenTrace' | 'traceHref'> & { run: EvalRun }) {
  const label = (
    <>
      <code>{run.traceId}</code>
      {run.spanId && <span className="sl-muted"> / {run.spanId}</span>}
    </>
  )
  if (traceHref)
    return (
      <a
        href={traceHref(run)}
        onClick={(e) => {
          // A modified click opens a tab, as links do.
          if (!onOpenTrace || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
          onOpenTrace(run, e)
        }}
      >
        {label}
      </a>
    )
  if (onOpenTrace)
    return (
      <button type="button" className="sl-link-button" onClick={(e) => onOpenTrace(run, e)}>
        {label}
      </button>
    )
  return label
}
