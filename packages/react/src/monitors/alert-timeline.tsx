import type { Monitor, MonitorEvent } from '@sightline/core'
import { LoadMore } from '../utils/load-more'
import type { ComponentPropsWithoutRef } from 'react'
import { formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { ListPanel } from '../utils/list-panel'
import type { OpenTracesContext } from './monitor-list'
import { eventTracesFilter, formatMetricValue, groupLabel, type MonitorTracesFilter } from './monitor-format'

export interface AlertTimelineProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  /** newest first, as the API sends them */
  events?: readonly MonitorEvent[] | undefined
  /** the events' monitor: values in its metric's unit, and the filter "Traces" opens */
  monitor?: Monitor | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  /** "Traces" on each fired event: the trace-table filter for its window ({ from, to, …filter, [groupBy]: group }) */
  onOpenTraces?: ((filter: MonitorTracesFilter, context: OpenTracesContext) => void) | undefined
  timeZone?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * A monitor's alerts, newest first: each fired and resolved event with its group, the window's
 * value against the baseline, and a link to the window's traces. Data from props (see
 * `ConnectedAlertTimeline`).
 */
export function AlertTimeline(props: AlertTimelineProps) {
  const {
    events,
    monitor,
    loading = false,
    error = null,
    onRetry,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    onOpenTraces,
    timeZone,
    headingLevel = 3,
    title = 'Alerts',
    className,
    ...rest
  } = props
  // A failed next page keeps the events already shown.
  const state = events?.length ? 'ready' : error ? 'error' : loading || (events === undefined && !error) ? 'loading' : 'empty'
  const metric = monitor?.metric ?? ''
  const time = (iso: string) => <time dateTime={iso}>{formatTime(iso, { length: 'short', timeZone })}</time>

  return (
    <ListPanel
      {...rest}
      className={cx('sl-alert-timeline', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="alerts"
      error={error}
      onRetry={onRetry}
      empty={
        <>
          <p>No alerts yet.</p>
          <p className="sl-muted">
            When a window crosses the monitor's condition it fires here and on its channels; it resolves once the metric is back to normal.
            A window with fewer samples than the monitor's minimum never fires.
          </p>
        </>
      }
    >
      {() => (
        <>
          <ol className="sl-alert-timeline__list">
            {events!.map((event) => (
              <li key={event.id} className="sl-alert-timeline__event" data-kind={event.kind}>
                <span className="sl-badge sl-monitor-state" data-state={event.kind === 'fired' ? 'firing' : 'ok'}>
                  {event.kind === 'fired' ? 'Fired' : 'Resolved'}
                </span>
                <div className="sl-alert-timeline__body">
                  <p className="sl-alert-timeline__line">
                    {time(event.at)}
                    {event.group !== null && <span className="sl-alert-timeline__group"> · {groupLabel(event.group)}</span>}
                  </p>
                  <p className="sl-alert-timeline__line sl-muted">
                    {formatMetricValue(metric, event.value)}
                    {event.baseline !== null && <> (usually {formatMetricValue(metric, event.baseline)})</>} over{' '}
                    {event.samples.toLocaleString('en-US')} samples, window {time(event.windowStart)} – {time(event.windowEnd)}
                  </p>
                </div>
                {event.kind === 'fired' && monitor && onOpenTraces && (
                  <button
                    type="button"
                    className="sl-button"
                    onClick={() => onOpenTraces(eventTracesFilter(monitor, event), { monitor, group: event.group })}
                  >
                    Traces<span className="sl-visually-hidden"> of the alert at {formatTime(event.at, { timeZone })}</span>
                  </button>
                )}
              </li>
            ))}
          </ol>
          {error && <ErrorAlert className="sl-error-text" what="Could not load more alerts" error={error} onRetry={onRetry} />}
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} />
        </>
      )}
    </ListPanel>
  )
}
