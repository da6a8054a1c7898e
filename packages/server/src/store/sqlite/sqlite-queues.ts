import type Database from 'better-sqlite3'
import type { Page, Queue, QueueItem, QueueStats, ScoreConfig, TraceFilters } from '@sightline/core'
import { ITEM_SCAN_STEP, itemOf, pageOfItems, type ReviewRow, reviewerStats, statusCounts, toConfig, toQueue } from '../queue-state'
import { type SqlDialect, traceMatches } from '../trace-where'
import {
  type QueueChange,
  QueueConflictError,
  QueueItemNotFoundError,
  type QueueItemQuery,
  type ScoreConfigChange,
  type ScoreRecord,
} from '../types'

import type { Row } from '../rows'
const json = (v: unknown) => (v == null ? null : JSON.stringify(v))

/**
 * Annotation queues on SQLite. Item state is derived from leases and reviews, so there is no
 * status column to drift. Every flow step runs in an IMMEDIATE transaction: with one writer at a
 * time (even across processes on one file) two reviewers never take the same slot.
 */
export function createSqliteQueues(
  db: Database.Database,
  dialect: () => SqlDialect,
  writeScores: (projectId: string, scores: ScoreRecord[], now: number) => void,
) {
  /** ` AND <the item's trace matches>` (items aliased `i`), or nothing without filters. */
  const scoped = (projectId: string, filters: TraceFilters | undefined, params: unknown[]) =>
    filters && Object.keys(filters).length ? ` AND ${traceMatches(projectId, filters, dialect(), params, 'i.trace_id')}` : ''

  let prepared: ReturnType<typeof prepare> | undefined
  const s = () => (prepared ??= prepare())
  const prepare = () => ({
    putConfig: db.prepare(
      `INSERT INTO score_configs VALUES (@project_id, @id, @name, @data_type, @min, @max, @step, @categories, @description, @archived_at, @created_at, @feedback)`,
    ),
    configs: db.prepare('SELECT * FROM score_configs WHERE project_id = ? ORDER BY created_at, id'),
    config: db.prepare('SELECT * FROM score_configs WHERE project_id = ? AND id = ?'),
    deleteConfig: db.prepare('DELETE FROM score_configs WHERE project_id = ? AND id = ?'),
    scoreNamed: db.prepare('SELECT 1 FROM scores WHERE project_id = ? AND name = ? LIMIT 1'),
    putQueue: db.prepare(
      `INSERT INTO queues VALUES (@project_id, @id, @name, @description, @score_config_ids, @reviewers_per_item, @lease_seconds, @rules, @archived_at, @created_at)`,
    ),
    queues: db.prepare('SELECT * FROM queues WHERE project_id = ? ORDER BY created_at, id'),
    queue: db.prepare('SELECT * FROM queues WHERE project_id = ? AND id = ?'),
    nextSeq: db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM queue_items WHERE project_id = ? AND queue_id = ?'),
    addItem: db.prepare('INSERT INTO queue_items VALUES (?, ?, ?, ?, ?, NULL, ?) ON CONFLICT DO NOTHING'),
    item: db.prepare('SELECT * FROM queue_items WHERE project_id = ? AND queue_id = ? AND id = ?'),
    leases: db.prepare(
      'SELECT reviewer, claimed_at, expires_at FROM queue_leases WHERE project_id = ? AND queue_id = ? AND item_id = ? ORDER BY reviewer',
    ),
    reviews: db.prepare(
      'SELECT reviewer, outcome FROM queue_reviews WHERE project_id = ? AND queue_id = ? AND item_id = ? ORDER BY at, reviewer',
    ),
    takenByOthers: db.prepare(`
      SELECT (SELECT count(*) FROM queue_reviews r WHERE r.project_id = @p AND r.queue_id = @q AND r.item_id = @i AND r.outcome = 'done')
        + (SELECT count(*) FROM queue_leases l WHERE l.project_id = @p AND l.queue_id = @q AND l.item_id = @i AND l.expires_at > @now AND l.reviewer != @who) AS n`),
    lease: db.prepare('SELECT * FROM queue_leases WHERE project_id = ? AND queue_id = ? AND item_id = ? AND reviewer = ?'),
    putLease: db.prepare('INSERT OR REPLACE INTO queue_leases VALUES (?, ?, ?, ?, ?, ?)'),
    dropLease: db.prepare('DELETE FROM queue_leases WHERE project_id = ? AND queue_id = ? AND item_id = ? AND reviewer = ?'),
    review: db.prepare('SELECT outcome FROM queue_reviews WHERE project_id = ? AND queue_id = ? AND item_id = ? AND reviewer = ?'),
    putReview: db.prepare('INSERT OR REPLACE INTO queue_reviews VALUES (?, ?, ?, ?, ?, ?, ?)'),
  })

  /** The item this reviewer holds a live lease on, within the filters. */
  const heldBy = (projectId: string, queueId: string, reviewer: string, now: number, filters?: TraceFilters) => {
    const params: unknown[] = [projectId, queueId, reviewer, now]
    return db
      .prepare(
        `SELECT l.item_id FROM queue_leases l JOIN queue_items i ON i.project_id = l.project_id AND i.queue_id = l.queue_id AND i.id = l.item_id
         WHERE l.project_id = ? AND l.queue_id = ? AND l.reviewer = ? AND l.expires_at > ?${scoped(projectId, filters, params)}
         ORDER BY l.claimed_at LIMIT 1`,
      )
      .get(...params) as Row | undefined
  }

  // The first item within the filters this reviewer has not reviewed that still has a free slot:
  // done reviews plus live leases of others stay under reviewersPerItem.
  const nextFree = (projectId: string, queue: Queue, reviewer: string, now: number, filters?: TraceFilters) => {
    const params: unknown[] = [projectId, queue.id, reviewer, now, reviewer, queue.reviewersPerItem]
    return db
      .prepare(
        `SELECT i.id FROM queue_items i
         WHERE i.project_id = ? AND i.queue_id = ?
           AND NOT EXISTS (SELECT 1 FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.reviewer = ?)
           AND (SELECT count(*) FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.outcome = 'done')
             + (SELECT count(*) FROM queue_leases l WHERE l.project_id = i.project_id AND l.queue_id = i.queue_id AND l.item_id = i.id AND l.expires_at > ? AND l.reviewer != ?)
             < ?${scoped(projectId, filters, params)}
         ORDER BY i.seq LIMIT 1`,
      )
      .get(...params) as Row | undefined
  }

  function readItem(projectId: string, queueId: string, itemId: string, needed: number, now: number): QueueItem | null {
    const row = s().item.get(projectId, queueId, itemId) as Row | undefined
    if (!row) return null
    return itemOf(
      queueId,
      row,
      s().leases.all(projectId, queueId, itemId) as Row[],
      s().reviews.all(projectId, queueId, itemId) as Row[],
      needed,
      now,
    )
  }

  const mustRead = (projectId: string, queue: Queue, itemId: string, now: number) => {
    const item = readItem(projectId, queue.id, itemId, queue.reviewersPerItem, now)
    if (!item) throw new QueueItemNotFoundError(`item ${itemId} is not in queue ${queue.id}`)
    return item
  }

  /** Whether the reviewer may hold or finish this item now: reviewed yet? a slot left? */
  function checkSlot(projectId: string, queue: Queue, itemId: string, reviewer: string, now: number, revise = false) {
    mustRead(projectId, queue, itemId, now)
    const review = s().review.get(projectId, queue.id, itemId, reviewer) as Row | undefined
    // A reviewer may revise their own completed review (their scores keep their ids).
    if (review?.outcome === 'done') {
      if (revise) return
      throw new QueueConflictError(`${reviewer} already completed item ${itemId}`)
    }
    const taken = (s().takenByOthers.get({ p: projectId, q: queue.id, i: itemId, now, who: reviewer }) as { n: number }).n
    if (taken >= queue.reviewersPerItem)
      throw new QueueConflictError(`item ${itemId} is held or done by other reviewers; claim the next one`)
  }

  const tx = <A extends unknown[], R>(fn: (...a: A) => R) => {
    const t = db.transaction(fn)
    return (...a: A): R => t.immediate(...a)
  }

  const claim = tx((projectId: string, queue: Queue, reviewer: string, now: number, filters?: TraceFilters): QueueItem | null => {
    const held = heldBy(projectId, queue.id, reviewer, now, filters)
    const itemId = (held?.item_id as string | undefined) ?? (nextFree(projectId, queue, reviewer, now, filters)?.id as string | undefined)
    if (!itemId) return null
    if (!held) s().putLease.run(projectId, queue.id, itemId, reviewer, now, now + queue.leaseSeconds * 1000)
    return readItem(projectId, queue.id, itemId, queue.reviewersPerItem, now)
  })

  const complete = tx((projectId: string, queue: Queue, itemId: string, reviewer: string, scores: ScoreRecord[], now: number) => {
    checkSlot(projectId, queue, itemId, reviewer, now, true)
    const lease = s().lease.get(projectId, queue.id, itemId, reviewer) as Row | undefined
    writeScores(projectId, scores, now)
    s().putReview.run(projectId, queue.id, itemId, reviewer, 'done', (lease?.claimed_at as number | undefined) ?? null, now)
    s().dropLease.run(projectId, queue.id, itemId, reviewer)
    return mustRead(projectId, queue, itemId, now)
  })

  const skip = tx((projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) => {
    mustRead(projectId, queue, itemId, now)
    const review = s().review.get(projectId, queue.id, itemId, reviewer) as Row | undefined
    if (review?.outcome === 'done') throw new QueueConflictError(`${reviewer} already completed item ${itemId}`)
    const lease = s().lease.get(projectId, queue.id, itemId, reviewer) as Row | undefined
    s().putReview.run(projectId, queue.id, itemId, reviewer, 'skipped', (lease?.claimed_at as number | undefined) ?? null, now)
    s().dropLease.run(projectId, queue.id, itemId, reviewer)
    return mustRead(projectId, queue, itemId, now)
  })

  const release = tx((projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) => {
    mustRead(projectId, queue, itemId, now)
    s().dropLease.run(projectId, queue.id, itemId, reviewer)
    return mustRead(projectId, queue, itemId, now)
  })

  const renew = tx((projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) => {
    const lease = s().lease.get(projectId, queue.id, itemId, reviewer) as Row | undefined
    if (!lease) throw new QueueConflictError(`${reviewer} holds no lease on item ${itemId}; claim it first`)
    checkSlot(projectId, queue, itemId, reviewer, now)
    s().putLease.run(projectId, queue.id, itemId, reviewer, lease.claimed_at, now + queue.leaseSeconds * 1000)
    return mustRead(projectId, queue, itemId, now)
  })

  const addItems = tx((projectId: string, queueId: string, traceIds: string[], now: number) => {
    let seq = (s().nextSeq.get(projectId, queueId) as { n: number }).n
    let added = 0
    for (const traceId of new Set(traceIds)) {
      if (s().addItem.run(projectId, queueId, `qi_${queueId}_${seq}`, seq, traceId, now).changes) {
        added++
        seq++
      }
    }
    return { added, skipped: traceIds.length - added }
  })

  function stats(projectId: string, queueId: string, now: number, filters?: TraceFilters): QueueStats {
    const queue = toQueue(s().queue.get(projectId, queueId) as Row)
    const countParams: unknown[] = [now, projectId, queueId]
    const countSql = `
      SELECT i.id,
        (SELECT count(*) FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.outcome = 'done') AS done,
        (SELECT count(*) FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.outcome = 'skipped') AS skipped,
        (SELECT count(*) FROM queue_leases l WHERE l.project_id = i.project_id AND l.queue_id = i.queue_id AND l.item_id = i.id AND l.expires_at > ?) AS leased
      FROM queue_items i WHERE i.project_id = ? AND i.queue_id = ?${scoped(projectId, filters, countParams)}`
    const counts = statusCounts(db.prepare(countSql).all(...countParams) as Row[], queue.reviewersPerItem)
    const reviewParams: unknown[] = [projectId, queueId]
    const reviewSql = `
      SELECT r.reviewer, r.outcome, r.claimed_at, r.at FROM queue_reviews r
      JOIN queue_items i ON i.project_id = r.project_id AND i.queue_id = r.queue_id AND i.id = r.item_id
      WHERE r.project_id = ? AND r.queue_id = ?${scoped(projectId, filters, reviewParams)} ORDER BY r.at`
    return { counts, reviewers: reviewerStats(db.prepare(reviewSql).all(...reviewParams) as ReviewRow[], now) }
  }

  function listItems(projectId: string, queue: Queue, q: QueueItemQuery, now: number): Promise<Page<QueueItem>> {
    const params: unknown[] = []
    const scope = scoped(projectId, q.traceFilters, params)
    const step = db.prepare(
      `SELECT i.id, i.seq FROM queue_items i WHERE i.project_id = ? AND i.queue_id = ? AND i.seq > ?${scope} ORDER BY i.seq LIMIT ${ITEM_SCAN_STEP}`,
    )
    return pageOfItems(
      q,
      (after) => step.all(projectId, queue.id, after, ...params) as Row[],
      (id) => readItem(projectId, queue.id, id, queue.reviewersPerItem, now)!,
    )
  }

  return {
    createScoreConfig: (projectId: string, c: ScoreConfig) =>
      s().putConfig.run({
        project_id: projectId,
        id: c.id,
        name: c.name,
        data_type: c.dataType,
        min: c.min,
        max: c.max,
        step: c.step,
        categories: json(c.categories),
        description: c.description,
        archived_at: c.archivedAt ? Date.parse(c.archivedAt) : null,
        created_at: Date.parse(c.createdAt),
        feedback: c.feedback ? 1 : 0,
      }),
    listScoreConfigs: (projectId: string) => (s().configs.all(projectId) as Row[]).map(toConfig),
    getScoreConfig: (projectId: string, id: string) => {
      const r = s().config.get(projectId, id) as Row | undefined
      return r ? toConfig(r) : null
    },
    updateScoreConfig: (projectId: string, id: string, patch: ScoreConfigChange) => {
      const sets: string[] = []
      const params: unknown[] = []
      const cols: Record<keyof ScoreConfigChange, string> = {
        description: 'description',
        min: 'min',
        max: 'max',
        step: 'step',
        categories: 'categories',
        feedback: 'feedback',
        archivedAt: 'archived_at',
      }
      for (const [k, v] of Object.entries(patch) as [keyof ScoreConfigChange, unknown][]) {
        if (v === undefined) continue
        sets.push(`${cols[k]} = ?`)
        params.push(
          k === 'categories'
            ? json(v)
            : k === 'archivedAt'
              ? v == null
                ? null
                : Date.parse(v as string)
              : k === 'feedback'
                ? v
                  ? 1
                  : 0
                : v,
        )
      }
      if (sets.length)
        db.prepare(`UPDATE score_configs SET ${sets.join(', ')} WHERE project_id = ? AND id = ?`).run(...params, projectId, id)
      const r = s().config.get(projectId, id) as Row | undefined
      return r ? toConfig(r) : null
    },
    deleteScoreConfig: (projectId: string, id: string) => s().deleteConfig.run(projectId, id).changes > 0,
    scoreConfigInUse: (projectId: string, config: ScoreConfig) =>
      !!s().scoreNamed.get(projectId, config.name) ||
      (s().queues.all(projectId) as Row[]).some((q) => (JSON.parse(q.score_config_ids as string) as string[]).includes(config.id)),
    createQueue: (projectId: string, q: Queue) =>
      s().putQueue.run({
        project_id: projectId,
        id: q.id,
        name: q.name,
        description: q.description,
        score_config_ids: JSON.stringify(q.scoreConfigIds),
        reviewers_per_item: q.reviewersPerItem,
        lease_seconds: q.leaseSeconds,
        rules: JSON.stringify(q.rules),
        archived_at: q.archivedAt ? Date.parse(q.archivedAt) : null,
        created_at: Date.parse(q.createdAt),
      }),
    listQueues: (projectId: string) => (s().queues.all(projectId) as Row[]).map(toQueue),
    getQueue: (projectId: string, id: string) => {
      const r = s().queue.get(projectId, id) as Row | undefined
      return r ? toQueue(r) : null
    },
    updateQueue: (projectId: string, id: string, patch: QueueChange) => {
      const cols: Record<string, [string, (v: unknown) => unknown]> = {
        name: ['name', (v) => v],
        description: ['description', (v) => v],
        scoreConfigIds: ['score_config_ids', JSON.stringify],
        reviewersPerItem: ['reviewers_per_item', (v) => v],
        leaseSeconds: ['lease_seconds', (v) => v],
        rules: ['rules', JSON.stringify],
        archivedAt: ['archived_at', (v) => (v == null ? null : Date.parse(v as string))],
      }
      const sets: string[] = []
      const params: unknown[] = []
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || !cols[k]) continue
        sets.push(`${cols[k][0]} = ?`)
        params.push(cols[k][1](v))
      }
      if (sets.length) db.prepare(`UPDATE queues SET ${sets.join(', ')} WHERE project_id = ? AND id = ?`).run(...params, projectId, id)
      const r = s().queue.get(projectId, id) as Row | undefined
      return r ? toQueue(r) : null
    },
    addItems,
    listItems,
    getItem: (projectId: string, queue: Queue, itemId: string, now: number) =>
      readItem(projectId, queue.id, itemId, queue.reviewersPerItem, now),
    claim,
    complete,
    skip,
    release,
    renew,
    stats,
  }
}
