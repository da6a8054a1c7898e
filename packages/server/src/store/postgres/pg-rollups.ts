import { emptyPartial, mergePartial, type MetricPartial } from '../metric-partials'
import {
  type ContribEntry,
  type FeedbackCounts,
  NO_FEEDBACK,
  type PresenceKey,
  presenceChanges,
  type TraceShare,
  shareWithFeedback,
} from '../rollup-contrib'
import type { Query } from './pg-query'

/*
 * Rollup maintenance over PostgreSQL, inside the caller's transaction (which holds the traces'
 * row locks). Every trace remembers its share of the hourly rollups in metric_contrib, so a
 * re-derived trace or changed feedback replaces that share exactly.
 */

/** Applies contribution changes to rollup rows, in key order so writers never deadlock. */
async function applyRollups(q: Query, projectId: string, changes: { entry: ContribEntry; sign: 1 | -1 }[]) {
  const byKey = new Map<string, { key: string[]; partial: MetricPartial }>()
  for (const { entry, sign } of changes) {
    const k = entry.key.join('\u0000')
    const acc = byKey.get(k) ?? { key: entry.key, partial: emptyPartial() }
    mergePartial(acc.partial, entry.partial, sign)
    byKey.set(k, acc)
  }
  if (!byKey.size) return
  const keys = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)
  const cols = (i: number) => keys.map((k) => k.key[i])
  const keyArrays = [cols(0), keys.map((k) => Number(k.key[1])), cols(2), cols(3), cols(4), cols(5), cols(6), cols(7)]
  const KEY_TYPES = '$2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]'
  const KEY_COLS = 'unit, hour, model, provider, name, environment, release, version'
  const stored = await q(
    `SELECT ${KEY_COLS}, partial FROM metric_rollup WHERE project_id = $1 AND (${KEY_COLS}) IN (SELECT * FROM unnest(${KEY_TYPES}))
     ORDER BY ${KEY_COLS} FOR UPDATE`,
    [projectId, ...keyArrays],
  )
  const current = new Map(
    stored.map((r) => [
      [r.unit, String(r.hour), r.model, r.provider, r.name, r.environment, r.release, r.version].join('\u0000'),
      r.partial as string,
    ]),
  )
  const put: { key: string[]; json: string }[] = []
  const drop: string[][] = []
  for (const { key, partial } of keys) {
    const have = current.get(key.join('\u0000'))
    const merged = mergePartial(have ? (JSON.parse(have) as MetricPartial) : emptyPartial(), partial)
    if (merged.count <= 0) drop.push(key)
    else put.push({ key, json: JSON.stringify(merged) })
  }
  const arrays = (list: string[][]) => [0, 1, 2, 3, 4, 5, 6, 7].map((i) => list.map((k) => (i === 1 ? Number(k[i]) : k[i])))
  if (drop.length)
    await q(`DELETE FROM metric_rollup WHERE project_id = $1 AND (${KEY_COLS}) IN (SELECT * FROM unnest(${KEY_TYPES}))`, [
      projectId,
      ...arrays(drop),
    ])
  if (put.length)
    await q(
      `INSERT INTO metric_rollup SELECT $1, u.* FROM unnest(${KEY_TYPES}, $10::text[]) AS u
       ON CONFLICT (project_id, ${KEY_COLS}) DO UPDATE SET partial = EXCLUDED.partial`,
      [projectId, ...arrays(put.map((p) => p.key)), put.map((p) => p.json)],
    )
}

/** Moves presence counts by the changes' deltas, in key order; rows that reach zero go. */
async function applyPresence(q: Query, projectId: string, changes: { key: PresenceKey; delta: 1 | -1 }[]) {
  const byKey = new Map<string, { key: PresenceKey; delta: number }>()
  for (const { key, delta } of changes) {
    const k = key.join('\u0000')
    const acc = byKey.get(k) ?? byKey.set(k, { key, delta: 0 }).get(k)!
    acc.delta += delta
  }
  const moved = [...byKey.entries()]
    .filter(([, v]) => v.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v)
  if (!moved.length) return
  const column = (i: number) => moved.map((m) => m.key[i])
  const keys = [column(0), column(1), column(2), column(3), column(4), column(5), column(6)]
  const KEY_TYPES = '$2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]'
  await q(
    `INSERT INTO metric_presence AS p SELECT $1, u.* FROM unnest(${KEY_TYPES}, $9::int[]) AS u
     ON CONFLICT (project_id, kind, hour, name, environment, release, version, value) DO UPDATE SET traces = p.traces + EXCLUDED.traces`,
    [projectId, ...keys, moved.map((m) => m.delta)],
  )
  if (moved.some((m) => m.delta < 0))
    await q(
      `DELETE FROM metric_presence WHERE project_id = $1 AND traces <= 0
       AND (kind, hour, name, environment, release, version, value) IN (SELECT * FROM unnest(${KEY_TYPES}))`,
      [projectId, ...keys],
    )
}

/** The end-user feedback counts of traces, as derivation and share patches read them. */
export async function feedbackCounts(q: Query, projectId: string, ids: string[]): Promise<Map<string, FeedbackCounts>> {
  const rows = await q(
    `SELECT trace_id, count(*)::int AS count, (count(*) FILTER (WHERE polarity = 1))::int AS positive,
       (count(*) FILTER (WHERE polarity = -1))::int AS negative
     FROM scores WHERE project_id = $1 AND trace_id = ANY($2) AND source = 'feedback' GROUP BY trace_id`,
    [projectId, ids],
  )
  return new Map(rows.map((r) => [r.trace_id as string, r as unknown as FeedbackCounts]))
}

/** The stored rollup shares of traces, as JSON text. */
const sharesOf = async (q: Query, projectId: string, ids: string[]) =>
  new Map(
    (await q('SELECT trace_id, contrib FROM metric_contrib WHERE project_id = $1 AND trace_id = ANY($2)', [projectId, ids])).map((r) => [
      r.trace_id as string,
      r.contrib as string,
    ]),
  )

/** Replaces what re-derived traces add to the rollups with their new shares. */
export async function contributeTraces(q: Query, projectId: string, ids: string[], next: [string, TraceShare][]) {
  await replaceShares(q, projectId, next, await sharesOf(q, projectId, ids))
}

/** Feedback on traces changed: their stored shares are patched (traces not derived yet read it when they are). */
export async function refreshFeedback(q: Query, projectId: string, ids: string[]) {
  if (!ids.length) return
  const counts = await feedbackCounts(q, projectId, ids)
  const previous = await sharesOf(q, projectId, ids)
  const next = [...previous].map(([id, json]): [string, TraceShare] => [
    id,
    shareWithFeedback(JSON.parse(json) as TraceShare, counts.get(id) ?? NO_FEEDBACK),
  ])
  await replaceShares(q, projectId, next, previous)
}

/** Each trace's share of the rollups is replaced exactly: the old share out, the new in. */
async function replaceShares(q: Query, projectId: string, next: [string, TraceShare][], previous: Map<string, string>) {
  const changes: { entry: ContribEntry; sign: 1 | -1 }[] = []
  const presence: { key: PresenceKey; delta: 1 | -1 }[] = []
  const changed: [string, string][] = []
  for (const [id, share] of next) {
    const json = JSON.stringify(share)
    const stored = previous.get(id)
    if (stored === json) continue
    const prev = stored ? (JSON.parse(stored) as TraceShare) : undefined
    if (prev) for (const entry of prev.entries) changes.push({ entry, sign: -1 })
    for (const entry of share.entries) changes.push({ entry, sign: 1 })
    presence.push(...presenceChanges(prev?.presence ?? [], share.presence))
    changed.push([id, json])
  }
  if (changed.length)
    await q(
      `INSERT INTO metric_contrib SELECT $1, u.id, u.contrib FROM unnest($2::text[], $3::text[]) AS u(id, contrib)
       ON CONFLICT (project_id, trace_id) DO UPDATE SET contrib = EXCLUDED.contrib`,
      [projectId, changed.map((c) => c[0]), changed.map((c) => c[1])],
    )
  await applyRollups(q, projectId, changes)
  await applyPresence(q, projectId, presence)
}
