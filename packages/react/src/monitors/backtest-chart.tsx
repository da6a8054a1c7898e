import type { MonitorInput } from '@sightline/core'
import { useId } from 'react'
import { formatTime } from '../format/format'
import type { BacktestResult } from './monitor-api'
import { formatMetricValue, groupLabel } from './monitor-format'

const W = 600
const H = 180
const PAD = { top: 8, right: 8, bottom: 20, left: 8 }
const MAX_LINES = 8

export interface BacktestChartModel {
  lines: { group: string | null; path: string; breaches: { x: number; y: number }[] }[]
  alerts: { x: number; width: number }[]
  /** y of the threshold, when the condition has one */
  threshold: number | null
  /** the first series' baseline, dashed */
  baseline: string
  yMax: number
  from: number
  to: number
}

/** Scales a backtest's series, alerts and threshold into the chart's box; pure, for tests. */
export function prepareBacktestChart(result: BacktestResult, condition: MonitorInput['condition']): BacktestChartModel {
  const series = result.series.slice(0, MAX_LINES)
  const times = series.flatMap((s) => s.points.map((p) => Date.parse(p.t)))
  const from = times.length ? Math.min(...times) : 0
  const to = times.length ? Math.max(...times) : 1
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.value, p.baseline])).filter((v): v is number => v != null)
  if (condition.kind === 'threshold') values.push(condition.value)
  const yMax = Math.max(0, ...values) * 1.1 || 1
  const yMin = Math.min(0, ...values)
  const x = (t: number) => PAD.left + ((t - from) / (to - from || 1)) * (W - PAD.left - PAD.right)
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom)
  const pathOf = (points: { t: string; v: number | null }[]) => {
    let d = ''
    let pen = false
    for (const p of points) {
      if (p.v == null) {
        pen = false
        continue
      }
      d += `${pen ? 'L' : 'M'}${x(Date.parse(p.t)).toFixed(1)},${y(p.v).toFixed(1)}`
      pen = true
    }
    return d
  }
  return {
    lines: series.map((s) => ({
      group: s.group,
      path: pathOf(s.points.map((p) => ({ t: p.t, v: p.value }))),
      breaches: s.points.filter((p) => p.breach && p.value != null).map((p) => ({ x: x(Date.parse(p.t)), y: y(p.value!) })),
    })),
    alerts: result.alerts.map((a) => {
      const start = x(Date.parse(a.start))
      const end = x(a.end ? Date.parse(a.end) : to)
      return { x: start, width: Math.max(2, end - start) }
    }),
    threshold: condition.kind === 'threshold' ? y(condition.value) : null,
    baseline: series[0] ? pathOf(series[0].points.map((p) => ({ t: p.t, v: p.baseline }))) : '',
    yMax,
    from,
    to,
  }
}

export interface BacktestChartProps {
  result: BacktestResult
  metric: string
  condition: MonitorInput['condition']
  timeZone?: string | undefined
}

/**
 * A backtest drawn over the metric: each group's line, the baseline dashed, the threshold, and the
 * stretches the monitor would have fired shaded; the alerts are listed below in words.
 */
export function BacktestChart({ result, metric, condition, timeZone }: BacktestChartProps) {
  const captionId = useId()
  const model = prepareBacktestChart(result, condition)
  const n = result.alerts.length
  const summary =
    n === 0
      ? 'Would not have fired in this period.'
      : `Would have fired ${n === 1 ? 'once' : `${n.toLocaleString('en-US')} times`} in this period.`
  const time = (iso: string | null) => (iso ? formatTime(iso, { length: 'short', timeZone }) : 'still firing at the end')
  return (
    <figure className="sl-backtest" aria-labelledby={captionId}>
      <svg className="sl-backtest__chart" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
        {model.alerts.map((a, i) => (
          <rect key={i} className="sl-backtest__alert" x={a.x} y={0} width={a.width} height={H - PAD.bottom} />
        ))}
        {model.baseline && <path className="sl-backtest__baseline" d={model.baseline} />}
        {model.threshold !== null && <line className="sl-backtest__threshold" x1={0} x2={W} y1={model.threshold} y2={model.threshold} />}
        {model.lines.map((line, i) => (
          <g key={line.group ?? ''} style={{ color: `var(--sl-chart-${(i % 8) + 1})` }}>
            <path className="sl-backtest__line" d={line.path} />
            {line.breaches.map((b, j) => (
              <circle key={j} className="sl-backtest__breach" cx={b.x} cy={b.y} r={2.5} />
            ))}
          </g>
        ))}
        <text className="sl-backtest__axis" x={PAD.left} y={H - 4}>
          {formatTime(model.from, { length: 'short', timeZone })}
        </text>
        <text className="sl-backtest__axis" x={W - PAD.right} y={H - 4} textAnchor="end">
          {formatTime(model.to, { length: 'short', timeZone })}
        </text>
      </svg>
      <figcaption id={captionId} className="sl-backtest__caption">
        <strong>{summary}</strong>
        {model.lines.length > 1 && (
          <span className="sl-backtest__legend">
            {model.lines.map((line, i) => (
              <span key={line.group ?? ''} style={{ color: `var(--sl-chart-${(i % 8) + 1})` }}>
                ● <span className="sl-backtest__legend-label">{groupLabel(line.group)}</span>
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {n > 0 && (
        <ul className="sl-backtest__alerts">
          {result.alerts.slice(0, 20).map((a, i) => (
            <li key={i}>
              {a.group !== null && <strong>{groupLabel(a.group)}: </strong>}
              {time(a.start)} – {time(a.end)}, peak {formatMetricValue(metric, a.peak)}
              {a.baseline !== null && <> (usually {formatMetricValue(metric, a.baseline)})</>}
            </li>
          ))}
          {n > 20 && <li className="sl-muted">and {n - 20} more</li>}
        </ul>
      )}
    </figure>
  )
}
