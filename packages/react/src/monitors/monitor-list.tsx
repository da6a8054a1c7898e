import type { Monitor, MonitorSeriesState } from '@sightline/core'
import type { ComponentPropsWithoutRef, ReactNode, SyntheticEvent } from 'react'
import { formatTime, MISSING } from '../format/format'
import { cx } from '../utils/cx'
import { ListPanel, listState } from '../utils/list-panel'
import { describeCondition, groupLabel, lastFiredAt, monitorState, seriesTracesFilter, type MonitorTracesFilter } from './monitor-format'
import { MonitorStateBadge } from './monitor-state-badge'

export interface OpenTracesContext {
  monitor: Monitor
  group: string | null
}

export interface MonitorListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title' | 'onSelect'> {
  monitors?: readonly Monitor[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** a click on a monitor's name */
  onSelect?: ((monitor: Monitor, event: SyntheticEvent) => void) | undefined
  /** the monitor shown elsewhere (marked aria-current) */
  selectedId?: string | null | undefined
  /** "New monitor", in the header and the empty state */
  onCreate?: ((event: SyntheticEvent) => void) | undefined
  /** "Traces" beside each firing series: the trace-table filter for its window ({ from, to, …filter, [groupBy]: group }) */
  onOpenTraces?: ((filter: MonitorTracesFilter, context: OpenTracesContext) => void) | undefined
  /** firing series shown per monitor before "+ n more"; 3 by default */
  maxFiringShown?: number | undefined
  /** for tests and stories: the time the trace windows end at when a monitor was never evaluated */
  now?: number | undefined
  timeZone?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * The project's monitors: what each watches, its state (firing groups first, each with a link to
 * its traces) and when it last fired. Data from props (see `ConnectedMonitorList`).
 */
export function MonitorList(props: MonitorListProps) {
  const {
    monitors,
    loading = false,
    error = null,
    onRetry,
    onSelect,
    selectedId,
    onCreate,
    onOpenTraces,
    maxFiringShown = 3,
    now,
    timeZone,
    headingLevel = 2,
    title = 'Monitors',
    className,
    ...rest
  } = props
  const state = listState(monitors, error, loading)
  const createButton = (children: ReactNode) =>
    onCreate && (
      <button type="button" className="sl-button" onClick={onCreate}>
        {children}
      </button>
    )

  return (
    <ListPanel
      {...rest}
      className={cx('sl-monitor-list', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="monitors"
      error={error}
      onRetry={onRetry}
      action={createButton('New monitor')}
      empty={
        <>
          <p>No monitors yet — create one to be told when something goes wrong.</p>
          <p className="sl-muted">
            A monitor checks a metric (error rate, p95 latency, cost, negative feedback, a score's share) every window, per group if you
            like, and alerts your channels when it crosses a threshold or moves unusually far from its usual level.
          </p>
          {createButton('Create a monitor')}
        </>
      }
    >
      {(titleId) => (
        <div className="sl-list-panel__scroll">
          <table className="sl-table sl-monitor-list__table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Watches</th>
                <th scope="col">State</th>
                <th scope="col">Last fired</th>
              </tr>
            </thead>
            <tbody>
              {monitors!.map((monitor) => {
                const selected = monitor.id === selectedId
                const overall = monitorState(monitor)
                const firing = monitor.active ? monitor.series.filter((s) => s.state === 'firing') : []
                const fired = lastFiredAt(monitor)
                return (
                  <tr
                    key={monitor.id}
                    data-monitor-id={monitor.id}
                    data-state={selected ? 'selected' : overall}
                    aria-current={selected ? 'true' : undefined}
                  >
                    <th scope="row">
                      {onSelect ? (
                        <button type="button" className="sl-link-button sl-monitor-list__name" onClick={(e) => onSelect(monitor, e)}>
                          {monitor.name}
                        </button>
                      ) : (
                        monitor.name
                      )}
                    </th>
                    <td className="sl-monitor-list__watch">
                      <code>{monitor.metric}</code> {describeCondition(monitor.metric, monitor.condition)}
                      <span className="sl-muted">
                        {' '}
                        · per {monitor.window}
                        {monitor.groupBy && <> · by {monitor.groupBy}</>}
                      </span>
                    </td>
                    <td>
                      <div className="sl-monitor-list__state">
                        <MonitorStateBadge state={overall} />
                        {monitor.series.length > 1 && firing.length > 0 && (
                          <span className="sl-muted">
                            {firing.length} of {monitor.series.length} groups
                          </span>
                        )}
                        {firing.length > 0 && onOpenTraces && (
                          <FiringSeries monitor={monitor} firing={firing} max={maxFiringShown} now={now} onOpenTraces={onOpenTraces} />
                        )}
                      </div>
                    </td>
                    <td>{fired ? <time dateTime={fired}>{formatTime(fired, { length: 'short', timeZone })}</time> : MISSING}</td>
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

function FiringSeries({
  monitor,
  firing,
  max,
  now,
  onOpenTraces,
}: {
  monitor: Monitor
  firing: MonitorSeriesState[]
  max: number
  now: number | undefined
  onOpenTraces: NonNullable<MonitorListProps['onOpenTraces']>
}) {
  const shown = firing.slice(0, max)
  return (
    <ul className="sl-monitor-list__firing">
      {shown.map((series) => (
        <li key={series.group ?? ''}>
          <button
            type="button"
            className="sl-link-button"
            onClick={() => onOpenTraces(seriesTracesFilter(monitor, series, now), { monitor, group: series.group })}
          >
            Traces
            <span className="sl-visually-hidden">
              {' '}
              of {monitor.name}
              {series.group !== null && `, ${groupLabel(series.group)}`}
            </span>
          </button>
          {series.group !== null && <span> {groupLabel(series.group)}</span>}
        </li>
      ))}
      {firing.length > shown.length && <li className="sl-muted">+ {firing.length - shown.length} more</li>}
    </ul>
  )
}
