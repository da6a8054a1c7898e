import {
  toIso,
  toIsoOrNull,
  type Page,
  type Queue,
  type QueueItem,
  type QueueItemStatus,
  type QueueStats,
  type ScoreConfig,
} from '@sightline/core'
import { decodeCursor, encodeCursor, pageOf } from './cursor'
import { parse, type Row } from './rows'
import type { QueueItemQuery } from './types'

/**
 * Queue item state is derived, never stored: from the reviews done, the skips and the live
 * leases. Shared by the SQL stores.
 */
export function statusOf(done: number, skipped: number, leased: number, needed: number): QueueItemStatus {
  if (done >= needed) return 'done'
  if (leased > 0) return 'in_progress'
  return skipped > 0 ? 'skipped' : 'pending'
}

/** One review as stored: who, done or skipped, when claimed and when finished (epoch ms). */
export interface ReviewRow {
  reviewer: string
  outcome: 'done' | 'skipped'
  claimed_at: number | string | null
  at: number | string
}

/** Per-reviewer done/skipped counts, median seconds from claim to completion, and pace. */
export function reviewerStats(rows: ReviewRow[], now: number): QueueStats['reviewers'] {
  const byReviewer = new Map<string, { done: number; skipped: number; seconds: number[]; lastHour: number; lastAt: number | null }>()
  for (const r of rows) {
    const e = byReviewer.get(r.reviewer) ?? { done: 0, skipped: 0, seconds: [], lastHour: 0, lastAt: null }
    const at = Number(r.at)
    if (r.outcome === 'done') {
      e.done++
      if (r.claimed_at != null) e.seconds.push((at - Number(r.claimed_at)) / 1000)
      if (now - at <= 3_600_000) e.lastHour++
    } else e.skipped++
    e.lastAt = Math.max(e.lastAt ?? 0, at)
    byReviewer.set(r.reviewer, e)
  }
  return [...byReviewer.entries()]
    .map(([reviewer, e]) => {
      const sorted = e.seconds.sort((a, b) => a - b)
      return {
        reviewer,
        done: e.done,
        skipped: e.skipped,
        medianSeconds: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null,
        lastHour: e.lastHour,
        lastAt: toIsoOrNull(e.lastAt),
      }
    })
    .sort((a, b) => b.done - a.done || a.reviewer.localeCompare(b.reviewer))
}

export function toConfig(r: Row): ScoreConfig {
  return {
    id: r.id as string,
    name: r.name as string,
    dataType: r.data_type as ScoreConfig['dataType'],
    min: r.min as number | null,
    max: r.max as number | null,
    step: r.step as number | null,
    categories: parse<string[]>(r.categories),
    description: r.description as string | null,
    feedback: r.feedback === true || r.feedback === 1,
    archivedAt: toIsoOrNull(r.archived_at == null ? null : Number(r.archived_at)),
    createdAt: toIso(Number(r.created_at)),
  }
}

export function toQueue(r: Row): Queue {
  return {
    id: r.id as string,
    name: r.name as string,
    description: r.description as string | null,
    scoreConfigIds: parse<string[]>(r.score_config_ids) ?? [],
    reviewersPerItem: r.reviewers_per_item as number,
    leaseSeconds: r.lease_seconds as number,
    rules: parse<Queue['rules']>(r.rules) ?? [],
    archivedAt: toIsoOrNull(r.archived_at == null ? null : Number(r.archived_at)),
    createdAt: toIso(Number(r.created_at)),
  }
}

/** An item from its row, its leases (expired ones are dropped here) and its reviews. */
export function itemOf(queueId: string, row: Row, leases: Row[], reviews: Row[], needed: number, now: number): QueueItem {
  const live = leases.filter((l) => Number(l.expires_at) > now)
  const completedBy = reviews.filter((r) => r.outcome === 'done').map((r) => r.reviewer as string)
  const skippedBy = reviews.filter((r) => r.outcome === 'skipped').map((r) => r.reviewer as string)
  return {
    id: row.id as string,
    queueId,
    traceId: row.trace_id as string,
    spanId: row.span_id as string | null,
    status: statusOf(completedBy.length, skippedBy.length, live.length, needed),
    leases: live.map((l) => ({ reviewer: l.reviewer as string, expiresAt: toIso(Number(l.expires_at)) })),
    completedBy,
    skippedBy,
    createdAt: toIso(Number(row.created_at)),
  }
}

/** Counts by status from per-item rows of `done`, `skipped` and live `leased` counts. */
export function statusCounts(rows: Row[], needed: number): QueueStats['counts'] {
  const counts = { total: 0, pending: 0, inProgress: 0, done: 0, skipped: 0 }
  for (const r of rows) {
    counts.total++
    const st = statusOf(Number(r.done), Number(r.skipped), Number(r.leased), needed)
    if (st === 'in_progress') counts.inProgress++
    else counts[st]++
  }
  return counts
}

/** Item ids a page reads per step, and at most in all: status is derived, so a status filter reads items to find a page. */
export const ITEM_SCAN_STEP = 500
export const ITEM_SCAN_LIMIT = 1000

/** Item ids end in their queue position. */
const seqOf = (item: QueueItem) => Number(item.id.slice(item.id.lastIndexOf('_') + 1))

/**
 * One page of a queue's items in queue order, from `step` (up to ITEM_SCAN_STEP ids after a
 * position) and `read`. Once ITEM_SCAN_LIMIT items are read the page is answered as it is, maybe
 * short: its cursor goes on from the last item read, so no request reads a whole queue.
 */
export async function pageOfItems(
  q: QueueItemQuery,
  step: (afterSeq: number) => Row[] | Promise<Row[]>,
  read: (id: string) => QueueItem | Promise<QueueItem>,
): Promise<Page<QueueItem>> {
  let last = q.cursor ? decodeCursor(q.cursor, 'seq').value : 0
  const out: QueueItem[] = []
  for (let scanned = 0; ; ) {
    const rows = await step(last)
    for (const r of rows) {
      last = Number(r.seq)
      scanned++
      const item = await read(r.id as string)
      if (!q.status || item.status === q.status) out.push(item)
      if (out.length > q.limit)
        return pageOf(
          out,
          q.limit,
          (i) => i,
          (i) => ({ sort: 'seq', value: seqOf(i), id: i.id }),
        )
    }
    if (rows.length < ITEM_SCAN_STEP) return { data: out, nextCursor: null }
    if (scanned >= ITEM_SCAN_LIMIT) return { data: out, nextCursor: encodeCursor({ sort: 'seq', value: last, id: '' }) }
  }
}
