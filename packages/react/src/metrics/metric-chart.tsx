import {
  type ChartGroup,
  formatMetricValue,
  type GroupBy,
  type MetricChartRow,
  metricCaption,
  metricLabel,
  type MetricsResponse,
  metricUnit,
  prepareFilter,
  prepareMetricSeries,
  subjectNote,
  toggleGroup,
  type TraceFilters,
} from '@sightline/core'
import { Toggle } from 'radix-ui'
import { type ComponentPropsWithoutRef, type MouseEvent, type ReactNode, useMemo } from 'react'
import { Area, Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { cx } from '../utils/cx'
import { Hint } from '../utils/hint'
import { useControllableState } from '../utils/use-controllable-state'
import { seriesColor } from './palette'
import { PanelFrame, type PanelStateProps } from './panel'
import { bucketLabel, rangeLabel, tickFormat, type TimeFormatOptions } from './time-format'

export type MetricChartKind = 'line' | 'area' | 'bar'

export interface MetricChartProps
  extends Omit<ComponentPropsWithoutRef<'section'>, 'title' | 'children'>,
    PanelStateProps,
    TimeFormatOptions {
  /** the answer to draw; undefined while the first one loads */
  response: MetricsResponse | undefined
  metric: string
  /** line: one line per group; area and bar: stacked by group. Lines and areas are straight segments between buckets, never smoothed. */
  kind?: MetricChartKind | undefined
  /** defaults to the metric's name, "by <groupBy>" when grouped */
  title?: ReactNode
  /**
   * what the chart counts, under the title and in its accessible description; by default the
   * metric's unit for the grouping ("traces", "LLM calls with an error", "per LLM call")
   */
  subtitle?: ReactNode
  /** what the response is grouped by: names the groups' filters for onFilter */
  groupBy?: GroupBy | null | undefined
  /** the filters the response was fetched with, kept in onFilter's filter */
  filters?: TraceFilters | undefined
  hiddenGroups?: (string | null)[] | undefined
  defaultHiddenGroups?: (string | null)[] | undefined
  onHiddenGroupsChange?: ((hidden: (string | null)[]) => void) | undefined
  /**
   * A point or a legend group was picked: the trace-list filters of its traces (its group and its
   * bucket, or the whole range for a group). Not called for "other" or groups without a value.
   */
  onFilter?: ((filter: TraceFilters) => void) | undefined
  /** drawing height in px */
  height?: number | undefined
  /** a fixed drawing width in px; by default the chart follows its container's width */
  width?: number | undefined
  animate?: boolean | undefined
}

/** The chart's title when none is given: "Latency p95 by environment". */
export function defaultChartTitle(metric: string, groupBy?: GroupBy | null): string {
  return groupBy ? `${metricLabel(metric, groupBy)} by ${groupBy}` : metricLabel(metric, groupBy)
}

/**
 * A metric over time, one series per group. Gaps (buckets without data for an average, a rate or
 * a percentile) are drawn as gaps. The legend hides and shows groups; with `onFilter` a click on a
 * point, or a legend group's "show traces" button, asks for that group's traces.
 */
export function MetricChart(props: MetricChartProps) {
  const {
    response,
    metric,
    kind = 'line',
    title,
    subtitle,
    groupBy,
    filters,
    hiddenGroups: hiddenProp,
    defaultHiddenGroups = [],
    onHiddenGroupsChange,
    onFilter,
    height = 220,
    width,
    animate = false,
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const [hidden, setHidden] = useControllableState({ prop: hiddenProp, defaultProp: defaultHiddenGroups, onChange: onHiddenGroupsChange })
  const prepared = useMemo(
    () => (response ? prepareMetricSeries(response, metric, { hiddenGroups: hidden, grouped: groupBy ? true : undefined }) : null),
    [response, metric, hidden, groupBy],
  )
  const titleText = typeof title === 'string' ? title : defaultChartTitle(metric, groupBy)
  const caption = metricCaption(metric, groupBy)
  const subtitleText = typeof subtitle === 'string' ? subtitle : caption
  // Grouped by model or provider, an error chart counts failed LLM calls only: say so where it shows.
  const note = metric === 'errors' || metric === 'errorRate' ? subjectNote(groupBy) : null

  const filterFor = (group: ChartGroup, from: number, to: number) => prepareFilter({ groupBy, group: group.group, from, to, filters })
  const pick = (filter: TraceFilters | null) => {
    if (filter) onFilter?.(filter)
  }

  let body: ReactNode = null
  if (prepared && response && !prepared.empty) {
    const time = { locale, timeZone }
    const visible = prepared.groups.filter((g) => !g.hidden)
    const grouped = prepared.groups.length > 1 || prepared.groups.some((g) => g.group !== null)
    const tick = tickFormat(response.interval, prepared.to - prepared.from, time)
    const format = (v: number | null) => formatMetricValue(metric, v)
    const pickPoint = (group: ChartGroup, index: number) => {
      const row = prepared.rows[index]
      if (row) pick(filterFor(group, row.t, row.end))
    }
    // A click on the plot (not on a dot or a bar) picks the bucket when there is one group to pick.
    const onChartClick = (state: { activeTooltipIndex?: number | string | null | undefined }) => {
      const index = Number(state.activeTooltipIndex)
      const candidates = visible.filter((g) => filterFor(g, 0, 1))
      if (Number.isInteger(index) && candidates.length === 1) pickPoint(candidates[0]!, index)
    }
    // Areas and bars stack by group; lines do not.
    const stack = 'groups'
    const series = visible.map((g) => {
      const color = seriesColor(g)
      const common = { dataKey: g.key, name: g.label, isAnimationActive: animate }
      if (kind === 'bar')
        return (
          <Bar
            key={g.key}
            {...common}
            stackId={stack}
            fill={color}
            {...(onFilter && { cursor: 'pointer' })}
            onClick={(_data, index, event) => {
              event.stopPropagation()
              pickPoint(g, index)
            }}
          />
        )
      const activeDot = (dot: { cx?: number | undefined; cy?: number | undefined; index?: number | undefined }) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; keyboards filter through the legend's buttons
        <circle
          cx={dot.cx}
          cy={dot.cy}
          r={5}
          fill={color}
          stroke="var(--sl-color-bg)"
          strokeWidth={2}
          style={onFilter ? { cursor: 'pointer' } : undefined}
          onClick={(event: MouseEvent<SVGCircleElement>) => {
            event.stopPropagation()
            if (dot.index !== undefined) pickPoint(g, dot.index)
          }}
        />
      )
      if (kind === 'area')
        return (
          <Area
            key={g.key}
            {...common}
            type="linear"
            stackId={stack}
            stroke={color}
            fill={color}
            fillOpacity={0.25}
            activeDot={activeDot}
          />
        )
      // Straight segments (lines and areas alike): a smoothed curve would invent values between buckets
      // (peaks no bucket had, rates below 0%).
      // Isolated points between gaps have no segment: a dot keeps them visible.
      return (
        <Line
          key={g.key}
          {...common}
          type="linear"
          stroke={color}
          strokeWidth={2}
          dot={isolatedDot(prepared.rows, g, color)}
          activeDot={activeDot}
        />
      )
    })
    const chart = (
      <ComposedChart
        data={prepared.rows}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
        {...(onFilter && { onClick: onChartClick })}
        {...(width === undefined ? {} : { width, height })}
      >
        <CartesianGrid stroke="var(--sl-chart-grid)" vertical={false} />
        <XAxis
          dataKey="t"
          tickFormatter={tick}
          stroke="var(--sl-chart-axis)"
          tick={{ fill: 'var(--sl-color-fg-muted)', fontSize: 12 }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={(v: number) => format(v)}
          stroke="var(--sl-chart-axis)"
          tick={{ fill: 'var(--sl-color-fg-muted)', fontSize: 12 }}
          width={64}
          allowDecimals={metricUnit(metric) !== 'count' && metricUnit(metric) !== 'tokens'}
        />
        <Tooltip
          cursor={{ stroke: 'var(--sl-chart-axis)', fill: 'var(--sl-chart-cursor)' }}
          isAnimationActive={false}
          content={({ active, label }) =>
            active ? (
              <ChartTooltip rows={prepared.rows} at={label} groups={visible} format={format} interval={response.interval} time={time} />
            ) : null
          }
        />
        {series}
      </ComposedChart>
    )
    body = (
      <>
        {/* The drawing is for the eye; the summary and the table below say the same to assistive tech. */}
        <div className="sl-metric-chart__plot" aria-hidden="true" style={{ height }}>
          {width === undefined ? (
            <ResponsiveContainer width="100%" height={height}>
              {chart}
            </ResponsiveContainer>
          ) : (
            chart
          )}
        </div>
        {grouped && (
          <ChartLegend
            label={`${titleText}: groups`}
            groups={prepared.groups}
            onToggle={(group) => setHidden(toggleGroup(hidden, group))}
            onFilter={
              onFilter &&
              ((g) => {
                const filter = filterFor(g, prepared.from, prepared.to)
                return filter ? () => onFilter(filter) : null
              })
            }
          />
        )}
        <p className="sl-visually-hidden">
          {summarize(`${titleText} (${subtitleText})`, visible, metric, rangeLabel(prepared.from, prepared.to, time), time)}
        </p>
        <SeriesTable
          caption={`${titleText} (${subtitleText})`}
          rows={prepared.rows}
          groups={visible}
          format={format}
          interval={response.interval}
          time={time}
        />
      </>
    )
  }

  return (
    <PanelFrame
      {...rest}
      className={cx('sl-metric-chart', className)}
      title={title ?? titleText}
      titleText={titleText}
      subtitle={subtitle ?? caption}
      note={note}
      hasData={prepared !== null}
      empty={prepared?.empty ?? true}
      data-kind={kind}
    >
      {body}
    </PanelFrame>
  )
}

/** `dot` for a line: only points with gaps on both sides, which would otherwise not show at all. */
function isolatedDot(rows: MetricChartRow[], group: ChartGroup, color: string) {
  const lone = new Set<number>()
  rows.forEach((row, i) => {
    if (row[group.key] == null) return
    if ((rows[i - 1]?.[group.key] ?? null) === null && (rows[i + 1]?.[group.key] ?? null) === null) lone.add(i)
  })
  if (!lone.size) return false
  return (dot: { cx?: number; cy?: number; index?: number }) =>
    dot.index !== undefined && lone.has(dot.index) && dot.cx != null && dot.cy != null ? (
      <circle key={`lone-${dot.index}`} cx={dot.cx} cy={dot.cy} r={3} fill={color} />
    ) : (
      <g key={`none-${dot.index}`} />
    )
}

function summarize(title: string, groups: ChartGroup[], metric: string, range: string, time: TimeFormatOptions): string {
  if (!groups.length) return `${title}, ${range}: every group is hidden.`
  const parts = groups.map((g) => {
    const peak = g.peak
      ? `, peak ${formatMetricValue(metric, g.peak.value)} (${new Intl.DateTimeFormat(time.locale, { month: 'short', day: 'numeric', hour: 'numeric', ...(time.timeZone && { timeZone: time.timeZone }) }).format(g.peak.t)})`
      : ', no data'
    return `${g.label}: ${formatMetricValue(metric, g.total)} overall${peak}`
  })
  return `${title}, ${range}. ${parts.join('; ')}.`
}

interface ChartTooltipProps {
  rows: MetricChartRow[]
  at: unknown
  groups: ChartGroup[]
  format: (v: number | null) => string
  interval: MetricsResponse['interval']
  time: TimeFormatOptions
}

function ChartTooltip({ rows, at, groups, format, interval, time }: ChartTooltipProps) {
  const row = rows.find((r) => r.t === Number(at))
  if (!row) return null
  return (
    <div className="sl-chart-tooltip">
      <div className="sl-chart-tooltip__time">{bucketLabel(row.t, row.end, interval, time)}</div>
      <ul className="sl-chart-tooltip__list">
        {groups.map((g) => (
          <li key={g.key}>
            <span className="sl-chart-swatch" style={{ background: seriesColor(g) }} />
            <span className="sl-chart-tooltip__label">{g.label}</span>
            <span className="sl-chart-tooltip__value">{row[g.key] == null ? 'no data' : format(row[g.key]!)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

interface ChartLegendProps {
  label: string
  groups: ChartGroup[]
  onToggle: (group: string | null) => void
  /** the action that shows a group's traces, or null when it has none */
  onFilter?: ((group: ChartGroup) => (() => void) | null) | undefined
}

/** Groups as toggle buttons (pressed = shown), each with a "show traces" button when it can be filtered on. */
export function ChartLegend({ label, groups, onToggle, onFilter }: ChartLegendProps) {
  return (
    <ul className="sl-chart-legend" aria-label={label}>
      {groups.map((g) => {
        const showTraces = onFilter?.(g) ?? null
        return (
          <li key={g.key} className="sl-chart-legend__item" data-state={g.hidden ? 'hidden' : 'shown'} data-group={g.group ?? ''}>
            <Toggle.Root className="sl-chart-legend__toggle" pressed={!g.hidden} onPressedChange={() => onToggle(g.group)}>
              <span className="sl-chart-swatch" style={{ background: seriesColor(g) }} aria-hidden="true" />
              {g.label}
            </Toggle.Root>
            {showTraces && (
              <Hint text={`Show traces: ${g.label}`}>
                <button type="button" className="sl-chart-legend__filter" aria-label={`Show traces: ${g.label}`} onClick={showTraces}>
                  <span aria-hidden="true">↗</span>
                </button>
              </Hint>
            )}
          </li>
        )
      })}
    </ul>
  )
}

interface SeriesTableProps {
  caption: string
  rows: MetricChartRow[]
  groups: ChartGroup[]
  format: (v: number | null) => string
  interval: MetricsResponse['interval']
  time: TimeFormatOptions
}

/** The chart's numbers for screen readers: one row per bucket, one column per shown group. */
function SeriesTable({ caption, rows, groups, format, interval, time }: SeriesTableProps) {
  return (
    <table className="sl-visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          {groups.map((g) => (
            <th key={g.key} scope="col">
              {g.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.t}>
            <th scope="row">{bucketLabel(r.t, r.end, interval, time)}</th>
            {groups.map((g) => (
              <td key={g.key}>{r[g.key] == null ? 'no data' : format(r[g.key]!)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
