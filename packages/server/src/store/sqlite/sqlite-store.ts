import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import {
  DEFAULT_PAGE_SIZE,
  parseSort,
  type Page,
  type ParsedSpanInput,
  type ParsedTraceInput,
  type Score,
  type SessionDetail,
  type TraceDetail,
  type TraceFilters,
  type TraceListQuery,
  type TraceSummary,
} from '@sightline/core'
import { ensurePrivateFiles, makePrivateDir } from '../../private-files'
import { decodeCursor, pageOf, SORT_COLUMNS } from '../cursor'
import { deriveTrace, needsRootIo, REDERIVE_AFTER, rootSpanOf, SPAN_TOTALS_COLUMNS } from '../derive-trace'
import type { FeedbackCounts } from '../rollup-contrib'
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
import { buildTraceWhere, type SqlDialect, traceMatches } from '../trace-where'
import {
  type ApiKeyRecord,
  type IngestWrite,
  type ProjectRecord,
  QueueItemNotFoundError,
  type ScoreQuery,
  type ScoreRecord,
  type Store,
} from '../types'
import { SQLITE_MIGRATIONS } from './migrations'
import { createSqliteDatasets } from './sqlite-datasets'
import { createSqliteEvaluations } from './sqlite-evaluations'
import { createSqliteMetrics } from './sqlite-metrics'
import { createSqliteQueues } from './sqlite-queues'

function sqliteDialect(db: Database.Database, driveBySort: number): SqlDialect {
  const countMatches = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM trace_fts WHERE trace_fts MATCH ? LIMIT ${driveBySort})`)
  return {
    param: (value, params) => {
      params.push(value)
      return '?'
    },
    arrayContains: (col, p) => `EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ${p})`,
    jsonFieldEquals: (col, key, value, params) => {
      const path = `$."${key.replace(/"/g, '\\"')}"`
      params.push(path, value, path, value)
      // ->> gives text for strings; -> gives JSON text ("3", "true") for other values.
      return `(${col} ->> ? = ? OR ${col} -> ? = ?)`
    },
    textSearch: (alias, q, params, paged) => {
      if ([...q].length < 3) {
        params.push(q.toLowerCase())
        return `${alias}.rowid IN (SELECT rowid FROM trace_fts WHERE instr(lower(body), ?) > 0)`
      }
      const phrase = `"${q.replace(/"/g, '""')}"`
      const many = (countMatches.get(phrase) as { n: number }).n >= driveBySort
      if (many && paged && ASCII.test(q)) {
        // A word in many traces, for a page: test each trace's own text while walking the sort index,
        // instead of listing every match first. ASCII only, where lower() folds case as the index does.
        params.push(q.toLowerCase())
        return `EXISTS (SELECT 1 FROM trace_fts WHERE rowid = ${alias}.rowid AND instr(lower(body), ?) > 0)`
      }
      params.push(phrase)
      // Few matches: look each up. Many: walk the sort index testing membership in the matches
      // (the unary + keeps the planner from driving by rowid).
      return `${many ? '+' : ''}${alias}.rowid IN (SELECT rowid FROM trace_fts WHERE trace_fts MATCH ?)`
    },
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL on purpose
const ASCII = /^[\x00-\x7f]*$/

export interface SqliteStoreOptions {
  /** a file path, or ':memory:' */
  filename: string
  /** above this many text-search matches, search walks the sort index instead of the match list */
  searchDriveBySort?: number
  /** serve eligible metric queries from hourly rollups (default true; off reads rows, for checks) */
  metricRollups?: boolean
}

/** The embedded default store: one SQLite file in WAL mode. */
export function openSqliteStore({ filename, searchDriveBySort = 20_000, metricRollups = true }: SqliteStoreOptions): Store {
  if (filename !== ':memory:') {
    makePrivateDir(dirname(filename))
    // SQLite gives the WAL and SHM files it creates the database file's mode.
    ensurePrivateFiles(filename, [`${filename}-wal`, `${filename}-shm`])
  }
  const db = new Database(filename)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  // Reads of big tables (metrics, comparisons) go through the page cache instead of read() calls.
  db.pragma('mmap_size = 268435456')
  db.pragma('cache_size = -32000')

  let stmts: ReturnType<typeof prepare> | undefined
  const s = () => (stmts ??= prepare(db))
  let dialectCache: SqlDialect | undefined
  const dialect = () => (dialectCache ??= sqliteDialect(db, searchDriveBySort))
  let metricsCache: ReturnType<typeof createSqliteMetrics> | undefined
  const metrics = () => (metricsCache ??= createSqliteMetrics(db, dialect, metricRollups))
  let queuesCache: ReturnType<typeof createSqliteQueues> | undefined
  const queues = () =>
    (queuesCache ??= createSqliteQueues(db, dialect, (projectId, scores, now) =>
      ingestTx(projectId, { traces: [], spans: [], scores }, now),
    ))
  const queueOf = (projectId: string, queueId: string) => {
    const queue = queues().getQueue(projectId, queueId)
    if (!queue) throw new QueueItemNotFoundError(`queue ${queueId} not found`)
    return queue
  }

  function migrate() {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)')
    // One IMMEDIATE transaction: a second process starting at the same time waits, then finds
    // every migration applied.
    const applied = db
      .transaction(() => {
        const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version))
        const pending = SQLITE_MIGRATIONS.filter((m) => !done.has(m.version))
        for (const m of pending) {
          db.exec(m.sql)
          db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, Date.now())
        }
        return pending
      })
      .immediate()
    if (applied.some((m) => REDERIVE_AFTER.has(m.name))) backfillDerived()
  }

  /** Re-derives every trace (totals, search text, metric rollups), in chunks. */
  function backfillDerived() {
    const ids = db.prepare('SELECT project_id, id FROM traces').raw().all() as [string, string][]
    const chunk = db.transaction((part: [string, string][]) => {
      for (const [projectId, id] of part) refreshTrace(projectId, id)
    })
    for (let i = 0; i < ids.length; i += 1000) {
      chunk.immediate(ids.slice(i, i + 1000))
      if (ids.length > 10_000 && (i / 1000) % 20 === 0) console.log(`sightline: deriving metrics for ${i}/${ids.length} traces…`)
    }
  }

  const upsertTrace = (projectId: string, t: ParsedTraceInput, now: number) => s().upsertTrace.run(traceRow(projectId, t, now))
  const upsertSpan = (projectId: string, sp: ParsedSpanInput) => s().upsertSpan.run(spanRow(projectId, sp))
  const upsertScore = (projectId: string, sc: ScoreRecord, now: number) => s().upsertScore.run(scoreRow(projectId, sc, now))

  /** Re-derives a trace's effective fields, totals and rollup share from what was declared, its spans and its feedback. */
  function refreshTrace(projectId: string, traceId: string) {
    const declared = s().traceDeclared.get(projectId, traceId) as Row | undefined
    if (!declared) return
    const spans = s().spanTotals.all(projectId, traceId) as Row[]
    const root = rootSpanOf(spans)
    const rootIo = root && needsRootIo(declared) ? (s().spanIo.get(projectId, traceId, root.id) as Row) : undefined
    const feedback = s().traceFeedback.get(projectId, traceId) as FeedbackCounts
    const derived = deriveTrace(declared, spans, rootIo as { input: unknown; output: unknown } | undefined, feedback)
    s().refreshTrace.run({ project_id: projectId, id: traceId, ...derived.columns })
    metrics().contribute(projectId, traceId, derived.rollup)
    s().ftsDelete.run(declared.rowid)
    s().ftsInsert.run(declared.rowid, derived.searchText)
  }

  const ingestTx = db.transaction((projectId: string, write: IngestWrite, now: number) => {
    const touched = new Set<string>()
    for (const t of write.traces) {
      upsertTrace(projectId, t, now)
      touched.add(t.id)
    }
    for (const sp of write.spans) {
      if (!touched.has(sp.traceId)) s().ensureTrace.run(projectId, sp.traceId, now, sp.startTime)
      upsertSpan(projectId, sp)
      touched.add(sp.traceId)
    }
    // Feedback counts in its trace's rollup share: the trace it left and the one it joined change.
    const feedbackOn = new Set<string>()
    for (const sc of write.scores) {
      const before = s().scoreTrace.get(projectId, sc.id) as { trace_id: string; source: string } | undefined
      if (before?.source === 'feedback') feedbackOn.add(before.trace_id)
      if (sc.source === 'feedback') feedbackOn.add(sc.traceId)
      upsertScore(projectId, sc, now)
    }
    for (const id of touched) refreshTrace(projectId, id)
    for (const id of feedbackOn) if (!touched.has(id)) refreshFeedback(projectId, id)
  })

  const refreshFeedback = (projectId: string, traceId: string) =>
    metrics().contributeFeedback(projectId, traceId, s().traceFeedback.get(projectId, traceId) as FeedbackCounts)

  const deleteScoreTx = db.transaction((projectId: string, id: string) => {
    const before = s().scoreTrace.get(projectId, id) as { trace_id: string; source: string } | undefined
    if (!before) return false
    s().deleteScore.run(projectId, id)
    if (before.source === 'feedback') refreshFeedback(projectId, before.trace_id)
    return true
  })

  function listTraces(projectId: string, q: TraceListQuery): Page<TraceSummary> {
    const params: unknown[] = []
    const { field, desc } = parseSort(q.sort)
    const sortExpr = SORT_COLUMNS[field]
    let where = buildTraceWhere(projectId, q, dialect(), params, { paged: true })
    const sortName = `${desc ? '-' : ''}${field}`
    if (q.cursor) {
      const c = decodeCursor(q.cursor, sortName)
      where += ` AND (${sortExpr}, t.id) ${desc ? '<' : '>'} (?, ?)`
      params.push(c.value, c.id)
    }
    const limit = q.limit ?? DEFAULT_PAGE_SIZE
    const dir = desc ? 'DESC' : 'ASC'
    const rows = db
      .prepare(`SELECT t.*, ${sortExpr} AS sort_value FROM traces t WHERE ${where} ORDER BY ${sortExpr} ${dir}, t.id ${dir} LIMIT ?`)
      .all(...params, limit + 1) as Row[]
    return pageOf(rows, limit, toSummary, (last) => ({ sort: sortName, value: last.sort_value as number, id: last.id as string }))
  }

  function getSession(projectId: string, sessionId: string, filters: TraceFilters = {}): SessionDetail | null {
    const params: unknown[] = []
    const where = buildTraceWhere(projectId, { ...filters, sessionId }, dialect(), params)
    const rows = db
      .prepare(`SELECT t.* FROM traces t WHERE ${where} ORDER BY t.start_time ASC, t.id ASC LIMIT 1000`)
      .all(...params) as Row[]
    if (!rows.length) return null
    const traces = rows.map(toTrace)
    const scores = (
      db
        .prepare(
          `SELECT * FROM scores INDEXED BY scores_trace WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))
           ORDER BY created_at, id`,
        )
        .all(projectId, JSON.stringify(traces.map((t) => t.id))) as Row[]
    ).map(toScore)
    return sessionDetail(sessionId, traces, scores)
  }

  function listScores(projectId: string, q: ScoreQuery): Page<Score> {
    const params: unknown[] = [projectId]
    const where = ['sc.project_id = ?']
    if (q.traceId) where.push('sc.trace_id IN (SELECT value FROM json_each(?))') && params.push(JSON.stringify([q.traceId].flat()))
    if (q.name) where.push('sc.name = ?') && params.push(q.name)
    if (q.source) where.push('sc.source = ?') && params.push(q.source)
    if (q.traceFilters) where.push(traceMatches(projectId, q.traceFilters, dialect(), params, 'sc.trace_id'))
    if (q.cursor) {
      const c = decodeCursor(q.cursor, '-createdAt')
      where.push('(sc.created_at, sc.id) < (?, ?)')
      params.push(c.value, c.id)
    }
    const limit = q.limit ?? DEFAULT_PAGE_SIZE
    const rows = db
      .prepare(`SELECT sc.* FROM scores sc WHERE ${where.join(' AND ')} ORDER BY sc.created_at DESC, sc.id DESC LIMIT ?`)
      .all(...params, limit + 1) as Row[]
    return pageOf(rows, limit, toScore, (last) => ({ sort: '-createdAt', value: last.created_at as number, id: last.id as string }))
  }

  return {
    kind: 'sqlite',
    migrate: async () => migrate(),
    close: async () => {
      if (db.open) {
        db.pragma('optimize')
        db.pragma('wal_checkpoint(TRUNCATE)')
        db.close()
      }
    },
    getProject: async (id) => {
      const r = s().getProject.get(id) as Row | undefined
      return r ? { id: r.id as string, name: r.name as string, signingSecret: r.signing_secret as string } : null
    },
    createProject: async (p: ProjectRecord) => {
      s().createProject.run(p.id, p.name, p.signingSecret, Date.now())
    },
    putKey: async (hash, prefix, k: ApiKeyRecord) => {
      s().putKey.run(hash, prefix, k.projectId, k.kind, JSON.stringify(k.origins), k.requireToken ? 1 : 0, Date.now())
    },
    findKey: async (hash) => {
      const r = s().findKey.get(hash) as Row | undefined
      return r
        ? {
            projectId: r.project_id as string,
            kind: r.kind as ApiKeyRecord['kind'],
            origins: JSON.parse(r.origins as string),
            requireToken: r.require_token === 1,
          }
        : null
    },
    ingest: async (projectId, write, now) => ingestTx.immediate(projectId, write, now),
    listTraces: async (projectId, q) => listTraces(projectId, q),
    getTrace: async (projectId, id): Promise<TraceDetail | null> => {
      const row = s().getTrace.get(projectId, id) as Row | undefined
      if (!row) return null
      return {
        trace: toTrace(row),
        spans: (s().getSpans.all(projectId, id) as Row[]).map(toSpan),
        scores: (s().getTraceScores.all(projectId, id) as Row[]).map(toScore),
      }
    },
    getTraceSummary: async (projectId, id) => {
      const row = s().getTrace.get(projectId, id) as Row | undefined
      return row ? toSummary(row) : null
    },
    getTraceSkeleton: async (projectId, id) => {
      const row = s().getTrace.get(projectId, id) as Row | undefined
      if (!row) return null
      return {
        trace: toSummary(row),
        spanRows: s().getSpanSkeletonRows.get(projectId, id) as string,
        scores: (s().getTraceScores.all(projectId, id) as Row[]).map(toScore),
      }
    },
    getSpan: async (projectId, traceId, spanId) => {
      const row = s().getSpan.get(projectId, traceId, spanId) as Row | undefined
      return row ? toSpan(row) : null
    },
    getSession: async (projectId, id, filters) => getSession(projectId, id, filters),
    listScores: async (projectId, q) => listScores(projectId, q),
    getScore: async (projectId, id) => {
      const r = s().getScore.get(projectId, id) as Row | undefined
      return r ? toScore(r) : null
    },
    deleteScore: async (projectId, id) => deleteScoreTx.immediate(projectId, id),
    countSpans: async (projectId) => (s().countSpans.get(projectId) as { n: number }).n,
    metricPartials: async (projectId, plan) => metrics().partials(projectId, plan),
    traceValues: async (projectId, field, filters, options) => metrics().traceValues(projectId, field, filters, options),
    createScoreConfig: async (projectId, config) => void queues().createScoreConfig(projectId, config),
    listScoreConfigs: async (projectId) => queues().listScoreConfigs(projectId),
    getScoreConfig: async (projectId, id) => queues().getScoreConfig(projectId, id),
    updateScoreConfig: async (projectId, id, patch) => queues().updateScoreConfig(projectId, id, patch),
    deleteScoreConfig: async (projectId, id) => queues().deleteScoreConfig(projectId, id),
    scoreConfigInUse: async (projectId, config) => queues().scoreConfigInUse(projectId, config),
    createQueue: async (projectId, queue) => void queues().createQueue(projectId, queue),
    listQueues: async (projectId) => queues().listQueues(projectId),
    getQueue: async (projectId, id) => queues().getQueue(projectId, id),
    updateQueue: async (projectId, id, patch) => queues().updateQueue(projectId, id, patch),
    addQueueItems: async (projectId, queueId, traceIds, now) => queues().addItems(projectId, queueId, traceIds, now),
    listQueueItems: async (projectId, queueId, q, now) => queues().listItems(projectId, queueOf(projectId, queueId), q, now),
    getQueueItem: async (projectId, queueId, itemId, now) => queues().getItem(projectId, queueOf(projectId, queueId), itemId, now),
    claimQueueItem: async (projectId, queue, reviewer, now, traceFilters) => queues().claim(projectId, queue, reviewer, now, traceFilters),
    completeQueueItem: async (projectId, queue, itemId, reviewer, scores, now) =>
      queues().complete(projectId, queue, itemId, reviewer, scores, now),
    skipQueueItem: async (projectId, queue, itemId, reviewer, now) => queues().skip(projectId, queue, itemId, reviewer, now),
    releaseQueueItem: async (projectId, queue, itemId, reviewer, now) => queues().release(projectId, queue, itemId, reviewer, now),
    renewQueueItem: async (projectId, queue, itemId, reviewer, now) => queues().renew(projectId, queue, itemId, reviewer, now),
    queueStats: async (projectId, queueId, now, traceFilters) => queues().stats(projectId, queueId, now, traceFilters),
    traceIdsMatching: async (projectId, filters, traceIds, limit) => {
      const params: unknown[] = []
      let where = buildTraceWhere(projectId, filters, dialect(), params)
      if (traceIds) {
        where += ' AND t.id IN (SELECT value FROM json_each(?))'
        params.push(JSON.stringify(traceIds))
      }
      return db
        .prepare(`SELECT t.id FROM traces t WHERE ${where} ORDER BY t.start_time, t.id LIMIT ?`)
        .pluck()
        .all(...params, limit) as string[]
    },
    ...createSqliteEvaluations(db, dialect),
    ...createSqliteDatasets(db),
  }
}

function prepare(db: Database.Database) {
  return {
    getProject: db.prepare('SELECT * FROM projects WHERE id = ?'),
    // Instances starting together may both create the default project: the first one wins.
    createProject: db.prepare('INSERT INTO projects (id, name, signing_secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    putKey: db.prepare(
      `INSERT INTO api_keys (hash, prefix, project_id, kind, origins, require_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (hash) DO UPDATE SET project_id = excluded.project_id, kind = excluded.kind,
         origins = excluded.origins, require_token = excluded.require_token`,
    ),
    findKey: db.prepare('SELECT * FROM api_keys WHERE hash = ?'),
    // Re-sending a trace merges: fields left out keep their stored value.
    upsertTrace: db.prepare(`
      INSERT INTO traces (project_id, id, received_at, d_name, d_start, d_end, d_input, d_output, d_status,
        start_time, user_id, session_id, environment, release, version, tags, metadata)
      VALUES (@project_id, @id, @received_at, @d_name, @d_start, @d_end, @d_input, @d_output, @d_status,
        COALESCE(@d_start, @received_at), @user_id, @session_id, @environment, @release, @version,
        COALESCE(@tags, '[]'), COALESCE(@metadata, '{}'))
      ON CONFLICT (project_id, id) DO UPDATE SET
        d_name = COALESCE(excluded.d_name, d_name), d_start = COALESCE(excluded.d_start, d_start),
        d_end = COALESCE(excluded.d_end, d_end), d_input = COALESCE(excluded.d_input, d_input),
        d_output = COALESCE(excluded.d_output, d_output), d_status = COALESCE(excluded.d_status, d_status),
        user_id = COALESCE(excluded.user_id, user_id), session_id = COALESCE(excluded.session_id, session_id),
        environment = COALESCE(excluded.environment, environment), release = COALESCE(excluded.release, release),
        version = COALESCE(excluded.version, version),
        tags = CASE WHEN @tags IS NULL THEN tags ELSE excluded.tags END,
        metadata = CASE WHEN @metadata IS NULL THEN metadata ELSE excluded.metadata END`),
    ensureTrace: db.prepare(`INSERT INTO traces (project_id, id, received_at, start_time) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    upsertSpan: db.prepare(`
      INSERT INTO spans (${SPAN_COLUMNS.join(', ')}) VALUES (${SPAN_COLUMNS.map((c) => `@${c}`).join(', ')})
      ON CONFLICT (project_id, trace_id, id) DO UPDATE SET ${SPAN_COLUMNS.slice(3)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`),
    // updated_at moves only when something really changed, so a re-sent batch leaves the same data.
    upsertScore: db.prepare(`
      INSERT INTO scores VALUES (@project_id, @id, @trace_id, @span_id, @name, @data_type, @value_num, @value_str,
        @polarity, @comment, @correction, @source, @author_id, @metadata, @now, @now)
      ON CONFLICT (project_id, id) DO UPDATE SET
        trace_id = excluded.trace_id, span_id = excluded.span_id, name = excluded.name, data_type = excluded.data_type,
        value_num = excluded.value_num, value_str = excluded.value_str, polarity = excluded.polarity,
        comment = excluded.comment, correction = excluded.correction, source = excluded.source,
        author_id = excluded.author_id, metadata = excluded.metadata, updated_at = excluded.updated_at
      WHERE trace_id IS NOT excluded.trace_id OR span_id IS NOT excluded.span_id OR name IS NOT excluded.name
        OR data_type IS NOT excluded.data_type OR value_num IS NOT excluded.value_num
        OR value_str IS NOT excluded.value_str OR comment IS NOT excluded.comment
        OR correction IS NOT excluded.correction OR source IS NOT excluded.source
        OR author_id IS NOT excluded.author_id OR metadata IS NOT excluded.metadata`),
    traceDeclared: db.prepare(
      `SELECT rowid, received_at, d_name, d_start, d_end, d_input, d_output, d_status, user_id, session_id, environment, release, version
       FROM traces WHERE project_id = ? AND id = ?`,
    ),
    spanTotals: db.prepare(`SELECT ${SPAN_TOTALS_COLUMNS} FROM spans WHERE project_id = ? AND trace_id = ? ORDER BY start_time, id`),
    spanIo: db.prepare('SELECT input, output FROM spans WHERE project_id = ? AND trace_id = ? AND id = ?'),
    traceFeedback: db.prepare(
      `SELECT count(*) AS count, coalesce(sum(polarity = 1), 0) AS positive, coalesce(sum(polarity = -1), 0) AS negative
       FROM scores WHERE project_id = ? AND trace_id = ? AND source = 'feedback'`,
    ),
    scoreTrace: db.prepare('SELECT trace_id, source FROM scores WHERE project_id = ? AND id = ?'),
    refreshTrace: db.prepare(`
      UPDATE traces SET name = @name, start_time = @start_time, end_time = @end_time, input = @input, output = @output,
        status = @status, latency_ms = @latency_ms, input_tokens = @input_tokens, output_tokens = @output_tokens,
        total_tokens = @total_tokens, cost = @cost, span_count = @span_count, error_count = @error_count, models = @models,
        ttft_ms = @ttft_ms
      WHERE project_id = @project_id AND id = @id`),
    ftsDelete: db.prepare('DELETE FROM trace_fts WHERE rowid = ?'),
    ftsInsert: db.prepare('INSERT INTO trace_fts (rowid, body) VALUES (?, ?)'),
    getTrace: db.prepare('SELECT * FROM traces WHERE project_id = ? AND id = ?'),
    getSpans: db.prepare('SELECT * FROM spans WHERE project_id = ? AND trace_id = ? ORDER BY start_time, id'),
    getSpanSkeletonRows: db
      .prepare(`SELECT ${skeletonRowsSql('json_array', 'json_group_array')} FROM spans WHERE project_id = ? AND trace_id = ?`)
      .pluck(),
    getSpan: db.prepare('SELECT * FROM spans WHERE project_id = ? AND trace_id = ? AND id = ?'),
    // Without the hint the planner walks scores_created to skip a sort of a handful of rows.
    getTraceScores: db.prepare(
      'SELECT * FROM scores INDEXED BY scores_trace WHERE project_id = ? AND trace_id = ? ORDER BY created_at, id',
    ),
    getScore: db.prepare('SELECT * FROM scores WHERE project_id = ? AND id = ?'),
    deleteScore: db.prepare('DELETE FROM scores WHERE project_id = ? AND id = ?'),
    countSpans: db.prepare('SELECT count(*) AS n FROM spans WHERE project_id = ?'),
  }
}
