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
import { deriveTrace, needsRootIo, REDERIVE_AFTER, rootSpanOf, SPAN_TOTALS_COLUMNS } from '../derive-trace'
import { NO_FEEDBACK, traceShare } from '../rollup-contrib'
import {
  type Row,
  scoreRow,
  sessionDetail,
  skeletonRowsSql,
  SPAN_COLUMNS,
  spanRow,
  toScore,
  toSpan,
  toSummary,
  toTrace,
  traceRow,
} from '../rows'
import { buildTraceWhere, traceMatches } from '../trace-where'
import { pgDialect } from './pg-dialect'
import type { ApiKeyRecord, IngestWrite, ScoreQuery, Store } from '../types'
import { createPgDatasets } from './pg-datasets'
import { createPgEvaluations } from './pg-evaluations'
import { createPgMetrics } from './pg-metrics'
import { PG_MIGRATIONS } from './pg-migrations'
import { createPgQueues } from './pg-queues'
import { contributeTraces, feedbackCounts, refreshFeedback } from './pg-rollups'
import type { Query, Tx } from './pg-query'

// Epoch-ms times and counts are BIGINT: read them as numbers (they stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v))

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
  return {
    sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ${tail}`,
    params: Object.values(row),
  }
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
      let rederive = false
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue
        await client.query('BEGIN')
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, Date.now()])
        await client.query('COMMIT')
        rederive ||= REDERIVE_AFTER.has(m.name)
      }
      // Still under the lock: another instance starting now waits for the rollups to be whole.
      if (rederive) await rederiveAll()
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

  /** Re-derives every trace (totals, rollups), a thousand at a time. */
  async function rederiveAll() {
    const rows = await query('SELECT project_id, id FROM traces ORDER BY project_id, id')
    for (let i = 0; i < rows.length; i += 1000) {
      const byProject = new Map<string, string[]>()
      for (const r of rows.slice(i, i + 1000))
        (byProject.get(r.project_id as string) ?? byProject.set(r.project_id as string, []).get(r.project_id as string)!).push(
          r.id as string,
        )
      for (const [projectId, ids] of byProject)
        await tx(async (q) => {
          await lockTraces(q, projectId, ids)
          await refreshTraces(q, projectId, ids)
        })
      if (rows.length > 10_000 && (i / 1000) % 20 === 0) console.log(`sightline: deriving metrics for ${i}/${rows.length} traces…`)
    }
  }

  const SPAN_UPDATE = SPAN_COLUMNS.slice(3)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')
  const SPAN_CHUNK = 500

  /** One statement per chunk of spans: round trips, not rows, are what costs. */
  async function upsertSpans(q: Query, projectId: string, spans: IngestWrite['spans']) {
    // The last of duplicate spans in a batch wins, as re-sending would.
    const unique = [...new Map(spans.map((sp) => [`${sp.traceId}\u0000${sp.id}`, sp])).values()]
    for (let i = 0; i < unique.length; i += SPAN_CHUNK) {
      const rows = unique.slice(i, i + SPAN_CHUNK).map((sp) => Object.values(spanRow(projectId, sp)))
      const width = SPAN_COLUMNS.length
      const values = rows.map((_, r) => `(${SPAN_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ')
      await q(
        `INSERT INTO spans (${SPAN_COLUMNS.join(', ')}) VALUES ${values} ON CONFLICT (project_id, trace_id, id) DO UPDATE SET ${SPAN_UPDATE}`,
        rows.flat(),
      )
    }
  }

  /**
   * The traces whose feedback counts these scores change: the trace a feedback score joins and
   * the one it leaves. Their rollup shares are patched.
   */
  async function feedbackTraces(q: Query, projectId: string, scores: IngestWrite['scores']): Promise<string[]> {
    if (!scores.length) return []
    const ids = new Set(scores.filter((sc) => sc.source === 'feedback').map((sc) => sc.traceId))
    const before = await q(`SELECT trace_id FROM scores WHERE project_id = $1 AND id = ANY($2) AND source = 'feedback'`, [
      projectId,
      scores.map((sc) => sc.id),
    ])
    for (const r of before) ids.add(r.trace_id as string)
    return [...ids]
  }

  /** Locks existing traces in id order, so concurrent writers never deadlock. */
  const lockTraces = (q: Query, projectId: string, ids: string[]) =>
    q('SELECT id FROM traces WHERE project_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE', [projectId, ids])

  async function ingest(projectId: string, write: IngestWrite, now: number) {
    await tx(async (q) => {
      const written = [...new Set([...write.traces.map((t) => t.id), ...write.spans.map((s) => s.traceId)])].sort()
      const touched = [...new Set([...written, ...(await feedbackTraces(q, projectId, write.scores))])].sort()
      // Make every written trace exist, then lock all touched ones in id order.
      const firstSpan = new Map<string, number>()
      for (const s of write.spans) firstSpan.set(s.traceId, Math.min(firstSpan.get(s.traceId) ?? Infinity, s.startTime))
      if (written.length)
        await q(
          `INSERT INTO traces (project_id, id, received_at, start_time) SELECT $1, u.id, $2, u.start FROM unnest($3::text[], $4::bigint[]) AS u(id, start)
           ON CONFLICT DO NOTHING`,
          [projectId, now, written, written.map((id) => firstSpan.get(id) ?? now)],
        )
      if (touched.length) await lockTraces(q, projectId, touched)
      for (const t of write.traces) {
        const row = traceRow(projectId, t, now)
        await q(
          `UPDATE traces SET d_name = COALESCE($3, d_name), d_start = COALESCE($4, d_start), d_end = COALESCE($5, d_end),
             d_input = COALESCE($6, d_input), d_output = COALESCE($7, d_output), d_status = COALESCE($8, d_status),
             user_id = COALESCE($9, user_id), session_id = COALESCE($10, session_id), environment = COALESCE($11, environment),
             release = COALESCE($12, release), version = COALESCE($13, version), tags = COALESCE($14::jsonb, tags),
             metadata = COALESCE($15::jsonb, metadata)
           WHERE project_id = $1 AND id = $2`,
          [
            projectId,
            row.id,
            row.d_name,
            row.d_start,
            row.d_end,
            row.d_input,
            row.d_output,
            row.d_status,
            row.user_id,
            row.session_id,
            row.environment,
            row.release,
            row.version,
            row.tags,
            row.metadata,
          ],
        )
      }
      await upsertSpans(q, projectId, write.spans)
      for (const sc of write.scores) await upsertScore(q, projectId, sc, now)
      if (written.length) await refreshTraces(q, projectId, written)
      const derived = new Set(written)
      await refreshFeedback(
        q,
        projectId,
        touched.filter((id) => !derived.has(id)),
      )
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

  /** Re-derives the touched traces (those that exist) in a handful of statements, whatever their number. */
  async function refreshTraces(q: Query, projectId: string, touched: string[]) {
    const declared = new Map(
      (
        await q(
          `SELECT id, received_at, d_name, d_start, d_end, d_input, d_output, d_status, user_id, session_id, environment, release, version
         FROM traces WHERE project_id = $1 AND id = ANY($2)`,
          [projectId, touched],
        )
      ).map((r) => [r.id as string, r]),
    )
    const ids = touched.filter((id) => declared.has(id))
    if (!ids.length) return
    const feedback = await feedbackCounts(q, projectId, ids)
    const spansOf = new Map<string, Row[]>()
    for (const r of await q(
      `SELECT trace_id, ${SPAN_TOTALS_COLUMNS} FROM spans WHERE project_id = $1 AND trace_id = ANY($2) ORDER BY trace_id, start_time, id`,
      [projectId, ids],
    ))
      (spansOf.get(r.trace_id as string) ?? spansOf.set(r.trace_id as string, []).get(r.trace_id as string)!).push(r)
    const roots = ids.flatMap((id) => {
      const root = rootSpanOf(spansOf.get(id) ?? [])
      return root && needsRootIo(declared.get(id)!) ? [[id, root.id as string]] : []
    })
    const io = new Map(
      roots.length
        ? (
            await q(
              'SELECT trace_id, input, output FROM spans WHERE project_id = $1 AND (trace_id, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))',
              [projectId, roots.map((r) => r[0]), roots.map((r) => r[1])],
            )
          ).map((r) => [r.trace_id as string, r as { input: unknown; output: unknown }])
        : [],
    )
    const derived = ids.map((id) => ({
      id,
      ...deriveTrace(declared.get(id)!, spansOf.get(id) ?? [], io.get(id), feedback.get(id) ?? NO_FEEDBACK),
    }))
    const col = <K extends keyof (typeof derived)[number]['columns']>(k: K) => derived.map((d) => d.columns[k])
    await q(
      `UPDATE traces t SET name = u.name, start_time = u.start_time, end_time = u.end_time, input = u.input, output = u.output, status = u.status,
         latency_ms = u.latency_ms, input_tokens = u.input_tokens, output_tokens = u.output_tokens, total_tokens = u.total_tokens, cost = u.cost,
         span_count = u.span_count, error_count = u.error_count, models = u.models::jsonb, ttft_ms = u.ttft_ms, search_text = u.search_text
       FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::float8[], $11::float8[],
         $12::float8[], $13::float8[], $14::int[], $15::int[], $16::text[], $17::bigint[], $18::text[])
         AS u(id, name, start_time, end_time, input, output, status, latency_ms, input_tokens, output_tokens, total_tokens, cost, span_count,
           error_count, models, ttft_ms, search_text)
       WHERE t.project_id = $1 AND t.id = u.id`,
      [
        projectId,
        ids,
        col('name'),
        col('start_time'),
        col('end_time'),
        col('input'),
        col('output'),
        col('status'),
        col('latency_ms'),
        col('input_tokens'),
        col('output_tokens'),
        col('total_tokens'),
        col('cost'),
        col('span_count'),
        col('error_count'),
        col('models'),
        col('ttft_ms'),
        derived.map((d) => d.searchText),
      ],
    )
    await contributeTraces(
      q,
      projectId,
      ids,
      derived.map((d) => [d.id, traceShare(d.rollup)]),
    )
  }

  async function listTraces(projectId: string, qry: TraceListQuery): Promise<Page<TraceSummary>> {
    const params: unknown[] = []
    const { field, desc } = parseSort(qry.sort)
    const sortExpr = SORT_COLUMNS[field]
    let where = buildTraceWhere(projectId, qry, pgDialect, params, { paged: true })
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
    if (qry.traceId) add((p) => `sc.trace_id = ANY(${p})`, [qry.traceId].flat())
    if (qry.name) add((p) => `sc.name = ${p}`, qry.name)
    if (qry.source) add((p) => `sc.source = ${p}`, qry.source)
    if (qry.traceFilters) where.push(traceMatches(projectId, qry.traceFilters, pgDialect, params, 'sc.trace_id'))
    if (qry.cursor) {
      const c = decodeCursor(qry.cursor, '-createdAt')
      params.push(c.value, c.id)
      where.push(`(sc.created_at, sc.id) < ($${params.length - 1}, $${params.length})`)
    }
    const limit = qry.limit ?? DEFAULT_PAGE_SIZE
    params.push(limit + 1)
    const rows = await query(
      `SELECT sc.* FROM scores sc WHERE ${where.join(' AND ')} ORDER BY sc.created_at DESC, sc.id DESC LIMIT $${params.length}`,
      params,
    )
    return pageOf(rows, limit, toScore, (last) => ({ sort: '-createdAt', value: Number(last.created_at), id: last.id as string }))
  }

  async function getSession(projectId: string, sessionId: string, filters: TraceFilters = {}) {
    const params: unknown[] = []
    const where = buildTraceWhere(projectId, { ...filters, sessionId }, pgDialect, params)
    const rows = await query(`SELECT t.* FROM traces t WHERE ${where} ORDER BY t.start_time ASC, t.id ASC LIMIT 1000`, params)
    if (!rows.length) return null
    const traces = rows.map(toTrace)
    const scores = (
      await query('SELECT * FROM scores WHERE project_id = $1 AND trace_id = ANY($2) ORDER BY created_at, id', [
        projectId,
        traces.map((t) => t.id),
      ])
    ).map(toScore)
    return sessionDetail(sessionId, traces, scores)
  }

  const one = async (sql: string, params: unknown[]) => (await query(sql, params))[0] as Row | undefined
  const metrics = createPgMetrics(
    async (sql, params) => (await pool.query({ text: sql, values: params, rowMode: 'array' })).rows as unknown[][],
  )
  const queues = createPgQueues(query, tx, (q, projectId, scores, now) => upsertScoresWithRefresh(q, projectId, scores, now))

  /** Scores written inside another transaction (reviews); feedback among them patches its traces' rollup shares. */
  async function upsertScoresWithRefresh(q: Query, projectId: string, scores: IngestWrite['scores'], now: number) {
    const touched = (await feedbackTraces(q, projectId, scores)).sort()
    if (touched.length) await lockTraces(q, projectId, touched)
    for (const sc of scores) await upsertScore(q, projectId, sc, now)
    await refreshFeedback(q, projectId, touched)
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
        ? {
            projectId: r.project_id as string,
            kind: r.kind as ApiKeyRecord['kind'],
            origins: JSON.parse(r.origins as string),
            requireToken: r.require_token === 1,
          }
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
        one(`SELECT ${skeletonRowsSql('json_build_array', 'json_agg')}::text AS rows FROM spans WHERE project_id = $1 AND trace_id = $2`, [
          projectId,
          id,
        ]),
        query('SELECT * FROM scores WHERE project_id = $1 AND trace_id = $2 ORDER BY created_at, id', [projectId, id]),
      ])
      return { trace: toSummary(row), spanRows: spans!.rows as string, scores: scores.map(toScore) }
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
    deleteScore: async (projectId, id) =>
      tx(async (q) => {
        const [gone] = await q('DELETE FROM scores WHERE project_id = $1 AND id = $2 RETURNING trace_id, source', [projectId, id])
        if (gone?.source === 'feedback') {
          await lockTraces(q, projectId, [gone.trace_id as string])
          await refreshFeedback(q, projectId, [gone.trace_id as string])
        }
        return gone !== undefined
      }),
    countSpans: async (projectId) => Number((await one('SELECT count(*) AS n FROM spans WHERE project_id = $1', [projectId]))!.n),
    metricPartials: (projectId, plan) => metrics.partials(projectId, plan),
    traceValues: (projectId, field, filters, options) => metrics.traceValues(projectId, field, filters, options),
    traceIdsMatching: async (projectId, filters, traceIds, limit) => {
      const params: unknown[] = []
      let where = buildTraceWhere(projectId, filters, pgDialect, params)
      if (traceIds) {
        params.push(traceIds)
        where += ` AND t.id = ANY($${params.length})`
      }
      params.push(limit)
      return (await query(`SELECT t.id FROM traces t WHERE ${where} ORDER BY t.start_time, t.id LIMIT $${params.length}`, params)).map(
        (r) => r.id as string,
      )
    },
    ...queues,
    ...createPgEvaluations(query),
    ...createPgDatasets(query, tx),
  }
}
