import type { Page, Queue, QueueItem, QueueStats, ScoreConfig, TraceFilters } from '@sightline/core'
import { ITEM_SCAN_STEP, itemOf, pageOfItems, type ReviewRow, reviewerStats, statusCounts, toConfig, toQueue } from '../queue-state'
import { traceMatches } from '../trace-where'
import {
  type QueueChange,
  QueueConflictError,
  QueueItemNotFoundError,
  type QueueItemQuery,
  type ScoreConfigChange,
  type ScoreRecord,
} from '../types'
import { pgDialect } from './pg-dialect'
import type { Query, Tx } from './pg-query'

const json = (v: unknown) => (v == null ? null : JSON.stringify(v))
const FREE_SLOT = `
  NOT EXISTS (SELECT 1 FROM queue_reviews r WHERE r.project_id = $1 AND r.queue_id = $2 AND r.item_id = i.id AND r.reviewer = $3)
  AND (SELECT count(*) FROM queue_reviews r WHERE r.project_id = $1 AND r.queue_id = $2 AND r.item_id = i.id AND r.outcome = 'done')
    + (SELECT count(*) FROM queue_leases l WHERE l.project_id = $1 AND l.queue_id = $2 AND l.item_id = i.id AND l.expires_at > $4 AND l.reviewer <> $3)
    < $5`

/** ` AND <the item's trace matches>` (items aliased `i`), or nothing without filters. */
const scoped = (projectId: string, filters: TraceFilters | undefined, params: unknown[]) =>
  filters && Object.keys(filters).length ? ` AND ${traceMatches(projectId, filters, pgDialect, params, 'i.trace_id')}` : ''

/**
 * Annotation queues on PostgreSQL, the same derived-state model as SQLite. Claims lock the
 * candidate item row with FOR UPDATE SKIP LOCKED, so instances racing for the next item each
 * get a different one; every other step locks its item row first.
 */
export function createPgQueues(
  query: Query,
  tx: <T>(fn: (q: Query, client: Tx) => Promise<T>) => Promise<T>,
  writeScores: (q: Query, projectId: string, scores: ScoreRecord[], now: number) => Promise<void>,
) {
  async function readItem(
    q: Query,
    projectId: string,
    queueId: string,
    itemId: string,
    needed: number,
    now: number,
  ): Promise<QueueItem | null> {
    const [row] = await q('SELECT * FROM queue_items WHERE project_id = $1 AND queue_id = $2 AND id = $3', [projectId, queueId, itemId])
    if (!row) return null
    const leases = await q(
      'SELECT reviewer, expires_at FROM queue_leases WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 ORDER BY reviewer',
      [projectId, queueId, itemId],
    )
    const reviews = await q(
      'SELECT reviewer, outcome FROM queue_reviews WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 ORDER BY at, reviewer',
      [projectId, queueId, itemId],
    )
    return itemOf(queueId, row, leases, reviews, needed, now)
  }

  /** Locks the item row and returns it; unknown items are 404s. */
  async function lockItem(q: Query, projectId: string, queue: Queue, itemId: string, now: number) {
    const [row] = await q('SELECT id FROM queue_items WHERE project_id = $1 AND queue_id = $2 AND id = $3 FOR UPDATE', [
      projectId,
      queue.id,
      itemId,
    ])
    if (!row) throw new QueueItemNotFoundError(`item ${itemId} is not in queue ${queue.id}`)
    return (await readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now))!
  }

  async function checkSlot(q: Query, projectId: string, queue: Queue, itemId: string, reviewer: string, now: number, revise = false) {
    const [review] = await q(
      'SELECT outcome FROM queue_reviews WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4',
      [projectId, queue.id, itemId, reviewer],
    )
    // A reviewer may revise their own completed review (their scores keep their ids).
    if (review?.outcome === 'done') {
      if (revise) return
      throw new QueueConflictError(`${reviewer} already completed item ${itemId}`)
    }
    const [taken] = await q(
      `SELECT (SELECT count(*) FROM queue_reviews r WHERE r.project_id = $1 AND r.queue_id = $2 AND r.item_id = $3 AND r.outcome = 'done')
        + (SELECT count(*) FROM queue_leases l WHERE l.project_id = $1 AND l.queue_id = $2 AND l.item_id = $3 AND l.expires_at > $4 AND l.reviewer <> $5) AS n`,
      [projectId, queue.id, itemId, now, reviewer],
    )
    // A SELECT of one expression returns one row.
    if (Number(taken!.n) >= queue.reviewersPerItem)
      throw new QueueConflictError(`item ${itemId} is held or done by other reviewers; claim the next one`)
  }

  const leaseOf = async (q: Query, projectId: string, queueId: string, itemId: string, reviewer: string) =>
    (
      await q('SELECT * FROM queue_leases WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4', [
        projectId,
        queueId,
        itemId,
        reviewer,
      ])
    )[0]
  const dropLease = (q: Query, projectId: string, queueId: string, itemId: string, reviewer: string) =>
    q('DELETE FROM queue_leases WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4', [
      projectId,
      queueId,
      itemId,
      reviewer,
    ])
  const putReview = (
    q: Query,
    projectId: string,
    queueId: string,
    itemId: string,
    reviewer: string,
    outcome: string,
    claimedAt: unknown,
    now: number,
  ) =>
    q(
      `INSERT INTO queue_reviews VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (project_id, queue_id, item_id, reviewer) DO UPDATE SET outcome = EXCLUDED.outcome, claimed_at = EXCLUDED.claimed_at, at = EXCLUDED.at`,
      [projectId, queueId, itemId, reviewer, outcome, claimedAt ?? null, now],
    )

  const getQueue = async (projectId: string, id: string) => {
    const [r] = await query('SELECT * FROM queues WHERE project_id = $1 AND id = $2', [projectId, id])
    return r ? toQueue(r) : null
  }

  async function update(table: string, projectId: string, id: string, sets: [string, unknown][]) {
    if (!sets.length) return
    await query(`UPDATE ${table} SET ${sets.map(([c], i) => `${c} = $${i + 3}`).join(', ')} WHERE project_id = $1 AND id = $2`, [
      projectId,
      id,
      ...sets.map(([, v]) => v),
    ])
  }

  return {
    createScoreConfig: async (projectId: string, c: ScoreConfig) => {
      await query('INSERT INTO score_configs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
        projectId,
        c.id,
        c.name,
        c.dataType,
        c.min,
        c.max,
        c.step,
        json(c.categories),
        c.description,
        c.archivedAt ? Date.parse(c.archivedAt) : null,
        Date.parse(c.createdAt),
        c.feedback ?? false,
      ])
    },
    listScoreConfigs: async (projectId: string) =>
      (await query('SELECT * FROM score_configs WHERE project_id = $1 ORDER BY created_at, id', [projectId])).map(toConfig),
    getScoreConfig: async (projectId: string, id: string) => {
      const [r] = await query('SELECT * FROM score_configs WHERE project_id = $1 AND id = $2', [projectId, id])
      return r ? toConfig(r) : null
    },
    updateScoreConfig: async (projectId: string, id: string, patch: ScoreConfigChange) => {
      const cols: Record<keyof ScoreConfigChange, string> = {
        description: 'description',
        min: 'min',
        max: 'max',
        step: 'step',
        categories: 'categories',
        feedback: 'feedback',
        archivedAt: 'archived_at',
      }
      const sets = (Object.entries(patch) as [keyof ScoreConfigChange, unknown][])
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, unknown] => [
          cols[k],
          k === 'categories' ? json(v) : k === 'archivedAt' ? (v == null ? null : Date.parse(v as string)) : v,
        ])
      await update('score_configs', projectId, id, sets)
      const [r] = await query('SELECT * FROM score_configs WHERE project_id = $1 AND id = $2', [projectId, id])
      return r ? toConfig(r) : null
    },
    deleteScoreConfig: async (projectId: string, id: string) =>
      (await query('DELETE FROM score_configs WHERE project_id = $1 AND id = $2 RETURNING id', [projectId, id])).length > 0,
    scoreConfigInUse: async (projectId: string, config: ScoreConfig) =>
      (await query('SELECT 1 FROM scores WHERE project_id = $1 AND name = $2 LIMIT 1', [projectId, config.name])).length > 0 ||
      (await query('SELECT score_config_ids FROM queues WHERE project_id = $1', [projectId])).some((q) =>
        (JSON.parse(q.score_config_ids as string) as string[]).includes(config.id),
      ),
    createQueue: async (projectId: string, q: Queue) => {
      await query('INSERT INTO queues VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        projectId,
        q.id,
        q.name,
        q.description,
        JSON.stringify(q.scoreConfigIds),
        q.reviewersPerItem,
        q.leaseSeconds,
        JSON.stringify(q.rules),
        q.archivedAt ? Date.parse(q.archivedAt) : null,
        Date.parse(q.createdAt),
      ])
    },
    listQueues: async (projectId: string) =>
      (await query('SELECT * FROM queues WHERE project_id = $1 ORDER BY created_at, id', [projectId])).map(toQueue),
    getQueue,
    updateQueue: async (projectId: string, id: string, patch: QueueChange) => {
      const cols: Record<string, [string, (v: unknown) => unknown]> = {
        name: ['name', (v) => v],
        description: ['description', (v) => v],
        scoreConfigIds: ['score_config_ids', JSON.stringify],
        reviewersPerItem: ['reviewers_per_item', (v) => v],
        leaseSeconds: ['lease_seconds', (v) => v],
        rules: ['rules', JSON.stringify],
        archivedAt: ['archived_at', (v) => (v == null ? null : Date.parse(v as string))],
      }
      await update(
        'queues',
        projectId,
        id,
        Object.entries(patch).flatMap(([k, v]): [string, unknown][] => {
          const col = cols[k]
          return v !== undefined && col ? [[col[0], col[1](v)]] : []
        }),
      )
      return getQueue(projectId, id)
    },
    addQueueItems: (projectId: string, queueId: string, traceIds: string[], now: number) =>
      tx(async (q) => {
        // One writer per queue at a time keeps positions dense and in order.
        await q('SELECT pg_advisory_xact_lock(hashtext($1))', [`${projectId}\u001f${queueId}`])
        // An aggregate without GROUP BY returns one row.
        let seq = (
          await q('SELECT coalesce(max(seq), 0) + 1 AS n FROM queue_items WHERE project_id = $1 AND queue_id = $2', [projectId, queueId])
        )[0]!.n
        let added = 0
        for (const traceId of new Set(traceIds)) {
          const r = await q('INSERT INTO queue_items VALUES ($1, $2, $3, $4, $5, NULL, $6) ON CONFLICT DO NOTHING RETURNING id', [
            projectId,
            queueId,
            `qi_${queueId}_${seq}`,
            seq,
            traceId,
            now,
          ])
          if (r.length) {
            added++
            seq = Number(seq) + 1
          }
        }
        return { added, skipped: traceIds.length - added }
      }),
    listQueueItems: async (projectId: string, queueId: string, qry: QueueItemQuery, now: number): Promise<Page<QueueItem>> => {
      const queue = await getQueue(projectId, queueId)
      if (!queue) throw new QueueItemNotFoundError(`queue ${queueId} not found`)
      const params: unknown[] = [projectId, queueId]
      const scope = scoped(projectId, qry.traceFilters, params)
      return pageOfItems(
        qry,
        (after) =>
          query(
            `SELECT i.id, i.seq FROM queue_items i WHERE i.project_id = $1 AND i.queue_id = $2 AND i.seq > $${params.length + 1}${scope} ORDER BY i.seq LIMIT ${ITEM_SCAN_STEP}`,
            [...params, after],
          ),
        async (id) => (await readItem(query, projectId, queueId, id, queue.reviewersPerItem, now))!,
      )
    },
    getQueueItem: async (projectId: string, queueId: string, itemId: string, now: number) => {
      const queue = await getQueue(projectId, queueId)
      if (!queue) throw new QueueItemNotFoundError(`queue ${queueId} not found`)
      return readItem(query, projectId, queueId, itemId, queue.reviewersPerItem, now)
    },
    claimQueueItem: (projectId: string, queue: Queue, reviewer: string, now: number, filters?: TraceFilters) =>
      tx(async (q) => {
        // One claim per reviewer at a time, so a double click never holds two items.
        await q('SELECT pg_advisory_xact_lock(hashtext($1))', [`${projectId}\u001f${queue.id}\u001f${reviewer}`])
        const heldParams: unknown[] = [projectId, queue.id, reviewer, now]
        const [held] = await q(
          `SELECT l.item_id FROM queue_leases l JOIN queue_items i ON i.project_id = l.project_id AND i.queue_id = l.queue_id AND i.id = l.item_id
           WHERE l.project_id = $1 AND l.queue_id = $2 AND l.reviewer = $3 AND l.expires_at > $4${scoped(projectId, filters, heldParams)}
           ORDER BY l.claimed_at LIMIT 1`,
          heldParams,
        )
        let itemId = held?.item_id as string | undefined
        // A candidate is locked first, then checked again in a fresh statement: the first look
        // may predate a lease another instance just committed on that very item.
        const tried: string[] = []
        while (!itemId) {
          const params: unknown[] = [projectId, queue.id, reviewer, now, queue.reviewersPerItem, tried]
          const [free] = await q(
            `SELECT i.id FROM queue_items i WHERE i.project_id = $1 AND i.queue_id = $2 AND ${FREE_SLOT} AND NOT (i.id = ANY($6))${scoped(projectId, filters, params)}
             ORDER BY i.seq LIMIT 1 FOR UPDATE OF i SKIP LOCKED`,
            params,
          )
          if (!free) return null
          const [still] = await q(
            `SELECT i.id FROM queue_items i WHERE i.project_id = $1 AND i.queue_id = $2 AND ${FREE_SLOT} AND i.id = $6`,
            [projectId, queue.id, reviewer, now, queue.reviewersPerItem, free.id],
          )
          if (still) itemId = free.id as string
          else tried.push(free.id as string)
        }
        if (!held)
          await q(
            `INSERT INTO queue_leases VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (project_id, queue_id, item_id, reviewer) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at`,
            [projectId, queue.id, itemId, reviewer, now, now + queue.leaseSeconds * 1000],
          )
        return readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now)
      }),
    completeQueueItem: (projectId: string, queue: Queue, itemId: string, reviewer: string, scores: ScoreRecord[], now: number) =>
      tx(async (q) => {
        await lockItem(q, projectId, queue, itemId, now)
        await checkSlot(q, projectId, queue, itemId, reviewer, now, true)
        const lease = await leaseOf(q, projectId, queue.id, itemId, reviewer)
        await writeScores(q, projectId, scores, now)
        await putReview(q, projectId, queue.id, itemId, reviewer, 'done', lease?.claimed_at, now)
        await dropLease(q, projectId, queue.id, itemId, reviewer)
        return (await readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now))!
      }),
    skipQueueItem: (projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) =>
      tx(async (q) => {
        await lockItem(q, projectId, queue, itemId, now)
        const [review] = await q(
          'SELECT outcome FROM queue_reviews WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4',
          [projectId, queue.id, itemId, reviewer],
        )
        if (review?.outcome === 'done') throw new QueueConflictError(`${reviewer} already completed item ${itemId}`)
        const lease = await leaseOf(q, projectId, queue.id, itemId, reviewer)
        await putReview(q, projectId, queue.id, itemId, reviewer, 'skipped', lease?.claimed_at, now)
        await dropLease(q, projectId, queue.id, itemId, reviewer)
        return (await readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now))!
      }),
    releaseQueueItem: (projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) =>
      tx(async (q) => {
        await lockItem(q, projectId, queue, itemId, now)
        await dropLease(q, projectId, queue.id, itemId, reviewer)
        return (await readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now))!
      }),
    renewQueueItem: (projectId: string, queue: Queue, itemId: string, reviewer: string, now: number) =>
      tx(async (q) => {
        await lockItem(q, projectId, queue, itemId, now)
        const lease = await leaseOf(q, projectId, queue.id, itemId, reviewer)
        if (!lease) throw new QueueConflictError(`${reviewer} holds no lease on item ${itemId}; claim it first`)
        await checkSlot(q, projectId, queue, itemId, reviewer, now)
        await q('UPDATE queue_leases SET expires_at = $5 WHERE project_id = $1 AND queue_id = $2 AND item_id = $3 AND reviewer = $4', [
          projectId,
          queue.id,
          itemId,
          reviewer,
          now + queue.leaseSeconds * 1000,
        ])
        return (await readItem(q, projectId, queue.id, itemId, queue.reviewersPerItem, now))!
      }),
    queueStats: async (projectId: string, queueId: string, now: number, filters?: TraceFilters): Promise<QueueStats> => {
      const queue = (await getQueue(projectId, queueId))!
      const countParams: unknown[] = [projectId, queueId, now]
      const rows = await query(
        `SELECT i.id,
          (SELECT count(*) FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.outcome = 'done') AS done,
          (SELECT count(*) FROM queue_reviews r WHERE r.project_id = i.project_id AND r.queue_id = i.queue_id AND r.item_id = i.id AND r.outcome = 'skipped') AS skipped,
          (SELECT count(*) FROM queue_leases l WHERE l.project_id = i.project_id AND l.queue_id = i.queue_id AND l.item_id = i.id AND l.expires_at > $3) AS leased
         FROM queue_items i WHERE i.project_id = $1 AND i.queue_id = $2${scoped(projectId, filters, countParams)}`,
        countParams,
      )
      const counts = statusCounts(rows, queue.reviewersPerItem)
      const reviewParams: unknown[] = [projectId, queueId]
      const reviews = await query(
        `SELECT r.reviewer, r.outcome, r.claimed_at, r.at FROM queue_reviews r
         JOIN queue_items i ON i.project_id = r.project_id AND i.queue_id = r.queue_id AND i.id = r.item_id
         WHERE r.project_id = $1 AND r.queue_id = $2${scoped(projectId, filters, reviewParams)} ORDER BY r.at`,
        reviewParams,
      )
      return { counts, reviewers: reviewerStats(reviews as unknown as ReviewRow[], now) }
    },
  }
}
