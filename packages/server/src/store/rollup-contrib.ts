import { addUnit, emptyPartial, type MetricPartial, type MetricUnit } from './metric-partials'
import type { MetricsPlan } from './types'

export const HOUR = 3_600_000
export const ROLLUP_DIMS = ['name', 'environment', 'release', 'version'] as const

/** The bucket a time falls in, by binary search over the plan's boundaries; -1 outside. */
export function bucketOf(boundaries: number[], time: number): number {
  // A plan has at least one bucket: a start and an end.
  if (time < boundaries[0]! || time >= boundaries[boundaries.length - 1]!) return -1
  let lo = 0
  let hi = boundaries.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (boundaries[mid]! <= time) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** End-user feedback on one trace: scores with source "feedback", by polarity. */
export interface FeedbackCounts {
  count: number
  positive: number
  negative: number
}

export const NO_FEEDBACK: FeedbackCounts = { count: 0, positive: 0, negative: 0 }

/** A trace as the rollups see it, with its LLM calls and the feedback on it. */
export interface RollupTrace {
  start: number
  name: string | null
  environment: string | null
  release: string | null
  version: string | null
  unit: MetricUnit
  calls: { start: number; model: string; provider: string | null; unit: MetricUnit }[]
  feedback: FeedbackCounts
}

export interface ContribEntry {
  /** unit (with its level), hour, model, provider, then the trace dimensions */
  key: [unit: string, ...rest: string[]]
  partial: MetricPartial
}

const NO_DISTINCT = { users: false, sessions: false }
const ANY = ['*', '*', '*', '*']
/** The level across all trace dimensions is its own unit, so its rows sit together in the key. */
export const ALL_LEVEL = ':all'

/** A trace's share of the rollups: by every dimension, and across all trace dimensions. */
export function contributionEntries(t: RollupTrace): ContribEntry[] {
  const dims = [t.name ?? '', t.environment ?? '', t.release ?? '', t.version ?? '']
  const byKey = new Map<string, ContribEntry>()
  const add = (key: ContribEntry['key'], unit: MetricUnit) => {
    const k = key.join('\u0000')
    let e = byKey.get(k)
    if (!e) byKey.set(k, (e = { key, partial: emptyPartial() }))
    addUnit(e.partial, unit, NO_DISTINCT)
  }
  // Two levels: by every dimension, and across all trace dimensions ('*'), which unfiltered
  // dashboards read with a tenth of the rows.
  for (const [level, suffix] of [
    [dims, ''],
    [ANY, ALL_LEVEL],
  ] as const) {
    add([`trace${suffix}`, String(Math.floor(t.start / HOUR)), '', '', ...level], t.unit)
    for (const c of t.calls) add([`llm${suffix}`, String(Math.floor(c.start / HOUR)), c.model, c.provider ?? '', ...level], c.unit)
  }
  return withFeedback([...byKey.values()], t.feedback)
}

/**
 * A share with the trace's feedback set, where the trace counts: by its start hour and dimensions.
 * New feedback patches the stored share this way, without reading the trace's spans again.
 */
export function withFeedback(entries: ContribEntry[], f: FeedbackCounts): ContribEntry[] {
  return entries.map((e) =>
    e.key[0].startsWith('trace')
      ? { key: e.key, partial: { ...e.partial, feedback: f.count, positive: f.positive, negative: f.negative } }
      : e,
  )
}

/** Whether a plan can be answered from the hourly rollups. */
export function rollupEligible(plan: MetricsPlan): boolean {
  const { need, filters, groupBy, boundaries, unit } = plan
  if (need.users || need.sessions || need.scores.length) return false
  // Feedback belongs to traces, so only trace-level rollups carry it.
  if (need.feedback && unit !== 'trace') return false
  if (!boundaries.every((b) => b % HOUR === 0)) return false
  // `source` only narrows scores, which rollups never hold.
  if (Object.keys(filters).some((k) => k !== 'source' && !(ROLLUP_DIMS as readonly string[]).includes(k))) return false
  if (unit === 'llm') return groupBy === 'model' || groupBy === 'provider'
  return groupBy === undefined || (ROLLUP_DIMS as readonly string[]).includes(groupBy)
}
