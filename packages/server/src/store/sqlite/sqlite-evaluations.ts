import type Database from 'better-sqlite3'
import { pageOf } from '../cursor'
import { decodeRunCursor, runCursor, evaluatorOf, jobOf, RUN_COLUMNS, runOf, runValues, statsOf } from '../evaluation-rows'
import type { Row } from '../rows'
import { type SqlDialect, traceMatches } from '../trace-where'
import type { EvaluatorStore, JobStore } from '../types'

/**
 * Jobs and evaluators on SQLite. Claims run in an IMMEDIATE transaction: one writer at a time,
 * even across processes on one file, so a job is never leased twice.
 */
export function createSqliteEvaluations(db: Database.Database, dialect: () => SqlDialect): JobStore & EvaluatorStore {
  let prepared: ReturnType<typeof prepare> | undefined
  const s = () => (prepared ??= prepare())
  const prepare = () => ({
    enqueue: db.prepare(`
      INSERT INTO jobs (id, project_id, kind, payload, run_after, attempts, rerun, created_at) VALUES (@id, @projectId, @kind, @payload, @runAfter, 0, 0, @now)
      ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, run_after = excluded.run_after,
        rerun = jobs.lease_owner IS NOT NULL`),
    due: db.prepare(
      'SELECT * FROM jobs WHERE run_after <= @now AND (lease_expires IS NULL OR lease_expires <= @now) ORDER BY run_after, id LIMIT @limit',
    ),
    lease: db.prepare('UPDATE jobs SET lease_owner = ?, lease_expires = ?, rerun = 0 WHERE id = ?'),
    finish: db.prepare('DELETE FROM jobs WHERE id = ? AND lease_owner = ? AND rerun = 0'),
    unlease: db.prepare('UPDATE jobs SET lease_owner = NULL, lease_expires = NULL WHERE id = ? AND lease_owner = ?'),
    retry:
      db.prepare(`UPDATE jobs SET lease_owner = NULL, lease_expires = NULL, run_after = max(@runAfter, CASE WHEN rerun = 1 THEN run_after ELSE 0 END),
      attempts = attempts + @failed, last_error = coalesce(@error, last_error), rerun = 0 WHERE id = @id AND lease_owner = @owner`),
    count: db.prepare('SELECT count(*) AS n FROM jobs'),
    countKind: db.prepare('SELECT count(*) AS n FROM jobs WHERE kind = ?'),
    putEvaluator: db.prepare('INSERT OR REPLACE INTO evaluators (project_id, id, body, created_at) VALUES (?, ?, ?, ?)'),
    evaluators: db.prepare('SELECT body FROM evaluators WHERE project_id = ? ORDER BY created_at, id'),
    evaluator: db.prepare('SELECT body FROM evaluators WHERE project_id = ? AND id = ?'),
    putRun: db.prepare(`INSERT OR REPLACE INTO eval_runs (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map(() => '?').join(', ')})`),
    counts: db.prepare('SELECT status, count(*) AS n FROM eval_runs WHERE project_id = ? AND evaluator_id = ? GROUP BY status'),
    recent: db.prepare(`
      SELECT (SELECT duration_ms FROM eval_runs WHERE project_id = @p AND evaluator_id = @e AND status = 'done' AND finished_at >= @since
                ORDER BY duration_ms LIMIT 1 OFFSET (SELECT count(*) / 2 FROM eval_runs WHERE project_id = @p AND evaluator_id = @e AND status = 'done' AND finished_at >= @since)) AS p50,
             (SELECT sum(cost) FROM eval_runs WHERE project_id = @p AND evaluator_id = @e AND finished_at >= @since) AS cost,
             (SELECT max(finished_at) FROM eval_runs WHERE project_id = @p AND evaluator_id = @e) AS last`),
    finishedSince: db.prepare(
      `SELECT count(*) AS n FROM eval_runs WHERE project_id = ? AND evaluator_id = ? AND status IN ('done', 'error') AND finished_at >= ?`,
    ),
  })

  const claim = db.transaction((owner: string, now: number, leaseMs: number, limit: number) => {
    const rows = s().due.all({ now, limit }) as Row[]
    for (const r of rows) s().lease.run(owner, now + leaseMs, r.id)
    return rows.map(jobOf)
  })
  const enqueue = db.transaction((rows: Record<string, unknown>[]) => {
    for (const r of rows) s().enqueue.run(r)
  })
  const putRuns = db.transaction((rows: unknown[][]) => {
    for (const r of rows) s().putRun.run(...r)
  })
  const finish = db.transaction((id: string, owner: string) => {
    if (s().finish.run(id, owner).changes === 0) s().unlease.run(id, owner)
  })

  return {
    enqueueJobs: async (jobs) => {
      const now = Date.now()
      enqueue(
        jobs.map((j) => ({
          id: j.id,
          projectId: j.projectId,
          kind: j.kind,
          payload: JSON.stringify(j.payload),
          runAfter: j.runAfter,
          now,
        })),
      )
    },
    claimJobs: async (owner, now, leaseMs, limit) => claim.immediate(owner, now, leaseMs, limit),
    finishJob: async (job, owner) => finish.immediate(job.id, owner),
    retryJob: async (job, owner, runAfter, error, failed) => {
      s().retry.run({ id: job.id, owner, runAfter, error, failed: failed ? 1 : 0 })
    },
    countJobs: async (kind) => ((kind ? s().countKind.get(kind) : s().count.get()) as { n: number }).n,

    putEvaluator: async (projectId, e) => {
      s().putEvaluator.run(projectId, e.id, JSON.stringify(e), Date.parse(e.createdAt))
    },
    listEvaluators: async (projectId) => (s().evaluators.all(projectId) as Row[]).map(evaluatorOf),
    getEvaluator: async (projectId, id) => {
      const r = s().evaluator.get(projectId, id) as Row | undefined
      return r ? evaluatorOf(r) : null
    },
    putEvalRuns: async (projectId, runs) => putRuns(runs.map((r) => runValues(projectId, r))),
    listEvalRuns: async (projectId, evaluatorId, q) => {
      const params: unknown[] = [projectId, evaluatorId]
      let where = 'project_id = ? AND evaluator_id = ?'
      if (q.status) {
        where += ' AND status = ?'
        params.push(q.status)
      }
      if (q.cursor) {
        where += ' AND (scheduled_at, trace_id, span_id) < (?, ?, ?)'
        params.push(...decodeRunCursor(q.cursor))
      }
      if (q.traceFilters && Object.keys(q.traceFilters).length)
        where += ` AND ${traceMatches(projectId, q.traceFilters, dialect(), params, 'eval_runs.trace_id')}`
      const rows = db
        .prepare(`SELECT * FROM eval_runs WHERE ${where} ORDER BY scheduled_at DESC, trace_id DESC, span_id DESC LIMIT ?`)
        .all(...params, q.limit + 1) as Row[]
      return pageOf(rows, q.limit, runOf, runCursor)
    },
    evalRunStats: async (projectId, evaluatorId, since) =>
      statsOf(s().counts.all(projectId, evaluatorId) as Row[], s().recent.get({ p: projectId, e: evaluatorId, since }) as Row),
    countEvalRunsSince: async (projectId, evaluatorId, since) => (s().finishedSince.get(projectId, evaluatorId, since) as { n: number }).n,
    spanIdsOfType: async (projectId, traceIds, types) => {
      if (!traceIds.length || !types.length) return []
      const rows = db
        .prepare(
          `SELECT trace_id, id FROM spans WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?)) AND type IN (SELECT value FROM json_each(?))
           ORDER BY trace_id, start_time, id`,
        )
        .all(projectId, JSON.stringify(traceIds), JSON.stringify(types)) as Row[]
      return rows.map((r) => ({ traceId: r.trace_id as string, spanId: r.id as string }))
    },
  }
}
