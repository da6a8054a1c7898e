import type { QueueStats as QueueStatsData } from '@sightline/core'
import { useId, type ComponentPropsWithoutRef } from 'react'
import { formatCount, formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'

export interface QueueStatsProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  stats?: QueueStatsData | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
  locale?: string | undefined
  timeZone?: string | undefined
}

/** 42 s, 3 min 5 s, 1 h 2 min */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—'
  if (seconds < 60) return `${Math.round(seconds)} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
}

const COUNTS = [
  ['total', 'Total'],
  ['pending', 'Pending'],
  ['inProgress', 'In progress'],
  ['done', 'Done'],
  ['skipped', 'Skipped'],
] as const

/**
 * A queue's items by status, and per reviewer: done, skipped, median time, last hour. The figures
 * come from props (see `ConnectedQueueStats` for the one that fetches).
 */
export function QueueStats(props: QueueStatsProps) {
  const {
    stats,
    loading = false,
    error = null,
    onRetry,
    headingLevel = 2,
    title = 'Queue statistics',
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const state = stats ? 'ready' : error ? 'error' : loading ? 'loading' : 'empty'
  const reviewers = stats ? [...stats.reviewers].sort((a, b) => b.done - a.done || a.reviewer.localeCompare(b.reviewer)) : []
  return (
    <section
      {...rest}
      className={cx('sl-root sl-queue-stats', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <Heading id={titleId} className="sl-queue-stats__title">
        {title}
      </Heading>
      {state === 'loading' ? (
        <p role="status">Loading statistics…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not load the statistics" error={error!} onRetry={onRetry} />
      ) : !stats ? (
        <p className="sl-muted">No statistics to show.</p>
      ) : (
        <>
          <dl className="sl-totals sl-queue-stats__counts">
            {COUNTS.map(([key, term]) => (
              <div key={key} className="sl-totals__item" data-status={key}>
                <dt>{term}</dt>
                <dd>{formatCount(stats.counts[key])}</dd>
              </div>
            ))}
          </dl>
          {reviewers.length === 0 ? (
            <p className="sl-muted">Nobody has reviewed in this queue yet.</p>
          ) : (
            <table className="sl-table sl-queue-stats__table">
              <caption className="sl-visually-hidden">Reviewers</caption>
              <thead>
                <tr>
                  <th scope="col">Reviewer</th>
                  <th scope="col" className="sl-num">
                    Done
                  </th>
                  <th scope="col" className="sl-num">
                    Skipped
                  </th>
                  <th scope="col" className="sl-num">
                    Median time
                  </th>
                  <th scope="col" className="sl-num">
                    Last hour
                  </th>
                  <th scope="col">Last active</th>
                </tr>
              </thead>
              <tbody>
                {reviewers.map((r) => (
                  <tr key={r.reviewer} data-reviewer={r.reviewer}>
                    <th scope="row">{r.reviewer}</th>
                    <td className="sl-num">{formatCount(r.done)}</td>
                    <td className="sl-num">{formatCount(r.skipped)}</td>
                    <td className="sl-num">{formatSeconds(r.medianSeconds)}</td>
                    <td className="sl-num">{formatCount(r.lastHour)}</td>
                    <td>
                      {r.lastAt ? <time dateTime={r.lastAt}>{formatTime(r.lastAt, { locale, timeZone, length: 'short' })}</time> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}
