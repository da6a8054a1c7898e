import pg from 'pg'
import {
  DEFAULT_PAGE_SIZE,
  parseSort,
  type Page,
  type Score,
  type TraceFilters,
  type TraceListQuery,
  type TraceSummary,
} from '@sightline/core'
import { decodeCursor, pageOf, SORT_COLUMNS } from '../cursor'
import { deriveTrace, needsRootIo, rootSpanOf, SPAN_TOTALS_COLUMNS } from '../derive-trace'
import { emptyPartial, mergePartial, type Partial } from '../metric-partials'
import { type ContribEntry, contributionEntries } from '../rollup-contrib'
import { type Row, scoreRow, sessionDetail, SKELETON_COLUMNS, spanRow, toScore, toSpan, toSpanSkeleton, toSummary, toTrace, traceRow } from '../rows'
import { buildTraceWhere } from '../trace-where'
import { pgDialect } from './pg-dialect'
import type { ApiKeyRecord, IngestWrite, ScoreQuery, Store } from '../types'
import { createPgMetrics } from './pg-metrics'
import { PG_MIGRATIONS } from './pg-migrations'
import { createPgQueues } from './pg-queues'

// Epoch-ms times and counts are BIGINT: read them as numbers (they stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v))

export type Tx = pg.PoolClient
export type Query = (sql: string, params?: unknown[]) => Promise<Row[]>

export interface PgStoreOptions {
  connectionString: string
  /** a schema of its own (created on migrate), e.g. one per test */
  schema?: string
  /** drop that schema on close (tests) */
  dropSchemaOnClose?: boolean
  max?: number
}

const RETRYABLE = new Set(['40P01', '40001'])
const MIGRATION_LOCK = 7_340_211

/** INSERT … VALUES for a row object, with its columns in order. */
export function insertSql(table: string, row: Record<string, unknown>, tail = '') {
  const cols = Object.keys(row)
  return { sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ${tail}`, params: Object.values(row) }
}

/**
 * PostgreSQL store for teams that outgrow one machine: any number of stateless server
 * instances share one database. Writes that touch a trace lock its row, so two instances
 * deriving the same trace take turns; queue claims use FOR UPDATE SKIP LOCKED.
 */
export function openPgStore(o: PgStoreOptions): Store {
  const pool = new pg.Pool({ connectionString: o.connectionString, max: o.max ?? 10 })
  if (o.schema) pool.on('connect', (c) => void c.query(`SET search_path TO "${o.schema}"`))
  const query: Query = async (sql, params = []) => (await pool.query(sql, params)).rows as Row[]

  /** A transaction, retried when PostgreSQL picks it as a deadlock or serialization victim. */
  async function tx<T>(fn: (q: Query, client: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(async (sql, params = []) => (await client.query(sql, params)).rows as Row[], client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        if (attempt < 5 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue
        throw err
      } finally {
        client.release()
      }
    }
  }

  async function migrate() {
    const client = await pool.connect()
    try {
      if (o.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${o.schema}"`)
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT)')
      const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number))
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue
        await client.query('BEGIN')
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, Date.now()])
        await client.query('COMMIT')
      }
      // Substring search uses a trigram index when the extension can be had; without it, a scan.
      try {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        await client.query('CREATE INDEX IF NOT EXISTS traces_search ON traces USING gin (search_text gin_trgm_ops)')
      } catch {
        // no privilege for extensions: search still works, unindexed
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
      client.release()
    }
  }

  /** Applies contribution changes to rollup rows, in key order so writers never deadlock. */
  async function applyRollups(q: Query, projectId: string, changes: { entry: ContribEntry; sign: 1 | -1 }[]) {
    const byKey = new Map<string, { key: string[]; partial: Partial }>()
    for (const { entry, sign } of changes) {
      const k = entry.key.join('\u0000')
      const acc = byKey.get(k) ?? { key: entry.key, partial: emptyPartial() }
      mergePartial(acc.partial, entry.partial, sign)
      byKey.set(k, acc)
    }
    for (const [, { key, partial }] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [unit, hour, ...rest] = key
      const args = [projectId, unit, Number(hour), ...rest]
      const where = 'project_id = $1 AND unit = $2 AND hour = $3 AND model = $4 AND provider = $5 AND name = $6 AND environment = $7 AND release = $8 AND version = $9'
      const [row] = await q(`SELECT partial FROM metric_rollup WHERE ${where} FOR UPDATE`, args)
      const merged = mergePartial(row ? (JSON.parse(row.partial as string) as Partial) : emptyPartial(), partial)
      if (merged.count <= 0) await q(`DELETE FROM metric_rollup WHERE ${where}`, args)
      else
        await q(
          `INSERT INTO metric_rollup VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (project_id, unit, hour, model, provider, name, environment, release, version) DO UPDATE SET partial = EXCLUDED.partial`,
          [...args, JSON.stringify(merged)],
        )
    }
  }

  async function ingest(projectId: string, write: IngestWrite, now: number) {
    await tx(async (q) => {
      const touched = [...new Set([...write.traces.map((t) => t.id), ...write.spans.map((s) => s.traceId)])].sort()
      // Make every touched trace exist, then lock them all in id order.
      const firstSpan = new Map<string, number>()
      for (const s of write.spans) firstSpan.set(s.traceId, Math.min(firstSpan.get(s.traceId) ?? Infinity, s.startTime))
      for (const id of touched)
        await q('INSERT INTO traces (project_id, id, received_at, start_time) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          projectId, id, now, firstSpan.get(id) ?? now,
        ])
      if (touched.length) await q('SELECT id FROM traces WHERE project_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE', [projectId, touched])
      for (const t of write.traces) {
        const row = traceRow(projectId, t, now)
        await q(
          `UPDATE traces SET d_name = COALESCE($3, d_name), d_start = COALESCE($4, d_start), d_end = COALESCE($5, d_end),
             d_input = COALESCE($6, d_input), d_output = COALESCE($7, d_output), d_status = COALESCE($8, d_status),
             user_id = COALESCE($9, user_id), session_id = COALESCE($10, session_id), environment = COALESCE($11, environment),
             release = COALESCE($12, release), version = COALESCE($13, version), tags = COALESCE($14::jsonb, tags),
             metadata = COALESCE($15::jsonb, metadata)
           WHERE project_id = $1 AND id = $2`,
          [projectId, row.id, row.d_name, row.d_start, row.d_end, row.d_input, row.d_output, row.d_status, row.user_id, row.session_id,
            row.environment, row.release, row.version, row.tags, row.metadata],
        )
      }
      for (const s of write.spans) {
        const row = spanRow(projectId, s)
        const { sql, params } = insertSql('spans', row, `ON CONFLICT (project_id, trace_id, id) DO UPDATE SET ${Object.keys(row).slice(3).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`)
        await q(sql, params)
      }
      for (const sc of write.scores) await upsertScore(q, projectId, sc, now)
      const changes: { entry: ContribEntry; sign: 1 | -1 }[] = []
      for (const id of touched) await refreshTrace(q, projectId, id, changes)
      await applyRollups(q, projectId, changes)
    })
  }

  async function upsertScore(q: Query, projectId: string, sc: IngestWrite['scores'][number], now: number) {
    const { now: _n, ...row } = scoreRow(projectId, sc, now)
    const { sql, params } = insertSql(
      'scores',
      { ...row, created_at: now, updated_at: now },
      `ON CONFLICT (project_id, id) DO UPDATE SET
         trace_id = EXCLUDED.trace_id, span_id = EXCLUDED.span_id, name = EXCLUDED.name, data_type = EXCLUDED.data_type,
         value_num = EXCLUDED.value_num, value_str = EXCLUDED.value_str, polarity = EXCLUDED.polarity, comment = EXCLUDED.comment,
         correction = EXCLUDED.correction, source = EXCLUDED.source, author_id = EXCLUDED.author_id, metadata = EXCLUDED.metadata,
         updated_at = EXCLUDED.updated_at
       WHERE (scores.trace_id, scores.span_id, scores.name, scores.data_type, scores.value_num, scores.value_str, scores.comment,
              scores.correction, scores.source, scores.author_id, scores.metadata)
         IS DISTINCT FROM (EXCLUDED.trace_id, EXCLUDED.span_id, EXCLUDED.name, EXCLUDED.data_type, EXCLUDED.value_num,
              EXCLUDED.value_str, EXCLUDED.comment, EXCLUDED.correction, EXCLUDED.source, EXCLUDED.author_id, EXCLUDED.metadata)`,
    )
    await q(sql, params)
  }

  async function refreshTrace(q: Query, projectId: string, traceId: string, changes: { entry: ContribEntry; sign: 1 | -1 }[]) {
    const [declared] = await q(
      `SELECT received_at, d_name, d_start, d_end, d_input, d_output, d_status, environment, release, version
       FROM traces WHERE project_id = $1 AND id = $2`,
      [projectId, traceId],
    )
    const spans = await q(`SELECT ${SPAN_TOTALS_COLUMNS} FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, id`, [projectId, traceId])
    const root = rootSpanOf(spans)
    const [rootIo] = root && needsRootIo(declared)
      ? await q('SELECT input, output FROM spans WHERE project_id = $1 AND trace_id = $2 AND id = $3', [projectId, traceId, root.id])
      : []
    const derived = deriveTrace(declared, spans, rootIo as { input: unknown; output: unknown } | undefined)
    const c = derived.columns
    await q(
      `UPDATE traces SET name = $3, start_time = $4, end_time = $5, input = $6, output = $7, status = $8, latency_ms = $9,
         input_tokens = $10, output_tokens = $11, total_tokens = $12, cost = $13, span_count = $14, error_count = $15,
         models = $16::jsonb, ttft_ms = $17, search_text = $18
       WHERE project_id = $1 AND id = $2`,
      [projectId, traceId, c.name, c.start_time, c.end_time, c.input, c.output, c.status, c.latency_ms, c.input_tokens, c.output_tokens,
        c.total_tokens, c.cost, c.span_count, c.error_count, c.models, c.ttft_ms, derived.searchText],
    )
    const next = contributionEntries(derived.rollup)
    const json = JSON.stringify(next)
    const [prev] = await q('SELECT contrib FROM metric_contrib WHERE project_id = $1 AND trace_id = $2', [projectId, traceId])
    if (prev?.contrib === json) return
    if (prev) for (const entry of JSON.parse(prev.contrib as string) as ContribEntry[]) changes.push({ entry, sign: -1 })
    for (const entry of next) changes.push({ entry, sign: 1 })
    await q(
      'INSERT INTO metric_contrib VALUES ($1, $2, $3) ON CONFLICT (project_id, trace_id) DO UPDATE SET contrib = EXCLUDED.contrib',
      [projectId, traceId, json],
    )
  }

  async function listTraces(projectId: string, qry: TraceListQuery): Promise<Page<TraceSummary>> {
    const params: unknown[] = []
    const { field, desc } = parseSort(qry.sort)
    const sortExpr = SORT_COLUMNS[field]
    let where = buildTraceWhere(projectId, qry, pgDialect, params)
    const sortName = `${desc ? '-' : ''}${field}`
    if (qry.cursor) {
      const c = decodeCursor(qry.cursor, sortName)
      params.push(c.value, c.id)
      where += ` AND (${sortExpr}, t.id) ${desc ? '<' : '>'} ($${params.length - 1}, $${params.length})`
    }
    const limit = qry.limit ?? DEFAULT_PAGE_SIZE
    const dir = desc ? 'DESC' : 'ASC'
    params.push(limit + 1)
    const rows = await query(
      `SELECT t.*, ${sortExpr} AS sort_value FROM traces t WHERE ${where} ORDER BY ${sortExpr} ${dir}, t.id ${dir} LIMIT $${params.length}`,
      params,
    )
    return pageOf(rows, limit, toSummary, (last) => ({ sort: sortName, value: Number(last.sort_value), id: last.id as string }))
  }

  async function listScores(projectId: string, qry: ScoreQuery): Promise<Page<Score>> {
    const params: unknown[] = [projectId]
    const where = ['sc.project_id = $1']
    const add = (cond: (p: string) => string, v: unknown) => {
      params.push(v)
      where.push(cond(`$${params.length}`))
    }
    if (qry.traceId) add((p) => `sc.trace_id = ${p}`, qry.traceId)
    if (qry.name) add((p) => `sc.name = ${p}`, qry.name)
    if (qry.source) add((p) => `sc.source = ${p}`, qry.source)
    if (qry.traceFilters) where.push(`EXISTS (SELECT 1 FROM traces t WHERE t.id = sc.trace_id AND ${buildTraceWhere(projectId, qry.traceFilters, pgDialect, params)})`)
    if (qry.cursor) {
      const c = decodeCursor(qry.cursor, '-createdAt')
      params.push(c.value, c.id)
      where.push(`(sc.created_at, sc.id) < ($${params.length - 1}, $${params.length})`)
    }
    const limit = qry.limit ?? DEFAULT_PAGE_SIZE
    params.push(limit + 1)
    const rows = await query(`SELECT sc.* FROM scores sc WHERE ${where.join(' AND ')} ORDER BY sc.created_at DESC, sc.id DESC LIMIT $${params.length}`, params)
    return pageOf(rows, limit, toScore, (last) => ({ sort: '-createdAt', value: Number(last.created_at), id: last.id as string }))
  }

  async function getSession(projectId: string, sessionId: string, filters: TraceFilters = {}) {
    const params: unknown[] = []
    const where = buildTraceWhere(projectId, { ...filters, sessionId }, pgDialect, params)
    const rows = await query(`SELECT t.* FROM traces t WHERE ${where} ORDER BY t.start_time ASC, t.id ASC LIMIT 1000`, params)
    if (!rows.length) return null
    const traces = rows.map(toTrace)
    const scores = (await query('SELECT * FROM scores WHERE project_id = $1 AND trace_id = ANY($2) ORDER BY created_at, id', [projectId, traces.map((t) => t.id)])).map(toScore)
    return sessionDetail(sessionId, traces, scores)
  }

  const one = async (sql: string, params: unknown[]) => (await query(sql, params))[0] as Row | undefined
  const metrics = createPgMetrics(async (sql, params) => (await pool.query({ text: sql, values: params, rowMode: 'array' })).rows as unknown[][])
  const queues = createPgQueues(query, tx, (q, projectId, scores, now) => upsertScoresWithRefresh(q, projectId, scores, now))

  /** Scores written inside another transaction (reviews): scores touch no trace totals. */
  async function upsertScoresWithRefresh(q: Query, projectId: string, scores: IngestWrite['scores'], now: number) {
    for (const sc of scores) await upsertScore(q, projectId, sc, now)
  }

  return {
    kind: 'postgres',
    migrate,
    close: async () => {
      if (o.schema && o.dropSchemaOnClose) await pool.query(`DROP SCHEMA IF EXISTS "${o.schema}" CASCADE`).catch(() => {})
      await pool.end()
    },
    getProject: async (id) => {
      const r = await one('SELECT * FROM projects WHERE id = $1', [id])
      return r ? { id: r.id as string, name: r.name as string, signingSecret: r.signing_secret as string } : null
    },
    createProject: async (p) => {
      await query('INSERT INTO projects VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [p.id, p.name, p.signingSecret, Date.now()])
    },
    putKey: async (hash, prefix, k: ApiKeyRecord) => {
      await query(
        `INSERT INTO api_keys VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (hash) DO UPDATE SET project_id = EXCLUDED.project_id, kind = EXCLUDED.kind, origins = EXCLUDED.origins,
           require_token = EXCLUDED.require_token`,
        [hash, prefix, k.projectId, k.kind, JSON.stringify(k.origins), k.requireToken ? 1 : 0, Date.now()],
      )
    },
    findKey: async (hash) => {
      const r = await one('SELECT * FROM api_keys WHERE hash = $1', [hash])
      return r
        ? { projectId: r.project_id as string, kind: r.kind as ApiKeyRecord['kind'], origins: JSON.parse(r.origins as string), requireToken: r.require_token === 1 }
        : null
    },
    ingest,
    listTraces,
    getTrace: async (projectId, id) => {
      const row = await one('SELECT * FROM traces WHERE project_id = $1 AND id = $2', [projectId, id])
      if (!row) return null
      const [spans, scores] = await Promise.all([
        query('SELECT * FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, id', [projectId, id]),
        query('SELECT * FROM scores WHERE project_id = $1 AND trace_id = $2 ORDER BY created_at, id', [projectId, id]),
      ])
      return { trace: toTrace(row), spans: spans.map(toSpan), scores: scores.map(toScore) }
    },
    getTraceSummary: async (projectId, id) => {
      const row = await one('SELECT * FROM traces WHERE project_id = $1 AND id = $2', [projectId, id])
      return row ? toSummary(row) : null
    },
    getTraceSkeleton: async (projectId, id) => {
      const row = await one('SELECT * FROM traces WHERE project_id = $1 AND id = $2', [projectId, id])
      if (!row) return null
      const [spans, scores] = await Promise.all([
        query(
          `SELECT ${SKELETON_COLUMNS}, octet_length(input) AS input_size, octet_length(output) AS output_size
           FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, id`,
          [projectId, id],
        ),
        query('SELECT * FROM scores WHERE project_id = $1 AND trace_id = $2 ORDER BY created_at, id', [projectId, id]),
      ])
      return { trace: toSummary(row), spans: spans.map(toSpanSkeleton), scores: scores.map(toScore) }
    },
    getSpan: async (projectId, traceId, spanId) => {
      const row = await one('SELECT * FROM spans WHERE project_id = $1 AND trace_id = $2 AND id = $3', [projectId, traceId, spanId])
      return row ? toSpan(row) : null
    },
    getSession,
    listScores,
    getScore: async (projectId, id) => {
      const r = await one('SELECT * FROM scores WHERE project_id = $1 AND id = $2', [projectId, id])
      return r ? toScore(r) : null
    },
    deleteScore: async (projectId, id) => (await query('DELETE FROM scores WHERE project_id = $1 AND id = $2 RETURNING id', [projectId, id])).length > 0,
    countSpans: async (projectId) => Number((await one('SELECT count(*) AS n FROM spans WHERE project_id = $1', [projectId]))!.n),
    metricPartials: (projectId, plan) => metrics.partials(projectId, plan),
    traceIdsMatching: async (projectId, filters, traceIds, limit) => {
      const params: unknown[] = []
      let where = buildTraceWhere(projectId, filters, pgDialect, params)
      if (traceIds) {
        params.push(traceIds)
        where += ` AND t.id = ANY($${params.length})`
      }
      params.push(limit)
      return (await query(`SELECT t.id FROM traces t WHERE ${where} ORDER BY t.start_time, t.id LIMIT $${params.length}`, params)).map((r) => r.id as string)
    },
    ...queues,
  }
}
