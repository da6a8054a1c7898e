// Table rows per group: totals of several metrics and a sparkline of the first.
import { type MetricsResponse, OTHER_GROUP } from './metrics-query'
import { groupLabel, orderedSeries, metricValue } from './prepare-series'

export interface BreakdownSort {
  /** "group" (by label) or a metric name */
  by: string
  direction: 'asc' | 'desc'
}

export interface BreakdownRow {
  /** stable key for rendering */
  key: string
  group: string | null
  label: string
  other: boolean
  totals: Record<string, number | null>
  /** the first metric per bucket; null = a gap */
  sparkline: (number | null)[]
}

export interface PrepareBreakdownOptions {
  grouped?: boolean | undefined
  labels?: { all?: string; none?: string; other?: string } | undefined
}

/**
 * Rows sorted by a column. "Other" stays last whatever the sort (it is a remainder, not a rival),
 * and groups without a value for the sorted metric go after those with one, both ways.
 */
export function prepareBreakdown(
  response: MetricsResponse,
  metrics: string | readonly string[],
  sort?: BreakdownSort,
  options: PrepareBreakdownOptions = {},
): BreakdownRow[] {
  // At least one metric: the first gives the sparkline and the default sort.
  const list = typeof metrics === 'string' ? [metrics] : metrics
  const series = orderedSeries(response)
  const grouped = options.grouped ?? (series.length > 1 || series.some((s) => s.group !== null))
  const rows: BreakdownRow[] = series.map((s, i) => ({
    key: s.group === null ? '\u0000none' : `g:${s.group}:${i}`,
    group: s.group,
    label: groupLabel(s.group, grouped, options.labels),
    other: s.group === OTHER_GROUP,
    totals: Object.fromEntries(list.map((m) => [m, metricValue(s.totals, m)])),
    sparkline: s.points.map((p) => metricValue(p.values, list[0]!)),
  }))
  const { by, direction } = sort ?? { by: list[0]!, direction: 'desc' }
  const sign = direction === 'asc' ? 1 : -1
  const byLabel = (a: BreakdownRow, b: BreakdownRow) => a.label.localeCompare(b.label)
  return rows.sort((a, b) => {
    if (a.other !== b.other) return a.other ? 1 : -1
    if (by === 'group') return sign * byLabel(a, b)
    const va = a.totals[by] ?? null
    const vb = b.totals[by] ?? null
    if (va === null || vb === null) return va === vb ? byLabel(a, b) : va === null ? 1 : -1
    return sign * (va - vb) || byLabel(a, b)
  })
}

export interface SparklineOptions {
  width: number
  height: number
  /** room for the stroke at the edges */
  padding?: number
}

export interface PreparedSparkline {
  /** an SVG path through the present values; a gap (null) lifts the pen */
  path: string
  /**
   * faint bridges over gaps between present values (an SVG path): they show where data resumes
   * and are drawn apart (dashed) so they never read as measured values
   */
  gaps: string
  /** points with a gap (or the edge) on both sides: no segment shows them, so they get a dot */
  dots: { x: number; y: number }[]
  /** the last drawn point, for an end marker */
  last: { x: number; y: number } | null
  min: number | null
  max: number | null
}

const round = (n: number) => Math.round(n * 100) / 100

/** An SVG path for values spread over the width; the scale starts at 0 unless a value is negative. */
export function prepareSparkline(
  values: readonly (number | null)[],
  { width, height, padding = 1.5 }: SparklineOptions,
): PreparedSparkline {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (!present.length) return { path: '', gaps: '', dots: [], last: null, min: null, max: null }
  const min = Math.min(0, ...present)
  const max = Math.max(...present)
  const span = max - min || 1
  const step = values.length > 1 ? (width - 2 * padding) / (values.length - 1) : 0
  const x = (i: number) => round(values.length > 1 ? padding + i * step : width / 2)
  // A flat series draws along the middle rather than hugging an edge.
  const y = (v: number) => round(max === min ? height / 2 : height - padding - ((v - min) / span) * (height - 2 * padding))
  const has = (i: number) => {
    const v = values[i]
    return v !== null && v !== undefined && Number.isFinite(v)
  }
  const parts: string[] = []
  const gaps: string[] = []
  const dots: { x: number; y: number }[] = []
  let last: PreparedSparkline['last'] = null
  values.forEach((v, i) => {
    if (!has(i)) return
    const point = { x: x(i), y: y(v as number) }
    const startsRun = !has(i - 1)
    if (startsRun) {
      parts.push(`M${point.x} ${point.y}`)
      // Data resumes after a gap: a bridge from the last point before it.
      if (last) gaps.push(`M${last.x} ${last.y}L${point.x} ${point.y}`)
    } else parts.push(`L${point.x} ${point.y}`)
    if (startsRun && !has(i + 1)) dots.push(point)
    last = point
  })
  return { path: parts.join(''), gaps: gaps.join(''), dots, last, min, max }
}
