import {
  type BreakdownSort,
  formatMetricValue,
  type GroupBy,
  metricLabel,
  type MetricsResponse,
  metricSubject,
  orderedSeries,
  prepareBreakdown,
  prepareFilter,
  subjectNote,
  type TraceFilters,
} from '@sightline/core'
import { type ComponentPropsWithoutRef, type ReactNode, useMemo } from 'react'
import { cx } from '../utils/cx'
import { Hint } from '../utils/hint'
import { useControllableState } from '../utils/use-controllable-state'
import { PALETTE_SIZE } from './palette'
import { PanelFrame, type PanelStateProps } from './panel'
import { Sparkline } from './sparkline'

export interface BreakdownTableProps extends Omit<ComponentPropsWithoutRef<'section'>, 'title' | 'children'>, PanelStateProps {
  response: MetricsResponse | undefined
  /** one column each; the first also draws the sparklines and is the default sort */
  metrics: readonly string[]
  groupBy?: GroupBy | null | undefined
  /** the filters the response was fetched with, kept in onFilter's filter */
  filters?: TraceFilters | undefined
  title?: ReactNode
  /** what the rows count, under the title; by default "Counted over traces" (or "LLM calls" by model or provider) */
  subtitle?: ReactNode
  sort?: BreakdownSort | undefined
  defaultSort?: BreakdownSort | undefined
  onSortChange?: ((sort: BreakdownSort) => void) | undefined
  /** a group was picked: its traces over the response's range. Not offered for "other" or groups without a value. */
  onFilter?: ((filter: TraceFilters) => void) | undefined
}

const GROUP = 'group'

/**
 * Totals per group, sortable by any column, each group with a sparkline of the first metric.
 * "Other" stays last whatever the sort.
 */
export function BreakdownTable(props: BreakdownTableProps) {
  const {
    response,
    metrics,
    groupBy,
    filters,
    title,
    subtitle,
    sort: sortProp,
    defaultSort,
    onSortChange,
    onFilter,
    className,
    ...rest
  } = props
  // `metrics` lists at least one (its first is the default sort and the trend column).
  const [sort, setSort] = useControllableState<BreakdownSort>({
    prop: sortProp,
    defaultProp: defaultSort ?? { by: metrics[0]!, direction: 'desc' },
    onChange: onSortChange,
  })
  const rows = useMemo(
    () => (response ? prepareBreakdown(response, metrics, sort, { grouped: groupBy ? true : undefined }) : null),
    [response, metrics, sort, groupBy],
  )
  // Sparklines take the colour their group has in the charts (palette slots in the response's order).
  const colors = useMemo(() => {
    const map = new Map<string | null, string>()
    let slot = 0
    for (const s of response ? orderedSeries(response) : [])
      map.set(s.group, s.group === 'other' ? 'var(--sl-chart-other)' : `var(--sl-chart-${(slot++ % PALETTE_SIZE) + 1})`)
    return map
  }, [response])

  const groupTitle = groupBy ?? 'Group'
  const titleText = typeof title === 'string' ? title : groupBy ? `Breakdown by ${groupBy}` : 'Breakdown'
  const empty = !rows?.length || rows.every((r) => metrics.every((m) => (r.totals[m] ?? 0) === 0))

  const columns = [
    { key: GROUP, label: groupTitle, numeric: false },
    ...metrics.map((m) => ({ key: m, label: metricLabel(m, groupBy), numeric: true })),
  ]
  const onSort = (key: string) =>
    setSort(
      sort.by === key
        ? { by: key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { by: key, direction: key === GROUP ? 'asc' : 'desc' },
    )

  return (
    <PanelFrame
      {...rest}
      className={cx('sl-breakdown', className)}
      title={title ?? titleText}
      titleText={titleText}
      subtitle={subtitle ?? `Counted over ${metricSubject(groupBy)}`}
      note={subjectNote(groupBy)}
      hasData={rows !== null}
      empty={empty}
    >
      {rows && response && (
        <div className="sl-breakdown__scroll">
          <table className="sl-table sl-breakdown__table" aria-label={titleText}>
            <thead>
              <tr>
                {columns.map((c) => {
                  const active = sort.by === c.key
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.numeric ? 'sl-num' : undefined}
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button
                        type="button"
                        className="sl-breakdown__sort"
                        data-state={active ? sort.direction : undefined}
                        onClick={() => onSort(c.key)}
                      >
                        {c.label}
                        <span className="sl-breakdown__sort-icon" aria-hidden="true">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  )
                })}
                <th scope="col" className="sl-breakdown__trend-col">
                  Trend <span className="sl-visually-hidden">({metricLabel(metrics[0]!, groupBy)})</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const filter = onFilter ? prepareFilter({ groupBy, group: row.group, from: response.from, to: response.to, filters }) : null
                return (
                  <tr key={row.key} data-group={row.group ?? ''} data-other={row.other || undefined}>
                    <th scope="row" className="sl-breakdown__group">
                      {filter ? (
                        <Hint text={`Show traces: ${row.label}`} describe>
                          <button type="button" className="sl-breakdown__filter" onClick={() => onFilter?.(filter)}>
                            {row.label}
                          </button>
                        </Hint>
                      ) : (
                        row.label
                      )}
                    </th>
                    {metrics.map((m) => (
                      <td key={m} className="sl-num">
                        {formatMetricValue(m, row.totals[m])}
                      </td>
                    ))}
                    <td className="sl-breakdown__trend">
                      <Sparkline values={row.sparkline} width={80} height={20} color={colors.get(row.group)} />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </PanelFrame>
  )
}
