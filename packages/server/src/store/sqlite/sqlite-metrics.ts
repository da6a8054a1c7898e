import type { TraceFilters, TraceValueField } from '@sightline/core'
import type Database from 'better-sqlite3'
import { emptyPartial, mergePartial, type MetricPartial } from '../metric-partials'
import { metricStatements, type MetricsSql } from '../metric-queries'
import { traceValuesStatement } from '../trace-values'
import {
  type ContribEntry,
  type FeedbackCounts,
  type PresenceKey,
  presenceChanges,
  type RollupTrace,
  type TraceShare,
  traceShare,
  shareWithFeedback,
} from '../rollup-contrib'
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
    addPresence: db.prepare('INSERT INTO metric_presence VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET traces = traces + 1'),
    takePresence: db.prepare(
      `UPDATE metric_presence SET traces = traces - 1 WHERE project_id = ? AND kind = ? AND hour = ? AND name = ?
       AND environment = ? AND release = ? AND version = ? AND value = ?`,
    ),
    dropPresence: db.prepare(
      `DELETE FROM metric_presence WHERE project_id = ? AND kind = ? AND hour = ? AND name = ?
       AND environment = ? AND release = ? AND version = ? AND value = ? AND traces <= 0`,
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

  function applyPresence(projectId: string, before: PresenceKey[], after: PresenceKey[]) {
    for (const { key, delta } of presenceChanges(before, after)) {
      if (delta > 0) stmts().addPresence.run(projectId, ...key)
      else {
        stmts().takePresence.run(projectId, ...key)
        stmts().dropPresence.run(projectId, ...key)
      }
    }
  }

  /** Replaces a trace's stored share with `next` (the old one out, the new one in). */
  function replaceShare(projectId: string, traceId: string, prev: TraceShare | undefined, next: TraceShare, json: string) {
    if (prev) apply(projectId, prev.entries, -1)
    apply(projectId, next.entries, 1)
    applyPresence(projectId, prev?.presence ?? [], next.presence)
    stmts().putContrib.run(projectId, traceId, json)
  }

  const storedShare = (projectId: string, traceId: string) =>
    (stmts().contrib.get(projectId, traceId) as { contrib: string } | undefined)?.contrib

  /** Replaces what one trace adds to the rollups. Runs inside the ingest transaction. */
  function contribute(projectId: string, traceId: string, trace: RollupTrace) {
    const next = traceShare(trace)
    const json = JSON.stringify(next)
    const prev = storedShare(projectId, traceId)
    if (prev !== json) replaceShare(projectId, traceId, prev ? (JSON.parse(prev) as TraceShare) : undefined, next, json)
  }

  /** Feedback on a trace changed: its stored share is patched (a trace not derived yet reads it when it is). */
  function contributeFeedback(projectId: string, traceId: string, feedback: FeedbackCounts) {
    const stored = storedShare(projectId, traceId)
    if (!stored) return
    const prev = JSON.parse(stored) as TraceShare
    const next = shareWithFeedback(prev, feedback)
    const json = JSON.stringify(next)
    if (json !== stored) replaceShare(projectId, traceId, prev, next, json)
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
    jsonArray: (col) => `json_group_array(${col})`,
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
    traceValues(projectId: string, field: TraceValueField, filters: TraceFilters, options: { q?: string | undefined; limit: number }) {
      const st = traceValuesStatement(projectId, field, filters, options, sql)
      return (
        db
          .prepare(st.sql)
          .raw()
          .all(...st.params) as [string, number][]
      ).map(([value, count]) => ({ value, count }))
    },
  }
}
