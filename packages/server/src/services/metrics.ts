import { OTHER_GROUP, resolveInterval, seriesIn, toIso, type MetricSeries, type MetricsQuery, type MetricsResponse } from '@sightline/core'
import { emptyPartial, finalize, mergePartial, type MetricPartial, PERCENTILE_RELATIVE_ERROR } from '../store/metric-partials'
import type { MetricsPlan, PartialRow, Store } from '../store/types'
import { bucketBoundaries } from './time-buckets'

/** How much of a group there is, to rank groups for the top-N cut. */
const weight = (p: MetricPartial) => p.count + p.feedback + Object.values(p.scores).reduce((n, s) => n + s.count, 0)

function needs(metrics: readonly string[]): MetricsPlan['need'] {
  const scores = new Set<string>()
  let units = false
  let feedback = false
  for (const m of metrics) {
    const score = /^score\.(.+)\.(avg|count|distribution)$/.exec(m)?.[1]
    if (score !== undefined) scores.add(score)
    else if (m.startsWith('feedback.')) feedback = true
    else if (m !== 'users' && m !== 'sessions') units = true
  }
  return { units, users: metrics.includes('users'), sessions: metrics.includes('sessions'), feedback, scores: [...scores] }
}

/**
 * Series for `groups` (in order) over the buckets, plus "other" for everything else when cut,
 * and the merged partial of all of it (for the overall totals).
 */
function buildSeries(rows: PartialRow[], boundaries: number[], metrics: readonly string[], groups: (string | null)[], fold: boolean) {
  const index = new Map(groups.map((g, i) => [g, i]))
  const buckets = boundaries.length - 1
  const grid: (MetricPartial | undefined)[][] = Array.from({ length: groups.length + (fold ? 1 : 0) }, () => new Array(buckets))
  const copied = new Set<MetricPartial>()
  // Rows of groups not shown (the previous period's own groups) still count in the totals.
  const unshown = emptyPartial()
  for (const row of rows) {
    const at = index.get(row.group) ?? (fold ? groups.length : -1)
    if (at < 0) {
      mergePartial(unshown, row.partial)
      continue
    }
    // `at` is a shown group's row of the grid, or its fold row.
    const cells = grid[at]!
    const cell = cells[row.bucket]
    if (!cell) cells[row.bucket] = row.partial
    else if (copied.has(cell)) mergePartial(cell, row.partial)
    else {
      // A second partial for one cell: merge into a copy, rows stay untouched.
      const merged = mergePartial(mergePartial(emptyPartial(), cell), row.partial)
      copied.add(merged)
      cells[row.bucket] = merged
    }
  }
  const empty = emptyPartial()
  const all = unshown
  const series: MetricSeries[] = []
  grid.forEach((cells, i) => {
    const groupTotal = emptyPartial()
    for (const p of cells) if (p) mergePartial(groupTotal, p)
    mergePartial(all, groupTotal)
    if (i >= groups.length && !groupTotal.count && !cells.some(Boolean)) return
    series.push({
      group: i < groups.length ? groups[i]! : OTHER_GROUP,
      points: Array.from({ length: buckets }, (_, b) => ({ t: toIso(boundaries[b]!), values: finalize(cells[b] ?? empty, metrics) })),
      totals: finalize(groupTotal, metrics),
    })
  })
  return { series, all }
}

/**
 * `GET /api/v1/metrics`: zero-filled series per group (top `limit` groups, the rest folded into
 * "other"), totals, and optionally the previous period of the same length.
 */
export async function queryMetrics(store: Store, projectId: string, q: MetricsQuery): Promise<MetricsResponse> {
  const interval = resolveInterval(q.interval, q.to - q.from, seriesIn(q))
  const boundaries = bucketBoundaries(q.from, q.to, interval, q.tz)
  const unit = q.groupBy === 'model' || q.groupBy === 'provider' ? 'llm' : 'trace'
  const plan = (b: number[]): MetricsPlan => ({ boundaries: b, unit, groupBy: q.groupBy, filters: q.filters, need: needs(q.metrics) })
  const rows = await store.metricPartials(projectId, plan(boundaries))

  let groups: (string | null)[] = [null]
  let fold = false
  if (q.groupBy) {
    const byGroup = new Map<string | null, number>()
    for (const r of rows) byGroup.set(r.group, (byGroup.get(r.group) ?? 0) + weight(r.partial))
    // Biggest first; ties by name, with "no value" last.
    const ranked = [...byGroup.entries()].sort(([ga, a], [gb, b]) => b - a || (ga === null ? 1 : gb === null ? -1 : ga.localeCompare(gb)))
    groups = ranked.slice(0, q.limit).map(([g]) => g)
    fold = ranked.length > q.limit
  }
  // Boundaries hold at least the first bucket's start and the last one's end.
  const from = boundaries[0]!
  const to = boundaries[boundaries.length - 1]!
  const current = buildSeries(rows, boundaries, q.metrics, q.groupBy ? groups : [null], fold)
  const response: MetricsResponse = {
    interval,
    from: toIso(from),
    to: toIso(to),
    series: current.series,
    totals: finalize(current.all, q.metrics),
    percentiles: { relativeError: PERCENTILE_RELATIVE_ERROR },
  }
  if (q.compare === 'previous') {
    const prevBoundaries = bucketBoundaries(from - (to - from), from - 1, interval, q.tz)
    const previous = buildSeries(await store.metricPartials(projectId, plan(prevBoundaries)), prevBoundaries, q.metrics, groups, fold)
    response.previous = {
      from: toIso(prevBoundaries[0]!),
      to: toIso(prevBoundaries[prevBoundaries.length - 1]!),
      totals: finalize(previous.all, q.metrics),
      series: previous.series,
    }
  }
  return response
}
