import {
  OTHER_GROUP,
  resolveInterval,
  toIso,
  type MetricSeries,
  type MetricsQuery,
  type MetricsResponse,
} from '@sightline/core'
import { emptyPartial, finalize, mergePartial, type Partial, PERCENTILE_RELATIVE_ERROR } from '../store/metric-partials'
import type { MetricsPlan, PartialRow, Store } from '../store/types'
import { bucketBoundaries } from './time-buckets'

/** How much of a group there is, to rank groups for the top-N cut. */
const weight = (p: Partial) => p.count + p.feedback + Object.values(p.scores).reduce((n, s) => n + s.count, 0)

function needs(metrics: readonly string[]): MetricsPlan['need'] {
  const scores = new Set<string>()
  let units = false
  let feedback = false
  for (const m of metrics) {
    const score = /^score\.(.+)\.(avg|count|distribution)$/.exec(m)
    if (score) scores.add(score[1])
    else if (m.startsWith('feedback.')) feedback = true
    else if (m !== 'users' && m !== 'sessions') units = true
  }
  return { units, users: metrics.includes('users'), sessions: metrics.includes('sessions'), feedback, scores: [...scores] }
}

/** Series for `groups` (in order) over the buckets, plus "other" for everything else when cut. */
function buildSeries(rows: PartialRow[], boundaries: number[], metrics: readonly string[], groups: (string | null)[], fold: boolean): MetricSeries[] {
  const index = new Map(groups.map((g, i) => [g, i]))
  const buckets = boundaries.length - 1
  const grid: (Partial | undefined)[][] = Array.from({ length: groups.length + (fold ? 1 : 0) }, () => new Array(buckets))
  for (const row of rows) {
    const at = index.get(row.group) ?? (fold ? groups.length : -1)
    if (at < 0) continue
    grid[at][row.bucket] = mergePartial(grid[at][row.bucket] ?? emptyPartial(), row.partial)
  }
  const empty = emptyPartial()
  return grid
    .map((cells, i) => ({
      group: i < groups.length ? groups[i] : OTHER_GROUP,
      points: Array.from({ length: buckets }, (_, b) => ({ t: toIso(boundaries[b]), values: finalize(cells[b] ?? empty, metrics) })),
      totals: finalize(cells.reduce<Partial>((acc, p) => (p ? mergePartial(acc, p) : acc), emptyPartial()), metrics),
    }))
    .filter((s, i) => i < groups.length || s.totals.count !== 0 || grid[i].some(Boolean))
}

function total(rows: PartialRow[], metrics: readonly string[]) {
  return finalize(rows.reduce<Partial>((acc, r) => mergePartial(acc, r.partial), emptyPartial()), metrics)
}

/**
 * `GET /api/v1/metrics`: zero-filled series per group (top `limit` groups, the rest folded into
 * "other"), totals, and optionally the previous period of the same length.
 */
export async function queryMetrics(store: Store, projectId: string, q: MetricsQuery): Promise<MetricsResponse> {
  const interval = resolveInterval(q.interval, q.to - q.from)
  const boundaries = bucketBoundaries(q.from, q.to, interval, q.tz)
  const unit = q.groupBy === 'model' || q.groupBy === 'provider' ? 'llm' : 'trace'
  const plan = (b: number[]): MetricsPlan => ({ boundaries: b, unit, groupBy: q.groupBy, filters: q.filters, need: needs(q.metrics) })
  const rows = await store.metricPartials(projectId, plan(boundaries))

  let groups: (string | null)[] = [null]
  let fold = false
  if (q.groupBy) {
    const byGroup = new Map<string | null, Partial>()
    for (const r of rows) byGroup.set(r.group, mergePartial(byGroup.get(r.group) ?? emptyPartial(), r.partial))
    // Biggest first; ties by name, with "no value" last.
    const ranked = [...byGroup.entries()].sort(
      ([ga, a], [gb, b]) => weight(b) - weight(a) || (ga === null ? 1 : gb === null ? -1 : ga.localeCompare(gb)),
    )
    groups = ranked.slice(0, q.limit).map(([g]) => g)
    fold = ranked.length > q.limit
  }
  const from = boundaries[0]
  const to = boundaries[boundaries.length - 1]
  const response: MetricsResponse = {
    interval,
    from: toIso(from),
    to: toIso(to),
    series: buildSeries(rows, boundaries, q.metrics, groups, fold),
    totals: total(rows, q.metrics),
    percentiles: { relativeError: PERCENTILE_RELATIVE_ERROR },
  }
  if (q.compare === 'previous') {
    const prevBoundaries = bucketBoundaries(from - (to - from), from - 1, interval, q.tz)
    const prevRows = await store.metricPartials(projectId, plan(prevBoundaries))
    response.previous = {
      from: toIso(prevBoundaries[0]),
      to: toIso(prevBoundaries[prevBoundaries.length - 1]),
      totals: total(prevRows, q.metrics),
      series: buildSeries(prevRows, prevBoundaries, q.metrics, groups, fold),
    }
  }
  return response
}
