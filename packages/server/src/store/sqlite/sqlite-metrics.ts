import type Database from 'better-sqlite3'
import type { GroupBy } from '@sightline/core'
import { addDistinct, addFeedback, addScore, addUnit, emptyPartial, mergePartial, type MetricUnit, type Partial } from '../metric-partials'
import { ALL_LEVEL, bucketOf, type ContribEntry, contributionEntries, HOUR, ROLLUP_DIMS, rollupEligible, type RollupTrace } from '../rollup-contrib'
import { buildTraceWhere, type SqlDialect } from '../trace-where'
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
      const merged = mergePartial(row ? (JSON.parse(row.partial) as Partial) : emptyPartial(), partial, sign)
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

  function fromRollups(projectId: string, plan: MetricsPlan, out: Map<string, PartialRow>) {
    const col = plan.groupBy ?? null
    const byDims = ROLLUP_DIMS.some((d) => plan.filters[d] !== undefined) || (ROLLUP_DIMS as readonly string[]).includes(col ?? '')
    const where = ['project_id = ?', 'unit = ?', 'hour >= ?', 'hour < ?']
    const unit = byDims ? plan.unit : `${plan.unit}${ALL_LEVEL}`
    const params: unknown[] = [projectId, unit, plan.boundaries[0] / HOUR, plan.boundaries[plan.boundaries.length - 1] / HOUR]
    for (const d of ROLLUP_DIMS)
      if (plan.filters[d] !== undefined) {
        where.push(`${d} = ?`)
        params.push(plan.filters[d])
      }
    const rows = db
      .prepare(`SELECT hour, ${col ?? "''"} AS g, partial FROM metric_rollup WHERE ${where.join(' AND ')}`)
      .raw()
      .all(...params) as [number, string, string][]
    for (const [hour, g, partial] of rows) collectPartial(out, bucketOf(plan.boundaries, hour * HOUR), col ? g || null : null, JSON.parse(partial) as Partial)
  }

  /** The SQL for a group value at trace level, with the join it needs. */
  function traceGroup(groupBy: GroupBy | undefined, projectId: string, params: unknown[]): { join: string; expr: string } {
    if (!groupBy) return { join: '', expr: 'NULL' }
    const column: Record<string, string | undefined> = {
      name: 't.name', environment: 't.environment', release: 't.release', version: 't.version', userId: 't.user_id',
    }
    if (column[groupBy]) return { join: '', expr: column[groupBy]! }
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
    return {
      join: `LEFT JOIN (SELECT trace_id, max(CASE data_type WHEN 'boolean' THEN CASE value_num WHEN 1 THEN 'true' ELSE 'false' END
               WHEN 'numeric' THEN CAST(value_num AS TEXT) ELSE value_str END) AS v
             FROM scores WHERE project_id = ? AND name = ? GROUP BY trace_id) g ON g.trace_id = t.id`,
      expr: 'g.v',
    }
  }

  function fromRows(projectId: string, plan: MetricsPlan, out: Map<string, PartialRow>) {
    const { boundaries, need } = plan
    const [start, end] = [boundaries[0], boundaries[boundaries.length - 1]]
    const distinct = { users: need.users, sessions: need.sessions }
    const traceRows = (select: string, from: string, extraWhere: string, extraParams: unknown[] = []) => {
      const params: unknown[] = []
      const group = traceGroup(plan.unit === 'llm' && from.includes('spans s') ? undefined : plan.groupBy, projectId, params)
      const where = buildTraceWhere(projectId, plan.filters, dialect(), params)
      return db
        .prepare(`SELECT ${select.replace('$GROUP', group.expr)} FROM ${from} ${group.join} WHERE ${where} ${extraWhere}`)
        .raw()
        .all(...params, ...extraParams) as unknown[][]
    }

    const add = (p: Partial, u: MetricUnit) => (need.units ? addUnit(p, u, distinct) : addDistinct(p, u, distinct))
    if (need.units || need.users || need.sessions) {
      if (plan.unit === 'llm') {
        const col = plan.groupBy === 'provider' ? 's.provider' : 's.model'
        const rows = traceRows(
          `s.start_time, ${col}, s.status, s.end_time - s.start_time, s.completion_start_time - s.start_time, s.usage_input, s.usage_output, s.usage_total, s.cost_total, t.user_id, t.session_id`,
          'spans s JOIN traces t ON t.project_id = s.project_id AND t.id = s.trace_id',
          `AND s.type IN ('generation', 'embedding') AND s.start_time >= ? AND s.start_time < ?`,
          [start, end],
        )
        for (const r of rows) collect(out, bucketOf(boundaries, r[0] as number), (r[1] as string | null) ?? null, (p) => add(p, llmUnit(r)))
      } else {
        const rows = traceRows(
          `t.start_time, $GROUP, t.status, t.latency_ms, t.ttft_ms, t.input_tokens, t.output_tokens, t.total_tokens, t.cost, t.user_id, t.session_id`,
          'traces t',
          'AND t.start_time >= ? AND t.start_time < ?',
          [start, end],
        )
        for (const r of rows) collect(out, bucketOf(boundaries, r[0] as number), (r[1] as string | null) ?? null, (p) => add(p, traceUnit(r)))
      }
    }
    if (need.feedback) {
      const rows = traceRows(
        't.start_time, $GROUP, sc.polarity',
        'scores sc JOIN traces t ON t.project_id = sc.project_id AND t.id = sc.trace_id',
        `AND sc.source = 'feedback' AND t.start_time >= ? AND t.start_time < ?`,
        [start, end],
      )
      for (const r of rows) collect(out, bucketOf(boundaries, r[0] as number), (r[1] as string | null) ?? null, (p) => addFeedback(p, r[2] as number | null))
    }
    if (need.scores.length) {
      const rows = traceRows(
        `t.start_time, $GROUP, sc.name, sc.data_type, sc.value_num, sc.value_str`,
        'scores sc JOIN traces t ON t.project_id = sc.project_id AND t.id = sc.trace_id',
        `AND sc.name IN (SELECT value FROM json_each(?)) AND t.start_time >= ? AND t.start_time < ?`,
        [JSON.stringify(need.scores), start, end],
      )
      for (const r of rows) {
        const type = r[3] as string
        const value = type === 'boolean' ? r[4] === 1 : type === 'numeric' ? (r[4] as number) : (r[5] as string)
        collect(out, bucketOf(boundaries, r[0] as number), (r[1] as string | null) ?? null, (p) => addScore(p, r[2] as string, value))
      }
    }
  }

  return {
    contribute,
    partials(projectId: string, plan: MetricsPlan): PartialRow[] {
      const out = new Map<string, PartialRow>()
      const unitsOnly = { ...plan, need: { units: plan.need.units, users: false, sessions: false, feedback: false, scores: [] } }
      if (useRollups && plan.need.units && rollupEligible(unitsOnly)) {
        // Counts and sums from rollups; distinct users, feedback and scores still from rows.
        fromRollups(projectId, unitsOnly, out)
        fromRows(projectId, { ...plan, need: { ...plan.need, units: false } }, out)
      } else fromRows(projectId, plan, out)
      return [...out.values()]
    },
  }
}

/** Adds a whole partial; the first one for a key is kept as it is, not copied. */
function collectPartial(out: Map<string, PartialRow>, bucket: number, group: string | null, partial: Partial) {
  if (bucket < 0) return
  const key = `${bucket}\u0000${group ?? '\u0001'}`
  const row = out.get(key)
  if (row) mergePartial(row.partial, partial)
  else out.set(key, { bucket, group, partial })
}

function collect(out: Map<string, PartialRow>, bucket: number, group: string | null, add: (p: Partial) => void) {
  if (bucket < 0) return
  const key = `${bucket}\u0000${group ?? '\u0001'}`
  let row = out.get(key)
  if (!row) out.set(key, (row = { bucket, group, partial: emptyPartial() }))
  add(row.partial)
}

const num = (v: unknown) => (v as number | null) ?? 0

function traceUnit(r: unknown[]): MetricUnit {
  return {
    error: r[2] === 'error', latency: r[3] as number | null, ttft: r[4] as number | null, inputTokens: num(r[5]), outputTokens: num(r[6]),
    totalTokens: num(r[7]), cost: r[8] as number | null, user: r[9] as string | null, session: r[10] as string | null,
  }
}

function llmUnit(r: unknown[]): MetricUnit {
  const input = num(r[5])
  const output = num(r[6])
  return {
    error: r[2] === 'error', latency: r[3] as number | null, ttft: r[4] as number | null, inputTokens: input, outputTokens: output,
    totalTokens: (r[7] as number | null) ?? input + output, cost: r[8] as number | null, user: r[9] as string | null, session: r[10] as string | null,
  }
}
