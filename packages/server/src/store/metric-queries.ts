import type { GroupBy } from '@sightline/core'
import {
  addDistinct,
  union,
  addFeedback,
  addScore,
  addUnit,
  emptyPartial,
  mergePartial,
  type MetricPartial,
  type MetricUnit,
} from './metric-partials'
import { ALL_LEVEL, bucketOf, HOUR, presenceEligible, ROLLUP_DIMS, rollupEligible } from './rollup-contrib'
import { buildTraceWhere, sourceIn, type SqlDialect } from './trace-where'
import type { MetricsPlan, PartialRow } from './types'

/** What differs between SQL backends for metric queries, beyond the trace-filter dialect. */
export interface MetricsSql {
  dialect: SqlDialect
  /** the SQL for a trace-level group value, with the join it needs; a score group counts `sources` only (all without) */
  traceGroup(
    groupBy: Exclude<GroupBy, 'name' | 'environment' | 'release' | 'version' | 'userId'>,
    projectId: string,
    params: unknown[],
    sources?: readonly string[],
  ): { join: string; expr: string }
  /** `col` is one of `values` */
  inList(col: string, values: string[], params: unknown[]): string
  /** The aggregate of `col`'s values as JSON array text. */
  jsonArray(col: string): string
}

/** One query to run (rows as arrays) and how its rows fold into partials. */
export interface MetricStatement {
  sql: string
  params: unknown[]
  fold(rows: unknown[][], out: Map<string, PartialRow>): void
}

const TRACE_COLUMNS: Record<string, string> = {
  name: 't.name',
  environment: 't.environment',
  release: 't.release',
  version: 't.version',
  userId: 't.user_id',
}

/** Adds a whole partial; the first one for a key is kept as it is, not copied. */
function collectPartial(out: Map<string, PartialRow>, bucket: number, group: string | null, partial: MetricPartial) {
  if (bucket < 0) return
  const key = `${bucket}\u0000${group ?? '\u0001'}`
  const row = out.get(key)
  if (row) mergePartial(row.partial, partial)
  else out.set(key, { bucket, group, partial })
}

function collect(out: Map<string, PartialRow>, bucket: number, group: string | null, add: (p: MetricPartial) => void) {
  if (bucket < 0) return
  const key = `${bucket}\u0000${group ?? '\u0001'}`
  let row = out.get(key)
  if (!row) out.set(key, (row = { bucket, group, partial: emptyPartial() }))
  add(row.partial)
}

const n = (v: unknown) => (v == null ? null : Number(v))
const unit = (r: unknown[], total: number | null): MetricUnit => {
  const input = n(r[5]) ?? 0
  const output = n(r[6]) ?? 0
  return {
    error: r[2] === 'error',
    latency: n(r[3]),
    ttft: n(r[4]),
    inputTokens: input,
    outputTokens: output,
    totalTokens: total ?? input + output,
    cost: n(r[8]),
    user: r[9] as string | null,
    session: r[10] as string | null,
  }
}

function fromRollups(projectId: string, plan: MetricsPlan, sql: MetricsSql): MetricStatement {
  const p = (v: unknown, params: unknown[]) => sql.dialect.param(v, params)
  const col = plan.groupBy ?? null
  const byDims = ROLLUP_DIMS.some((d) => plan.filters[d] !== undefined) || (ROLLUP_DIMS as readonly string[]).includes(col ?? '')
  const params: unknown[] = []
  const where = [
    `project_id = ${p(projectId, params)}`,
    `unit = ${p(byDims ? plan.unit : `${plan.unit}${ALL_LEVEL}`, params)}`,
    `hour >= ${p(plan.boundaries[0]! / HOUR, params)}`,
    `hour < ${p(plan.boundaries[plan.boundaries.length - 1]! / HOUR, params)}`,
  ]
  for (const d of ROLLUP_DIMS) if (plan.filters[d] !== undefined) where.push(`${d} = ${p(plan.filters[d], params)}`)
  // A rollup partial holds units and feedback; what was not asked for must not weigh in the top-N cut.
  const needed = (partial: MetricPartial): MetricPartial => {
    if (!plan.need.feedback) partial.feedback = partial.positive = partial.negative = 0
    return plan.need.units
      ? partial
      : { ...emptyPartial(), feedback: partial.feedback, positive: partial.positive, negative: partial.negative }
  }
  return {
    sql: `SELECT hour, ${col ?? "''"} AS g, partial FROM metric_rollup WHERE ${where.join(' AND ')}`,
    params,
    fold: (rows, out) => {
      for (const [hour, g, json] of rows) {
        const partial = needed(JSON.parse(json as string) as MetricPartial)
        // Read for feedback alone, a group shows where there is feedback, as when read from rows.
        if (plan.need.units || partial.feedback)
          collectPartial(out, bucketOf(plan.boundaries, Number(hour) * HOUR), col ? (g as string) || null : null, partial)
      }
    },
  }
}

/**
 * Distinct users and sessions per bucket and group, from the hourly presence rows: read in the
 * primary key's order (no sort), one row of values per hour and dimensions, merged into sets here.
 */
function fromPresence(projectId: string, plan: MetricsPlan, sql: MetricsSql): MetricStatement {
  const p = (v: unknown, params: unknown[]) => sql.dialect.param(v, params)
  const { boundaries, need, filters } = plan
  const params: unknown[] = []
  const kinds = [...(need.users ? ['user'] : []), ...(need.sessions ? ['session'] : [])]
  const where = [
    `project_id = ${p(projectId, params)}`,
    `kind IN (${kinds.map((k) => p(k, params)).join(', ')})`,
    `hour >= ${p(boundaries[0]! / HOUR, params)}`,
    `hour < ${p(boundaries[boundaries.length - 1]! / HOUR, params)}`,
  ]
  for (const d of ROLLUP_DIMS) if (filters[d] !== undefined) where.push(`${d} = ${p(filters[d], params)}`)
  return {
    sql: `SELECT kind, hour, ${plan.groupBy ?? "''"}, ${sql.jsonArray('value')} FROM metric_presence WHERE ${where.join(' AND ')}
          GROUP BY kind, hour, name, environment, release, version`,
    params,
    fold: (rows, out) => {
      const cells = new Map<string, { bucket: number; group: string | null; users: boolean; values: Set<string> }>()
      for (const [kind, hour, g, json] of rows) {
        const bucket = bucketOf(boundaries, Number(hour) * HOUR)
        const group = plan.groupBy ? (g as string) || null : null
        const key = `${bucket}\u0000${group ?? '\u0001'}\u0000${kind}`
        let cell = cells.get(key)
        if (!cell) cells.set(key, (cell = { bucket, group, users: kind === 'user', values: new Set() }))
        for (const v of JSON.parse(json as string) as string[]) cell.values.add(v)
      }
      for (const { bucket, group, users, values } of cells.values())
        collect(out, bucket, group, (partial) => {
          // `values` belongs to this cell alone: it is handed over, not copied.
          if (users) partial.users = partial.users ? union(partial.users, values) : values
          else partial.sessions = partial.sessions ? union(partial.sessions, values) : values
        })
    },
  }
}

function fromRows(projectId: string, plan: MetricsPlan, sql: MetricsSql): MetricStatement[] {
  const { boundaries, need } = plan
  const [start, end] = [boundaries[0], boundaries[boundaries.length - 1]]
  const distinct = { users: need.users, sessions: need.sessions }
  const statement = (
    select: (group: string) => string,
    from: string,
    llmGroup: boolean,
    tail: (params: unknown[]) => string,
    fold: MetricStatement['fold'],
  ): MetricStatement => {
    const params: unknown[] = []
    const column = plan.groupBy ? TRACE_COLUMNS[plan.groupBy] : undefined
    const group =
      !plan.groupBy || llmGroup
        ? { join: '', expr: 'NULL' }
        : column
          ? { join: '', expr: column }
          : sql.traceGroup(plan.groupBy as never, projectId, params, plan.filters.source)
    const selected = select(group.expr)
    const where = buildTraceWhere(projectId, plan.filters, sql.dialect, params)
    return { sql: `SELECT ${selected} FROM ${from} ${group.join} WHERE ${where} ${tail(params)}`, params, fold }
  }
  const range = (col: string) => (params: unknown[]) =>
    `AND ${col} >= ${sql.dialect.param(start, params)} AND ${col} < ${sql.dialect.param(end, params)}`
  const add = (p: MetricPartial, u: MetricUnit) => (need.units ? addUnit(p, u, distinct) : addDistinct(p, u, distinct))
  const group = (r: unknown[]) => (r[1] as string | null) ?? null
  const out: MetricStatement[] = []
  if (need.units || need.users || need.sessions) {
    if (plan.unit === 'llm') {
      const col = plan.groupBy === 'provider' ? 's.provider' : 's.model'
      out.push(
        statement(
          () =>
            `s.start_time, ${col}, s.status, s.end_time - s.start_time, s.completion_start_time - s.start_time, s.usage_input, s.usage_output, s.usage_total, s.cost_total, t.user_id, t.session_id`,
          'spans s JOIN traces t ON t.project_id = s.project_id AND t.id = s.trace_id',
          true,
          (params) => `AND s.type IN ('generation', 'embedding') ${range('s.start_time')(params)}`,
          (rows, acc) => {
            for (const r of rows) collect(acc, bucketOf(boundaries, Number(r[0])), group(r), (p) => add(p, unit(r, n(r[7]))))
          },
        ),
      )
    } else {
      out.push(
        statement(
          (g) =>
            `t.start_time, ${g}, t.status, t.latency_ms, t.ttft_ms, t.input_tokens, t.output_tokens, t.total_tokens, t.cost, t.user_id, t.session_id`,
          'traces t',
          false,
          range('t.start_time'),
          (rows, acc) => {
            for (const r of rows) collect(acc, bucketOf(boundaries, Number(r[0])), group(r), (p) => add(p, unit(r, n(r[7]) ?? 0)))
          },
        ),
      )
    }
  }
  if (need.feedback)
    out.push(
      statement(
        (g) => `t.start_time, ${g}, sc.polarity`,
        'scores sc JOIN traces t ON t.project_id = sc.project_id AND t.id = sc.trace_id',
        false,
        (params) => `AND sc.source = 'feedback' ${range('t.start_time')(params)}`,
        (rows, acc) => {
          for (const r of rows) collect(acc, bucketOf(boundaries, Number(r[0])), group(r), (p) => addFeedback(p, n(r[2])))
        },
      ),
    )
  if (need.scores.length)
    out.push(
      statement(
        (g) => `t.start_time, ${g}, sc.name, sc.data_type, sc.value_num, sc.value_str`,
        'scores sc JOIN traces t ON t.project_id = sc.project_id AND t.id = sc.trace_id',
        false,
        (params) => {
          // Placeholders are taken in the order they appear (SQLite's are positional).
          const names = sql.inList('sc.name', need.scores, params)
          const sources = plan.filters.source?.length
            ? `AND ${sourceIn('sc.source', plan.filters.source, (v) => sql.dialect.param(v, params))}`
            : ''
          return `AND ${names} ${sources} ${range('t.start_time')(params)}`
        },
        (rows, acc) => {
          for (const r of rows) {
            const type = r[3] as string
            const value = type === 'boolean' ? Number(r[4]) === 1 : type === 'numeric' ? Number(r[4]) : (r[5] as string)
            collect(acc, bucketOf(boundaries, Number(r[0])), group(r), (p) => addScore(p, r[2] as string, value))
          }
        },
      ),
    )
  return out
}

/**
 * The queries that answer a metrics plan. When the plan allows, counts, sums and (per trace)
 * feedback come from the hourly rollups, and distinct users and sessions of traces from the
 * hourly presence rows; scores, and whatever else, come from rows.
 */
export function metricStatements(projectId: string, plan: MetricsPlan, sql: MetricsSql, useRollups: boolean): MetricStatement[] {
  if (!useRollups) return fromRows(projectId, plan, sql)
  const { units, feedback, users, sessions } = plan.need
  const out: MetricStatement[] = []
  let rest = plan.need
  const additive = { ...plan, need: { units, users: false, sessions: false, feedback: feedback && plan.unit === 'trace', scores: [] } }
  if ((units || additive.need.feedback) && rollupEligible(additive)) {
    out.push(fromRollups(projectId, additive, sql))
    rest = { ...rest, units: false, feedback: feedback && !additive.need.feedback }
  }
  if ((users || sessions) && presenceEligible(plan)) {
    out.push(fromPresence(projectId, plan, sql))
    rest = { ...rest, users: false, sessions: false }
  }
  return [...out, ...fromRows(projectId, { ...plan, need: rest }, sql)]
}
