import type { Monitor } from '@sightline/core'
import { useId, type ComponentPropsWithoutRef } from 'react'
import { formatTime, MISSING } from '../format/format'
import { cx } from '../utils/cx'
import { formatMetricValue, groupLabel, seriesTracesFilter, type MonitorTracesFilter } from './monitor-format'
import type { OpenTracesContext } from './monitor-list'
import { MonitorStateBadge } from './monitor-state-badge'

export interface MonitorSeriesProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  monitor: Monitor
  /** "Traces" on each firing series */
  onOpenTraces?: ((filter: MonitorTracesFilter, context: OpenTracesContext) => void) | undefined
  now?: number | undefined
  timeZone?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

const ORDER = { firing: 0, insufficient: 1, ok: 2 } as const

/** One monitor's series (one per group): state, last window's value against the baseline, samples, since when. */
export function MonitorSeries(props: MonitorSeriesProps) {
  const { monitor, onOpenTraces, now, timeZone, headingLevel = 3, title = 'Series', className, ...rest } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const series = [...monitor.series].sort((a, b) => ORDER[a.state] - ORDER[b.state])
  const time = (iso: string | null) => (iso ? <time dateTime={iso}>{formatTime(iso, { length: 'short', timeZone })}</time> : MISSING)
  return (
    <section {...rest} className={cx('sl-root sl-monitor-series', className)} aria-labelledby={titleId}>
      <Heading id={titleId} className="sl-monitor-series__title">
        {title}
      </Heading>
      {series.length === 0 ? (
        <p className="sl-muted">
          {monitor.active
            ? 'Not evaluated yet: the first window is checked when it closes.'
            : 'The monitor is off: switch it on to evaluate it again.'}
        </p>
      ) : (
        <div className="sl-monitor-series__scroll">
          <table className="sl-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{monitor.groupBy ?? 'Group'}</th>
                <th scope="col">State</th>
                <th scope="col" className="sl-num">
                  Value
                </th>
                <th scope="col" className="sl-num">
                  Baseline
                </th>
                <th scope="col" className="sl-num">
                  Samples
                </th>
                <th scope="col">Since</th>
                <th scope="col">Last fired</th>
                {onOpenTraces && (
                  <th scope="col">
                    <span className="sl-visually-hidden">Traces</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.group ?? ''} data-state={s.state}>
                  <th scope="row">{groupLabel(s.group)}</th>
                  <td>
                    <MonitorStateBadge state={s.state} />
                  </td>
                  <td className="sl-num">{formatMetricValue(monitor.metric, s.value)}</td>
                  <td className="sl-num">{formatMetricValue(monitor.metric, s.baseline)}</td>
                  <td className="sl-num">{s.samples.toLocaleString('en-US')}</td>
                  <td>{time(s.since)}</td>
                  <td>{time(s.lastFiredAt)}</td>
                  {onOpenTraces && (
                    <td>
                      <button
                        type="button"
                        className="sl-link-button"
                        onClick={() => onOpenTraces(seriesTracesFilter(monitor, s, now), { monitor, group: s.group })}
                      >
                        Traces<span className="sl-visually-hidden"> of {groupLabel(s.group)}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
