import type Database from 'better-sqlite3'
import { emptyPartial, mergePartial, type MetricPartial } from '../metric-partials'
import { metricStatements, type MetricsSql } from '../metric-queries'
import { type ContribEntry, contributionEntries, type FeedbackCounts, type RollupTrace, withFeedback } from '../rollup-contrib'
import { type SqlDialect, sourceIn } from '../trace-where'
import type { MetricsPlan, PartialRow } from '../types'

/**
 * Metrics over SQLite. Exact partials come from the rows themselves; common dashboard queries
 * (hour-aligned buckets, grouped and filtered by name/environment/release/version, or grouped by
 * model/provider) read hourly rollups instead. A rollup row holds mergeable partials; every trace
 * remembers what it added, so a late or re-sent span replaces its trace's share exactly.
 */
export function createSqliteMetrics(db: Database.Database, dialect: () => SqlDialect, useRollups = true) {
  let prepared: ReturnType<typeof prepare> | undefined
  const stmts = () => (prepared ??= prepare())
  const prepare = () => ({
    contrib: db.prepare('SELECT contrib FROM metric_contrib WHERE project_id = ? AND trace_id = ?'),
    putContrib: db.prepare('INSERT OR REPLACE INTO metric_contrib (project_id, trace_id, contrib) VALUES (?, ?, ?)'),
    rollup: db.prepare(
      `SELECT partial FROM metric_rollup WHERE project_id = ? AND unit = ? AND hour = ? AND model = ? AND provider = ?
       AND name = ? AND environment = ? AND release = ? AND version = ?`,
    ),
    putRollup: db.prepare('INSERT OR REPLACE INTO metric_rollup VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    dropRollup: db.prepare(
      `DELETE FROM metric_rollup WHERE project_id = ? AND unit = ? AND hour = ? AND model = ? AND provider = ?
       AND name = ? AND environment = ? AND release = ? AND version = ?`,
    ),
  })

  function apply(projectId: string, entries: ContribEntry[], sign: 1 | -1) {
    for (const { key, partial } of entries) {
      const [unit, hour, ...rest] = key
      const args = [projectId, unit, Number(hour), ...rest]
      const row = stmts().rollup.get(...args) as { partial: string } | undefined
      const merged = mergePartial(row ? (JSON.parse(row.partial) as MetricPartial) : emptyPartial(), partial, sign)
      if (merged.count <= 0) stmts().dropRollup.run(...args)
      else stmts().putRollup.run(...args, JSON.stringify(merged))
    }
  }

  /** Replaces what one trace adds to the rollups. Runs inside the ingest transaction. */
  function contribute(projectId: string, traceId: string, trace: RollupTrace) {
    const next = contributionEntries(trace)
    const json = JSON.stringify(next)
    const prev = stmts().contrib.get(projectId, traceId) as { contrib: string } | undefined
    if (prev?.contrib === json) return
    if (prev) apply(projectId, JSON.parse(prev.contrib) as ContribEntry[], -1)
    apply(projectId, next, 1)
    stmts().putContrib.run(projectId, traceId, json)
  }

  /** Feedback on a trace changed: its stored share is patched (a trace not derived yet reads it when it is). */
  function contributeFeedback(projectId: string, traceId: string, feedback: FeedbackCounts) {
    const prev = stmts().contrib.get(projectId, traceId) as { contrib: string } | undefined
    if (!prev) return
    const entries = JSON.parse(prev.contrib) as ContribEntry[]
    const next = withFeedback(entries, feedback)
    const json = JSON.stringify(next)
    if (json === prev.contrib) return
    apply(projectId, entries, -1)
    apply(projectId, next, 1)
    stmts().putContrib.run(projectId, traceId, json)
  }

  const sql: MetricsSql = {
    get dialect() {
      return dialect()
    },
    traceGroup: (groupBy, projectId, params, sources) => {
      if (groupBy === 'tag') return { join: 'LEFT JOIN json_each(t.tags) g', expr: 'g.value' }
      if (groupBy === 'model') return { join: 'LEFT JOIN json_each(t.models) g', expr: 'g.value' }
      if (groupBy === 'provider') {
        params.push(projectId)
        return {
          join: 'LEFT JOIN (SELECT DISTINCT trace_id, provider FROM spans WHERE project_id = ? AND provider IS NOT NULL) g ON g.trace_id = t.id',
          expr: 'g.provider',
        }
      }
      if (groupBy.startsWith('metadata.')) {
        const path = `$."${groupBy.slice(9).replace(/"/g, '\\"')}"`
        params.push(path, path)
        return {
          join: '',
          expr: `CASE json_type(t.metadata, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(t.metadata, ?) AS TEXT) END`,
        }
      }
      // score.<name>: the trace's value of a categorical or boolean score
      params.push(projectId, groupBy.slice(6))
      const from = sources?.length ? ` AND ${sourceIn('source', sources, (v) => dialect().param(v, params))}` : ''
      return {
        join: `LEFT JOIN (SELECT trace_id, max(CASE data_type WHEN 'boolean' THEN CASE value_num WHEN 1 THEN 'true' ELSE 'false' END
                 WHEN 'numeric' THEN CAST(value_num AS TEXT) ELSE value_str END) AS v
               FROM scores WHERE project_id = ? AND name = ?${from} GROUP BY trace_id) g ON g.trace_id = t.id`,
        expr: 'g.v',
      }
    },
    inList: (col, values, params) => {
      params.push(JSON.stringify(values))
      return `${col} IN (SELECT value FROM json_each(?))`
    },
  }

  return {
    contribute,
    contributeFeedback,
    partials(projectId: string, plan: MetricsPlan): PartialRow[] {
      const out = new Map<string, PartialRow>()
      for (const st of metricStatements(projectId, plan, sql, useRollups))
        st.fold(
          db
            .prepare(st.sql)
            .raw()
            .all(...st.params) as unknown[][],
          out,
        )
      return [...out.values()]
    },
  }
}
