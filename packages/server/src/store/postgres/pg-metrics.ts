import type { TraceFilters, TraceValueField } from '@sightline/core'
import { metricStatements, type MetricsSql } from '../metric-queries'
import { traceValuesStatement } from '../trace-values'
import { sourceIn } from '../trace-where'
import type { MetricsPlan, PartialRow } from '../types'
import { pgDialect } from './pg-dialect'

export type ArrayQuery = (sql: string, params: unknown[]) => Promise<unknown[][]>

const pgMetricsSql: MetricsSql = {
  dialect: pgDialect,
  traceGroup: (groupBy, projectId, params, sources) => {
    if (groupBy === 'tag') return { join: 'LEFT JOIN LATERAL jsonb_array_elements_text(t.tags) g(value) ON true', expr: 'g.value' }
    if (groupBy === 'model') return { join: 'LEFT JOIN LATERAL jsonb_array_elements_text(t.models) g(value) ON true', expr: 'g.value' }
    if (groupBy === 'provider') {
      params.push(projectId)
      return {
        join: `LEFT JOIN (SELECT DISTINCT trace_id, provider FROM spans WHERE project_id = $${params.length} AND provider IS NOT NULL) g ON g.trace_id = t.id`,
        expr: 'g.provider',
      }
    }
    if (groupBy.startsWith('metadata.')) {
      params.push(groupBy.slice(9))
      return { join: '', expr: `t.metadata ->> $${params.length}` }
    }
    params.push(projectId, groupBy.slice(6))
    const named = `project_id = $${params.length - 1} AND name = $${params.length}`
    const from = sources?.length ? ` AND ${sourceIn('source', sources, (v) => pgDialect.param(v, params))}` : ''
    return {
      join: `LEFT JOIN (SELECT trace_id, max(CASE data_type WHEN 'boolean' THEN CASE WHEN value_num = 1 THEN 'true' ELSE 'false' END
               WHEN 'numeric' THEN value_num::text ELSE value_str END) AS v
             FROM scores WHERE ${named}${from} GROUP BY trace_id) g ON g.trace_id = t.id`,
      expr: 'g.v',
    }
  },
  inList: (col, values, params) => {
    params.push(values)
    return `${col} = ANY($${params.length})`
  },
  jsonArray: (col) => `json_agg(${col})::text`,
}

/** Metrics over PostgreSQL: the same statements and rollups as every backend. */
export function createPgMetrics(query: ArrayQuery) {
  return {
    async partials(projectId: string, plan: MetricsPlan): Promise<PartialRow[]> {
      const out = new Map<string, PartialRow>()
      // The statements read different tables: the pool runs them side by side; they fold in order.
      const statements = metricStatements(projectId, plan, pgMetricsSql, true)
      const results = await Promise.all(statements.map((st) => query(st.sql, st.params)))
      for (const [i, st] of statements.entries()) st.fold(results[i]!, out)
      return [...out.values()]
    },
    async traceValues(
      projectId: string,
      field: TraceValueField,
      filters: TraceFilters,
      options: { q?: string | undefined; limit: number },
    ) {
      const st = traceValuesStatement(projectId, field, filters, options, pgMetricsSql)
      return (await query(st.sql, st.params)).map(([value, count]) => ({ value: value as string, count: Number(count) }))
    },
  }
}
