// Chart rows from a metrics response: one row per bucket, one key per group. Renderers draw these.
import { type MetricSeries, type MetricsResponse, OTHER_GROUP } from './metrics-query'
import { metricUnit } from './prepare-format'

/**
 * A group's data key in the rows. Group values are not used as keys: chart libraries read dots
 * as paths ("1.6.0") and a group may be named "t".
 */
export type SeriesKey = `s${number}`

export interface ChartGroup {
  key: SeriesKey
  /** the group's value; null without groupBy, or for traces without a value */
  group: string | null
  label: string
  /** the groups folded into "other" */
  other: boolean
  hidden: boolean
  /** palette slot, stable while groups are hidden or shown; -1 for "other" */
  colorIndex: number
  /** the metric over the whole range for this group */
  total: number | null
  /** the highest bucket value, null when every bucket is a gap */
  peak: { t: number; value: number } | null
}

/** One bucket: `t` its start and `end` its end (epoch ms), then each visible group's value (null = a gap). */
export type MetricChartRow = { t: number; end: number } & { [key: SeriesKey]: number | null }

export interface PreparedMetricSeries {
  metric: string
  /** every group, for the legend: the response's order, "other" last */
  groups: ChartGroup[]
  /** visible groups only; gaps stay null, never zero */
  rows: MetricChartRow[]
  /** the response's range, epoch ms */
  from: number
  to: number
  /** nothing to draw: every bucket is a gap (or, for counts and sums, zero while `count` shows no traffic either) */
  empty: boolean
}

export interface PrepareMetricSeriesOptions {
  /** groups to leave out of the rows (still listed, as hidden) */
  hiddenGroups?: readonly (string | null)[] | undefined
  /** whether the response is grouped; decides what a null group is called ("All" or "(none)") */
  grouped?: boolean | undefined
  labels?: { all?: string; none?: string; other?: string } | undefined
}

/** The response's series with "other" moved last (the server sends it last already; others may not). */
export function orderedSeries(response: MetricsResponse): MetricSeries[] {
  return [...response.series].sort((a, b) => Number(a.group === OTHER_GROUP) - Number(b.group === OTHER_GROUP))
}

export function groupLabel(group: string | null, grouped: boolean, labels: PrepareMetricSeriesOptions['labels'] = {}): string {
  if (group === null) return grouped ? (labels.none ?? '(none)') : (labels.all ?? 'All')
  if (group === OTHER_GROUP) return labels.other ?? 'Other'
  return group
}

/** A value read from a point or totals: anything missing is a gap (null), never zero. */
export function metricValue(values: Record<string, number | null> | undefined, metric: string): number | null {
  const v = values?.[metric]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export function prepareMetricSeries(
  response: MetricsResponse,
  metric: string,
  options: PrepareMetricSeriesOptions = {},
): PreparedMetricSeries {
  const hidden = new Set(options.hiddenGroups ?? [])
  const series = orderedSeries(response)
  const grouped = options.grouped ?? (series.length > 1 || series.some((s) => s.group !== null))
  let palette = 0
  const groups: ChartGroup[] = series.map((s, i) => {
    const other = s.group === OTHER_GROUP
    let peak: ChartGroup['peak'] = null
    for (const p of s.points) {
      const v = metricValue(p.values, metric)
      if (v !== null && (peak === null || v > peak.value)) peak = { t: Date.parse(p.t), value: v }
    }
    return {
      key: `s${i}`,
      group: s.group,
      label: groupLabel(s.group, grouped, options.labels),
      other,
      hidden: hidden.has(s.group),
      colorIndex: other ? -1 : palette++,
      total: metricValue(s.totals, metric),
      peak,
    }
  })

  const to = Date.parse(response.to)
  // Every series has the same buckets; the first one gives the times.
  const times = (series[0]?.points ?? []).map((p) => Date.parse(p.t))
  const rows = times.map((t, b) => {
    const row = { t, end: times[b + 1] ?? to } as MetricChartRow
    series.forEach((s, i) => {
      if (!groups[i]!.hidden) row[groups[i]!.key] = metricValue(s.points[b]?.values, metric)
    })
    return row
  })

  // Counts and sums are 0 on empty buckets, so all zeros is "nothing happened" — unless the
  // response shows traffic: then zero errors is news. Elsewhere a 0 is a measured value.
  const zeroFilled = metricUnit(metric) === 'count' || metric.endsWith('.sum')
  const measured = series.some((s) =>
    s.points.some((p) => {
      const v = metricValue(p.values, metric)
      return v !== null && (v !== 0 || !zeroFilled)
    }),
  )
  const traffic = zeroFilled && series.length > 0 && (metricValue(response.totals, 'count') ?? 0) > 0
  const empty = !measured && !traffic
  return { metric, groups, rows, from: Date.parse(response.from), to, empty }
}

/** The groups a legend toggle leaves: `group` added to or taken out of `hidden`. */
export function toggleGroup(hidden: readonly (string | null)[], group: string | null): (string | null)[] {
  return hidden.includes(group) ? hidden.filter((g) => g !== group) : [...hidden, group]
}
