import type Database from 'better-sqlite3'
import { decodeCursor, pageOf } from '../cursor'
import {
  datasetOf,
  datasetValues,
  experimentOf,
  foldScoredResults,
  ITEM_COLUMNS,
  itemOf,
  itemValues,
  RESULT_COLUMNS,
  resultValues,
  scoredResultsSql,
  experimentNumbersSql,
  experimentScoreTotalsSql,
  experimentTotalsOf,
  experimentTotalsSql,
} from '../dataset-rows'
import type { Row } from '../rows'
import { documentCursor, documentOf } from '../document-rows'
import type { DatasetStore, DocumentStore, ExperimentNumberRow, ExperimentStore } from '../types'

const ITEM_COUNT = `(SELECT count(*) FROM dataset_items i WHERE i.project_id = d.project_id AND i.dataset_id = d.id AND i.version_to IS NULL) AS item_count`
/** Items as of a version: made at or before it, not replaced or archived by then. */
const AS_OF = 'version_from <= @version AND (version_to IS NULL OR version_to > @version)'

/** Datasets (versioned items), experiments and documents on SQLite; every item change is one IMMEDIATE transaction. */
export function createSqliteDatasets(db: Database.Database): DatasetStore & ExperimentStore & DocumentStore {
  let prepared: ReturnType<typeof prepare> | undefined
  const s = () => (prepared ??= prepare())
  const prepare = () => ({
    putDataset: db.prepare('INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    dataset: db.prepare(`SELECT d.*, ${ITEM_COUNT} FROM datasets d WHERE project_id = ? AND id = ?`),
    archive: db.prepare('UPDATE datasets SET archived_at = coalesce(archived_at, ?), updated_at = ? WHERE project_id = ? AND id = ?'),
    bump: db.prepare('UPDATE datasets SET version = version + 1, updated_at = ? WHERE project_id = ? AND id = ? RETURNING version'),
    current: db.prepare('SELECT seq FROM dataset_items WHERE project_id = ? AND dataset_id = ? AND id = ? AND version_to IS NULL'),
    firstSeq: db.prepare('SELECT seq FROM dataset_items WHERE project_id = ? AND dataset_id = ? AND id = ? LIMIT 1'),
    nextSeq: db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM dataset_items WHERE project_id = ? AND dataset_id = ?'),
    close: db.prepare('UPDATE dataset_items SET version_to = ? WHERE project_id = ? AND dataset_id = ? AND id = ? AND version_to IS NULL'),
    insertItem: db.prepare(`INSERT INTO dataset_items (${ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    putExperiment: db.prepare('INSERT INTO experiments VALUES (?, ?, ?, ?, ?)'),
    experiment: db.prepare('SELECT body FROM experiments WHERE project_id = ? AND id = ?'),
    putResult: db.prepare(`INSERT OR REPLACE INTO experiment_results (${RESULT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    scored: db.prepare(scoredResultsSql('?', '?')),
    numbers: db.prepare(experimentNumbersSql('?', '?')).raw(),
    totals: db.prepare(experimentTotalsSql('?', '?')),
    scoreTotals: db.prepare(experimentScoreTotalsSql('?', '?')),
    pending:
      db.prepare(`SELECT count(*) AS n FROM eval_runs e JOIN experiment_results r ON r.project_id = e.project_id AND r.trace_id = e.trace_id
      WHERE r.project_id = ? AND r.experiment_id = ? AND e.status = 'pending'`),
  })

  const change = db.transaction(
    (
      projectId: string,
      datasetId: string,
      put: Parameters<DatasetStore['changeDatasetItems']>[2]['put'],
      remove: string[],
      now: number,
    ) => {
      const bumped = s().bump.get(now, projectId, datasetId) as { version: number } | undefined
      if (!bumped) throw new Error(`dataset ${datasetId} not found`)
      const { version } = bumped
      let nextSeq = (s().nextSeq.get(projectId, datasetId) as { n: number }).n
      let added = 0
      // The last of duplicate ids in one change wins.
      for (const item of new Map(put.map((i) => [i.id, i])).values()) {
        const live = s().current.get(projectId, datasetId, item.id) as { seq: number } | undefined
        if (live) s().close.run(version, projectId, datasetId, item.id)
        else added++
        const seq = live?.seq ?? (s().firstSeq.get(projectId, datasetId, item.id) as { seq: number } | undefined)?.seq ?? nextSeq++
        s().insertItem.run(...itemValues(projectId, datasetId, item, seq, version, now))
      }
      let removed = 0
      for (const id of new Set(remove)) removed += s().close.run(version, projectId, datasetId, id).changes
      return { version, added, removed }
    },
  )
  const putDocs = db.transaction((projectId: string, kind: string, docs: Parameters<DocumentStore['putDocuments']>[2]) => {
    const put = db.prepare('INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)')
    for (const d of docs) put.run(projectId, kind, d.id, d.parentId ?? null, d.at, JSON.stringify(d.body))
  })
  const putResults = db.transaction((rows: unknown[][]) => {
    for (const r of rows) s().putResult.run(...r)
  })

  return {
    createDataset: async (projectId, d) => {
      s().putDataset.run(...datasetValues(projectId, d))
    },
    listDatasets: async (projectId, q) => {
      const params: unknown[] = [projectId]
      let where = 'project_id = ?'
      if (q.cursor) {
        const c = decodeCursor(q.cursor, 'datasets')
        where += ' AND (created_at, id) < (?, ?)'
        params.push(c.value, c.id)
      }
      const rows = db
        .prepare(`SELECT d.*, ${ITEM_COUNT} FROM datasets d WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, q.limit + 1) as Row[]
      return pageOf(rows, q.limit, datasetOf, (r) => ({ sort: 'datasets', value: Number(r.created_at), id: r.id as string }))
    },
    getDataset: async (projectId, id) => {
      const r = s().dataset.get(projectId, id) as Row | undefined
      return r ? datasetOf(r) : null
    },
    archiveDataset: async (projectId, id, at) => {
      s().archive.run(at, at, projectId, id)
    },
    changeDatasetItems: async (projectId, datasetId, { put, remove }, now) => change.immediate(projectId, datasetId, put, remove, now),
    listDatasetItems: async (projectId, datasetId, q) => {
      const version = q.version ?? (s().dataset.get(projectId, datasetId) as Row | undefined)?.version ?? 0
      const params: Record<string, unknown> = { p: projectId, d: datasetId, version, limit: q.limit + 1 }
      let where = `project_id = @p AND dataset_id = @d AND ${AS_OF}`
      if (q.cursor) {
        where += ' AND seq > @after'
        params.after = decodeCursor(q.cursor, 'items').value
      }
      const rows = db.prepare(`SELECT * FROM dataset_items WHERE ${where} ORDER BY seq LIMIT @limit`).all(params) as Row[]
      return pageOf(rows, q.limit, itemOf, (r) => ({ sort: 'items', value: Number(r.seq), id: r.id as string }))
    },
    countDatasetItems: async (projectId, datasetId, version) =>
      (
        db
          .prepare(`SELECT count(*) AS n FROM dataset_items WHERE project_id = @p AND dataset_id = @d AND ${AS_OF}`)
          .get({ p: projectId, d: datasetId, version }) as { n: number }
      ).n,
    getDatasetItems: async (projectId, datasetId, ids, version) => {
      if (!ids.length) return []
      const v = version ?? (s().dataset.get(projectId, datasetId) as Row | undefined)?.version ?? 0
      return (
        db
          .prepare(
            `SELECT * FROM dataset_items WHERE project_id = @p AND dataset_id = @d AND id IN (SELECT value FROM json_each(@ids)) AND ${AS_OF}`,
          )
          .all({ p: projectId, d: datasetId, ids: JSON.stringify(ids), version: v }) as Row[]
      ).map(itemOf)
    },

    createExperiment: async (projectId, e) => {
      s().putExperiment.run(projectId, e.id, e.datasetId, JSON.stringify(e), Date.parse(e.createdAt))
    },
    getExperiment: async (projectId, id) => {
      const r = s().experiment.get(projectId, id) as Row | undefined
      return r ? experimentOf(r) : null
    },
    listExperiments: async (projectId, q) => {
      const params: unknown[] = [projectId]
      let where = 'project_id = ?'
      if (q.datasetId) {
        where += ' AND dataset_id = ?'
        params.push(q.datasetId)
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor, 'experiments')
        where += ' AND (created_at, id) < (?, ?)'
        params.push(c.value, c.id)
      }
      const rows = db
        .prepare(`SELECT * FROM experiments WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, q.limit + 1) as Row[]
      return pageOf(rows, q.limit, experimentOf, (r) => ({ sort: 'experiments', value: Number(r.created_at), id: r.id as string }))
    },
    putExperimentResults: async (projectId, experimentId, results) =>
      putResults(results.map((r) => resultValues(projectId, experimentId, r))),
    scoredResults: async (projectId, experimentId) => foldScoredResults(s().scored.all(projectId, experimentId) as Row[]),
    experimentNumbers: async (projectId, experimentId) => s().numbers.all(projectId, experimentId) as ExperimentNumberRow[],
    experimentTotals: async (projectId, experimentId) =>
      experimentTotalsOf(s().totals.get(projectId, experimentId) as Row, s().scoreTotals.all(projectId, experimentId) as Row[]),
    pendingExperimentEvaluations: async (projectId, experimentId) => (s().pending.get(projectId, experimentId) as { n: number }).n,

    putDocuments: async (projectId, kind, docs) => putDocs(projectId, kind, docs),
    getDocument: async <T>(projectId: string, kind: string, id: string) => {
      const r = db.prepare('SELECT body FROM documents WHERE project_id = ? AND kind = ? AND id = ?').get(projectId, kind, id) as
        | Row
        | undefined
      return r ? documentOf<T>(r) : null
    },
    listDocuments: async <T>(
      projectId: string,
      kind: string,
      q: { parentId?: string | undefined; limit: number; cursor?: string | undefined },
    ) => {
      const params: unknown[] = [projectId, kind]
      let where = 'project_id = ? AND kind = ?'
      if (q.parentId !== undefined) {
        where += ' AND parent_id = ?'
        params.push(q.parentId)
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor, `documents:${kind}`)
        where += ' AND (at, id) < (?, ?)'
        params.push(c.value, c.id)
      }
      const rows = db
        .prepare(`SELECT id, at, body FROM documents WHERE ${where} ORDER BY at DESC, id DESC LIMIT ?`)
        .all(...params, q.limit + 1) as Row[]
      return pageOf(rows, q.limit, (r) => documentOf<T>(r), documentCursor(kind))
    },
    deleteDocument: async (projectId, kind, id) => {
      db.prepare('DELETE FROM documents WHERE project_id = ? AND kind = ? AND id = ?').run(projectId, kind, id)
    },
  }
}
