import type { ScoreCondition, TraceFilters } from '@sightline/core'

/** What differs between SQL backends when filtering traces. Column names are shared. */
export interface SqlDialect {
  /** a placeholder for the next bound value */
  param(value: unknown, params: unknown[]): string
  /** `col` holds a JSON array of strings: does it contain the bound value? */
  arrayContains(col: string, p: string): string
  /** `col` holds a JSON object: its `key` entry, as text, equals `value` */
  jsonFieldEquals(col: string, key: string, value: string, params: unknown[]): string
  /**
   * substring search over the trace's name, input and output; `paged` when the query walks the
   * sort index and stops at a page's worth (a list), not when it reads every trace in range
   */
  textSearch(alias: string, q: string, params: unknown[], paged: boolean): string
}

/** Builds the WHERE clause for trace filters over `traces` aliased `t`. */
export function buildTraceWhere(
  projectId: string,
  f: TraceFilters,
  d: SqlDialect,
  params: unknown[],
  { paged = false }: { paged?: boolean } = {},
): string {
  const p = (v: unknown) => d.param(v, params)
  const where = [`t.project_id = ${p(projectId)}`]
  if (f.from !== undefined) where.push(`t.start_time >= ${p(f.from)}`)
  if (f.to !== undefined) where.push(`t.start_time < ${p(f.to)}`)
  const columns = {
    name: 'name',
    userId: 'user_id',
    sessionId: 'session_id',
    environment: 'environment',
    release: 'release',
    version: 'version',
    status: 'status',
  } as const
  for (const [key, col] of Object.entries(columns)) {
    const v = f[key as keyof typeof columns]
    if (v !== undefined) where.push(`t.${col} = ${p(v)}`)
  }
  for (const tag of f.tag ?? []) where.push(d.arrayContains('t.tags', p(tag)))
  for (const [key, value] of Object.entries(f.metadata ?? {})) where.push(d.jsonFieldEquals('t.metadata', key, value, params))
  if (f.model !== undefined)
    where.push(`EXISTS (SELECT 1 FROM spans s WHERE s.project_id = t.project_id AND s.trace_id = t.id AND s.model = ${p(f.model)})`)
  if (f.minLatencyMs !== undefined) where.push(`t.latency_ms >= ${p(f.minLatencyMs)}`)
  if (f.maxLatencyMs !== undefined) where.push(`t.latency_ms <= ${p(f.maxLatencyMs)}`)
  if (f.minCost !== undefined) where.push(`t.cost >= ${p(f.minCost)}`)
  if (f.maxCost !== undefined) where.push(`t.cost <= ${p(f.maxCost)}`)
  for (const [name, cond] of Object.entries(f.score ?? {})) {
    const named = `sc.name = ${p(name)} AND ${scoreCondition(cond, p)}`
    where.push(scoreExists(`${named}${f.source?.length ? ` AND ${sourceIn('sc.source', f.source, p)}` : ''}`))
  }
  if (f.feedback) where.push(scoreExists(`sc.source = 'feedback' AND sc.polarity = ${f.feedback === 'positive' ? 1 : -1}`))
  if (f.q !== undefined) where.push(d.textSearch('t', f.q, params, paged))
  return where.join(' AND ')
}

/** Rows that belong to a trace (scores, queue items) whose trace, named by `traceIdCol`, matches `f`. */
export const traceMatches = (projectId: string, f: TraceFilters, d: SqlDialect, params: unknown[], traceIdCol: string) =>
  `EXISTS (SELECT 1 FROM traces t WHERE ${buildTraceWhere(projectId, f, d, params)} AND t.id = ${traceIdCol})`

/** `col IN (…)` over score sources, a short fixed list. */
export const sourceIn = (col: string, sources: readonly string[], p: (v: unknown) => string) => `${col} IN (${sources.map(p).join(', ')})`

const scoreExists = (cond: string) =>
  `EXISTS (SELECT 1 FROM scores sc WHERE sc.project_id = t.project_id AND sc.trace_id = t.id AND ${cond})`

function scoreCondition(c: ScoreCondition, p: (v: unknown) => string): string {
  if ('value' in c) {
    if (typeof c.value === 'string') return `sc.value_str = ${p(c.value)}`
    if (typeof c.value === 'boolean') return `sc.data_type = 'boolean' AND sc.value_num = ${p(c.value ? 1 : 0)}`
    return `sc.value_num = ${p(c.value)}`
  }
  const parts = ["sc.data_type = 'numeric'"]
  if (c.min !== undefined) parts.push(`sc.value_num >= ${p(c.min)}`)
  if (c.max !== undefined) parts.push(`sc.value_num <= ${p(c.max)}`)
  return parts.join(' AND ')
}

/** Escapes LIKE wildcards so user text matches literally (with ESCAPE '\\'). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)
