import { pageOf } from '../cursor'
import { decodeRunCursor, evaluatorOf, jobOf, RUN_COLUMNS, runCursor, runOf, runValues, statsOf } from '../evaluation-rows'
import type { EvaluatorStore, JobStore } from '../types'
import { traceMatches } from '../trace-where'
import { pgDialect } from './pg-dialect'
import type { Query } from './pg-query'

const RUN_UPDATE = RUN_COLUMNS.slice(4)
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ')

/**
 * Jobs and evaluators on PostgreSQL. Claims take due rows with FOR UPDATE SKIP LOCKED, so
 * instances sharing the database never lease one job twice.
 */
export function createPgEvaluations(query: Query): JobStore & EvaluatorStore {
  return {
    enqueueJobs: async (jobs) => {
      if (!jobs.length) return
      const now = Date.now()
      // Sorted, so concurrent enqueues lock rows in one order.
      const sorted = [...new Map(jobs.map((j) => [j.id, j])).values()].sort((a, b) => (a.id < b.id ? -1 : 1))
      await query(
        `INSERT INTO jobs (id, project_id, kind, payload, run_after, attempts, rerun, created_at)
         SELECT u.id, u.project_id, u.kind, u.payload, u.run_after, 0, false, $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(id, project_id, kind, payload, run_after)
         ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, run_after = EXCLUDED.run_after,
           rerun = jobs.lease_owner IS NOT NULL`,
        [
          sorted.map((j) => j.id),
          sorted.map((j) => j.projectId),
          sorted.map((j) => j.kind),
          sorted.map((j) => JSON.stringify(j.payload)),
          sorted.map((j) => j.runAfter),
          now,
        ],
      )
    },
    claimJobs: async (owner, now, leaseMs, limit) =>
      (
        await query(
          `UPDATE jobs SET lease_owner = $1, lease_expires = $2, rerun = false
           WHERE id IN (SELECT id FROM jobs WHERE run_after <= $3 AND (lease_expires IS NULL OR lease_expires <= $3)
                        ORDER BY run_after, id LIMIT $4 FOR UPDATE SKIP LOCKED)
             AND (lease_expires IS NULL OR lease_expires <= $3)
           RETURNING *`,
          [owner, now + leaseMs, now, limit],
        )
      ).map(jobOf),
    finishJob: async (job, owner) => {
      const gone = await query('DELETE FROM jobs WHERE id = $1 AND lease_owner = $2 AND NOT rerun RETURNING id', [job.id, owner])
      if (!gone.length)
        await query('UPDATE jobs SET lease_owner = NULL, lease_expires = NULL WHERE id = $1 AND lease_owner = $2', [job.id, owner])
    },
    retryJob: async (job, owner, runAfter, error, failed) => {
      await query(
        `UPDATE jobs SET lease_owner = NULL, lease_expires = NULL, run_after = greatest($3, CASE WHEN rerun THEN run_after ELSE 0 END),
           attempts = attempts + $4, last_error = coalesce($5, last_error), rerun = false WHERE id = $1 AND lease_owner = $2`,
        [job.id, owner, runAfter, failed ? 1 : 0, error],
      )
    },
    countJobs: async (kind) =>
      Number((await query(`SELECT count(*) AS n FROM jobs${kind ? ' WHERE kind = $1' : ''}`, kind ? [kind] : []))[0]!.n),

    putEvaluator: async (projectId, e) => {
      await query(
        'INSERT INTO evaluators (project_id, id, body, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, id) DO UPDATE SET body = EXCLUDED.body',
        [projectId, e.id, JSON.stringify(e), Date.parse(e.createdAt)],
      )
    },
    listEvaluators: async (projectId) =>
      (await query('SELECT body FROM evaluators WHERE project_id = $1 ORDER BY created_at, id', [projectId])).map(evaluatorOf),
    getEvaluator: async (projectId, id) => {
      const [r] = await query('SELECT body FROM evaluators WHERE project_id = $1 AND id = $2', [projectId, id])
      return r ? evaluatorOf(r) : null
    },
    putEvalRuns: async (projectId, runs) => {
      if (!runs.length) return
      const unique = [...new Map(runs.map((r) => [`${r.evaluatorId}\u0000${r.traceId}\u0000${r.spanId ?? ''}`, r])).values()]
      const width = RUN_COLUMNS.length
      const values = unique.map((_, i) => `(${RUN_COLUMNS.map((_, c) => `$${i * width + c + 1}`).join(', ')})`).join(', ')
      await query(
        `INSERT INTO eval_runs (${RUN_COLUMNS.join(', ')}) VALUES ${values}
         ON CONFLICT (project_id, evaluator_id, trace_id, span_id) DO UPDATE SET ${RUN_UPDATE}`,
        unique.flatMap((r) => runValues(projectId, r)),
      )
    },
    listEvalRuns: async (projectId, evaluatorId, q) => {
      const params: unknown[] = [projectId, evaluatorId]
      let where = 'project_id = $1 AND evaluator_id = $2'
      if (q.status) {
        params.push(q.status)
        where += ` AND status = $${params.length}`
      }
      if (q.cursor) {
        params.push(...decodeRunCursor(q.cursor))
        where += ` AND (scheduled_at, trace_id, span_id) < ($${params.length - 2}, $${params.length - 1}, $${params.length})`
      }
      if (q.traceFilters && Object.keys(q.traceFilters).length)
        where += ` AND ${traceMatches(projectId, q.traceFilters, pgDialect, params, 'eval_runs.trace_id')}`
      params.push(q.limit + 1)
      const rows = await query(
        `SELECT * FROM eval_runs WHERE ${where} ORDER BY scheduled_at DESC, trace_id DESC, span_id DESC LIMIT $${params.length}`,
        params,
      )
      return pageOf(rows, q.limit, runOf, runCursor)
    },
    evalRunStats: async (projectId, evaluatorId, since) => {
      const [counts, [recent]] = await Promise.all([
        query('SELECT status, count(*) AS n FROM eval_runs WHERE project_id = $1 AND evaluator_id = $2 GROUP BY status', [
          projectId,
          evaluatorId,
        ]),
        query(
          `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE status = 'done' AND finished_at >= $3) AS p50,
                  sum(cost) FILTER (WHERE finished_at >= $3) AS cost, max(finished_at) AS last
           FROM eval_runs WHERE project_id = $1 AND evaluator_id = $2`,
          [projectId, evaluatorId, since],
        ),
      ])
      return statsOf(counts, recent!)
    },
    countEvalRunsSince: async (projectId, evaluatorId, since) =>
      Number(
        (
          await query(
            `SELECT count(*) AS n FROM eval_runs WHERE project_id = $1 AND evaluator_id = $2 AND status IN ('done', 'error') AND finished_at >= $3`,
            [projectId, evaluatorId, since],
          )
        )[0]!.n,
      ),
    spanIdsOfType: async (projectId, traceIds, types) => {
      if (!traceIds.length || !types.length) return []
      const rows = await query(
        'SELECT trace_id, id FROM spans WHERE project_id = $1 AND trace_id = ANY($2) AND type = ANY($3) ORDER BY trace_id, start_time, id',
        [projectId, traceIds, types],
      )
      return rows.map((r) => ({ traceId: r.trace_id as string, spanId: r.id as string }))
    },
  }
}
