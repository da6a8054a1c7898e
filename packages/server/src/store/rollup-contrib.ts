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
  user: string | null
  session: string | null
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
function contributionEntries(t: RollupTrace): ContribEntry[] {
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

/** Rollup entries with the trace's feedback set, where the trace counts: by its start hour and dimensions. */
function withFeedback(entries: ContribEntry[], f: FeedbackCounts): ContribEntry[] {
  return entries.map((e) =>
    e.key[0].startsWith('trace')
      ? { key: e.key, partial: { ...e.partial, feedback: f.count, positive: f.positive, negative: f.negative } }
      : e,
  )
}

/**
 * A user or session seen in an hour, by the trace dimensions. Each row counts the traces that
 * put it there, so a trace that moves (another hour, user or name) takes its presence along.
 */
export type PresenceKey = [
  kind: 'user' | 'session',
  hour: number,
  name: string,
  environment: string,
  release: string,
  version: string,
  value: string,
]

/** What a trace adds to the rollups (`entries`) and to presence; stored per trace to be replaced exactly. */
export interface TraceShare {
  entries: ContribEntry[]
  presence: PresenceKey[]
}

/**
 * A stored share with new feedback: new feedback patches it this way, without reading the trace's
 * spans again (presence does not depend on feedback).
 */
export const shareWithFeedback = (share: TraceShare, f: FeedbackCounts): TraceShare => ({
  ...share,
  entries: withFeedback(share.entries, f),
})

export function traceShare(t: RollupTrace): TraceShare {
  const at = [Math.floor(t.start / HOUR), t.name ?? '', t.environment ?? '', t.release ?? '', t.version ?? ''] as const
  const presence: PresenceKey[] = []
  if (t.user) presence.push(['user', ...at, t.user])
  if (t.session) presence.push(['session', ...at, t.session])
  return { entries: contributionEntries(t), presence }
}

/** The presence rows to add (+1) and take back (-1) when a trace's share changes; unchanged ones are left alone. */
export function presenceChanges(before: PresenceKey[], after: PresenceKey[]): { key: PresenceKey; delta: 1 | -1 }[] {
  const id = (k: PresenceKey) => k.join('\u0000')
  const was = new Set(before.map(id))
  const is = new Set(after.map(id))
  return [
    ...before.filter((k) => !is.has(id(k))).map((key) => ({ key, delta: -1 as const })),
    ...after.filter((k) => !was.has(id(k))).map((key) => ({ key, delta: 1 as const })),
  ]
}

/** Hour-aligned buckets over trace dimensions only: what rollups and presence rows are cut by. */
function rollupShaped({ filters, groupBy, boundaries, unit }: MetricsPlan): boolean {
  if (!boundaries.every((b) => b % HOUR === 0)) return false
  // `source` only narrows scores, which rollups never hold.
  if (Object.keys(filters).some((k) => k !== 'source' && !(ROLLUP_DIMS as readonly string[]).includes(k))) return false
  if (unit === 'llm') return groupBy === 'model' || groupBy === 'provider'
  return groupBy === undefined || (ROLLUP_DIMS as readonly string[]).includes(groupBy)
}

/** Whether a plan's counts, sums and feedback can be answered from the hourly rollups. */
export function rollupEligible(plan: MetricsPlan): boolean {
  const { need, unit } = plan
  if (need.users || need.sessions || need.scores.length) return false
  // Feedback belongs to traces, so only trace-level rollups carry it.
  if (need.feedback && unit !== 'trace') return false
  return rollupShaped(plan)
}

/** Whether a plan's distinct users and sessions can come from presence rows (kept for traces, not LLM calls). */
export const presenceEligible = (plan: MetricsPlan): boolean => plan.unit === 'trace' && rollupShaped(plan)
