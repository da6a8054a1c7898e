import type { TraceFilters, TraceValueField } from '@sightline/core'
import type { MetricsSql } from './metric-queries'
import { buildTraceWhere } from './trace-where'

/** Suggestions read this many of the most recent matching traces: a bounded, index-ordered walk. */
export const TRACE_VALUES_WINDOW = 5_000

const VALUE_COLUMNS: Partial<Record<TraceValueField, string>> = {
  name: 't.name',
  environment: 't.environment',
  release: 't.release',
  version: 't.version',
  userId: 't.user_id',
  sessionId: 't.session_id',
}

/** Values of a trace field among the most recent traces matching `filters`, the most frequent first (rows: value, count). */
export function traceValuesStatement(
  projectId: string,
  field: TraceValueField,
  filters: TraceFilters,
  { q, limit }: { q?: string | undefined; limit: number },
  sql: MetricsSql,
): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const p = (v: unknown) => sql.dialect.param(v, params)
  const column = VALUE_COLUMNS[field]
  // Only the column read: the rows walked carry no payloads.
  const read = column ?? (field === 'tag' ? 't.tags' : 't.models')
  const recent = `SELECT ${read} FROM traces t WHERE ${buildTraceWhere(projectId, filters, sql.dialect, params)} ORDER BY t.start_time DESC LIMIT ${TRACE_VALUES_WINDOW}`
  const value = column ? { join: '', expr: column } : sql.traceGroup(field as 'tag' | 'model', projectId, params)
  const prefix = q ? ` AND lower(${value.expr}) LIKE ${p(`${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'` : ''
  return {
    sql: `SELECT ${value.expr} AS v, count(*) AS n FROM (${recent}) t ${value.join}
          WHERE ${value.expr} IS NOT NULL AND ${value.expr} <> ''${prefix} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${p(limit)}`,
    params,
  }
}
