import { type DistributionBar, type MetricsResponse, mergeFilters, prepareDistribution, type TraceFilters } from '@sightline/core'
import { type ComponentPropsWithoutRef, type ReactNode, useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { cx } from '../utils/cx'
import { PanelFrame, type PanelStateProps } from './panel'

export interface ScoreDistributionProps extends Omit<ComponentPropsWithoutRef<'section'>, 'title' | 'children'>, PanelStateProps {
  /** an answer that asked for `score.<scoreName>.distribution` */
  response: MetricsResponse | undefined
  scoreName: string
  title?: ReactNode
  /** the filters the response was fetched with, kept in onFilter's filter */
  filters?: TraceFilters | undefined
  /** a bar was picked: the traces with that score value (or range) over the response's range */
  onFilter?: ((filter: TraceFilters) => void) | undefined
  /** more distinct numeric values than this are binned (20 by default) */
  maxBars?: number | undefined
  bins?: number | undefined
  height?: number | undefined
  /** a fixed drawing width in px; by default the chart follows its container's width */
  width?: number | undefined
}

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 })

/** How often each value of a score was given: category bars, or a histogram of numeric values. */
export function ScoreDistribution(props: ScoreDistributionProps) {
  const { response, scoreName, title, filters, onFilter, maxBars, bins, height = 200, width, className, ...rest } = props
  const prepared = useMemo(
    () => (response ? prepareDistribution(response, scoreName, { maxBars, bins }) : null),
    [response, scoreName, maxBars, bins],
  )
  const titleText = typeof title === 'string' ? title : `${scoreName} distribution`

  const pick = (bar: DistributionBar) => {
    if (!onFilter || !response) return
    const { from: _from, to: _to, ...base } = filters ?? {}
    onFilter({
      ...mergeFilters(base, { score: { [scoreName]: bar.condition } }),
      from: Date.parse(response.from),
      to: Date.parse(response.to),
    })
  }

  let body: ReactNode = null
  if (prepared && !prepared.empty) {
    const chart = (
      <BarChart
        data={prepared.bars}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
        {...(width === undefined ? {} : { width, height })}
      >
        <CartesianGrid stroke="var(--sl-chart-grid)" vertical={false} />
        <XAxis
          dataKey="label"
          stroke="var(--sl-chart-axis)"
          tick={{ fill: 'var(--sl-color-fg-muted)', fontSize: 12 }}
          interval="preserveStartEnd"
        />
        <YAxis allowDecimals={false} stroke="var(--sl-chart-axis)" tick={{ fill: 'var(--sl-color-fg-muted)', fontSize: 12 }} width={48} />
        <Tooltip
          cursor={{ fill: 'var(--sl-chart-cursor)' }}
          isAnimationActive={false}
          content={({ active, payload }) => {
            const bar = active ? (payload?.[0]?.payload as DistributionBar | undefined) : undefined
            return bar ? (
              <div className="sl-chart-tooltip">
                <div className="sl-chart-tooltip__time">{bar.label}</div>
                <div>
                  {bar.count} ({percent.format(bar.share)})
                </div>
              </div>
            ) : null
          }}
        />
        <Bar
          dataKey="count"
          name={scoreName}
          fill="var(--sl-chart-1)"
          isAnimationActive={false}
          cursor={onFilter ? 'pointer' : undefined}
          onClick={(_data, index) => {
            const bar = prepared.bars[index]
            if (bar) pick(bar)
          }}
        />
      </BarChart>
    )
    body = (
      <>
        <div className="sl-metric-chart__plot" aria-hidden="true" style={{ height }}>
          {width === undefined ? (
            <ResponsiveContainer width="100%" height={height}>
              {chart}
            </ResponsiveContainer>
          ) : (
            chart
          )}
        </div>
        <p className="sl-score-distribution__total sl-muted">
          {prepared.total} {prepared.total === 1 ? 'score' : 'scores'}
          {prepared.binned ? `, in ${prepared.bars.length} ranges` : ''}
        </p>
        <table className="sl-visually-hidden">
          <caption>{titleText}</caption>
          <thead>
            <tr>
              <th scope="col">{prepared.binned ? 'Range' : 'Value'}</th>
              <th scope="col">Count</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {prepared.bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td>{b.count}</td>
                <td>{percent.format(b.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )
  }

  return (
    <PanelFrame
      {...rest}
      className={cx('sl-score-distribution', className)}
      title={title ?? titleText}
      titleText={titleText}
      // Bars count scores, not traces: a trace may hold several.
      subtitle="number of scores"
      hasData={prepared !== null}
      empty={prepared?.empty ?? true}
      data-kind={prepared?.kind}
    >
      {body}
    </PanelFrame>
  )
}
