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
import { documentCursor, documentOf } from '../document-rows'
import type { DatasetStore, DocumentStore, ExperimentNumberRow, ExperimentStore } from '../types'
import type { Query, Tx } from './pg-query'

const ITEM_COUNT = `(SELECT count(*) FROM dataset_items i WHERE i.project_id = d.project_id AND i.dataset_id = d.id AND i.version_to IS NULL) AS item_count`
const asOf = (p: string) => `version_from <= ${p} AND (version_to IS NULL OR version_to > ${p})`
const placeholders = (width: number, rows: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ')

/** Datasets (versioned items), experiments and documents on PostgreSQL; an item change locks its dataset's row. */
export function createPgDatasets(
  query: Query,
  tx: <T>(fn: (q: Query, client: Tx) => Promise<T>) => Promise<T>,
): DatasetStore & ExperimentStore & DocumentStore {
  const currentVersion = async (projectId: string, datasetId: string) =>
    Number((await query('SELECT version FROM datasets WHERE project_id = $1 AND id = $2', [projectId, datasetId]))[0]?.version ?? 0)
  return {
    createDataset: async (projectId, d) => {
      await query('INSERT INTO datasets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', datasetValues(projectId, d))
    },
    listDatasets: async (projectId, q) => {
      const params: unknown[] = [projectId]
      let where = 'project_id = $1'
      if (q.cursor) {
        const c = decodeCursor(q.cursor, 'datasets')
        params.push(c.value, c.id)
        where += ' AND (created_at, id) < ($2, $3)'
      }
      params.push(q.limit + 1)
      const rows = await query(
        `SELECT d.*, ${ITEM_COUNT} FROM datasets d WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      )
      return pageOf(rows, q.limit, datasetOf, (r) => ({ sort: 'datasets', value: Number(r.created_at), id: r.id as string }))
    },
    getDataset: async (projectId, id) => {
      const [r] = await query(`SELECT d.*, ${ITEM_COUNT} FROM datasets d WHERE project_id = $1 AND id = $2`, [projectId, id])
      return r ? datasetOf(r) : null
    },
    archiveDataset: async (projectId, id, at) => {
      await query('UPDATE datasets SET archived_at = coalesce(archived_at, $1), updated_at = $1 WHERE project_id = $2 AND id = $3', [
        at,
        projectId,
        id,
      ])
    },
    changeDatasetItems: (projectId, datasetId, { put, remove }, now) =>
      tx(async (q) => {
        // The row lock orders concurrent changes: each gets the next version.
        const [bumped] = await q(
          'UPDATE datasets SET version = version + 1, updated_at = $1 WHERE project_id = $2 AND id = $3 RETURNING version',
          [now, projectId, datasetId],
        )
        if (!bumped) throw new Error(`dataset ${datasetId} not found`)
        const version = Number(bumped.version)
        const items = [...new Map(put.map((i) => [i.id, i])).values()]
        const ids = items.map((i) => i.id)
        const known = new Map(
          (
            await q(
              'SELECT DISTINCT ON (id) id, seq, version_to FROM dataset_items WHERE project_id = $1 AND dataset_id = $2 AND id = ANY($3) ORDER BY id, version_from DESC',
              [projectId, datasetId, ids],
            )
          ).map((r) => [r.id as string, { seq: Number(r.seq), live: r.version_to == null }]),
        )
        let nextSeq = Number(
          (
            await q('SELECT coalesce(max(seq), 0) + 1 AS n FROM dataset_items WHERE project_id = $1 AND dataset_id = $2', [
              projectId,
              datasetId,
            ])
          )[0]!.n,
        )
        const closed = [...new Set([...ids, ...remove])]
        const removedRows = await q(
          'UPDATE dataset_items SET version_to = $1 WHERE project_id = $2 AND dataset_id = $3 AND id = ANY($4) AND version_to IS NULL RETURNING id',
          [version, projectId, datasetId, closed],
        )
        const putIds = new Set(ids)
        const removed = removedRows.filter((r) => !putIds.has(r.id as string)).length
        for (let i = 0; i < items.length; i += 500) {
          const chunk = items.slice(i, i + 500)
          const values = chunk.flatMap((item) => itemValues(projectId, datasetId, item, known.get(item.id)?.seq ?? nextSeq++, version, now))
          await q(`INSERT INTO dataset_items (${ITEM_COLUMNS}) VALUES ${placeholders(10, chunk.length)}`, values)
        }
        return { version, added: items.filter((i) => !known.get(i.id)?.live).length, removed }
      }),
    listDatasetItems: async (projectId, datasetId, q) => {
      const version = q.version ?? (await currentVersion(projectId, datasetId))
      const params: unknown[] = [projectId, datasetId, version]
      let where = `project_id = $1 AND dataset_id = $2 AND ${asOf('$3')}`
      if (q.cursor) {
        params.push(decodeCursor(q.cursor, 'items').value)
        where += ` AND seq > $${params.length}`
      }
      params.push(q.limit + 1)
      const rows = await query(`SELECT * FROM dataset_items WHERE ${where} ORDER BY seq LIMIT $${params.length}`, params)
      return pageOf(rows, q.limit, itemOf, (r) => ({ sort: 'items', value: Number(r.seq), id: r.id as string }))
    },
    countDatasetItems: async (projectId, datasetId, version) =>
      Number(
        (
          await query(`SELECT count(*) AS n FROM dataset_items WHERE project_id = $1 AND dataset_id = $2 AND ${asOf('$3')}`, [
            projectId,
            datasetId,
            version,
          ])
        )[0]!.n,
      ),
    getDatasetItems: async (projectId, datasetId, ids, version) => {
      if (!ids.length) return []
      const v = version ?? (await currentVersion(projectId, datasetId))
      return (
        await query(`SELECT * FROM dataset_items WHERE project_id = $1 AND dataset_id = $2 AND id = ANY($3) AND ${asOf('$4')}`, [
          projectId,
          datasetId,
          ids,
          v,
        ])
      ).map(itemOf)
    },

    createExperiment: async (projectId, e) => {
      await query('INSERT INTO experiments VALUES ($1, $2, $3, $4, $5)', [
        projectId,
        e.id,
        e.datasetId,
        JSON.stringify(e),
        Date.parse(e.createdAt),
      ])
    },
    getExperiment: async (projectId, id) => {
      const [r] = await query('SELECT body FROM experiments WHERE project_id = $1 AND id = $2', [projectId, id])
      return r ? experimentOf(r) : null
    },
    listExperiments: async (projectId, q) => {
      const params: unknown[] = [projectId]
      let where = 'project_id = $1'
      if (q.datasetId) {
        params.push(q.datasetId)
        where += ` AND dataset_id = $${params.length}`
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor, 'experiments')
        params.push(c.value, c.id)
        where += ` AND (created_at, id) < ($${params.length - 1}, $${params.length})`
      }
      params.push(q.limit + 1)
      const rows = await query(`SELECT * FROM experiments WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params)
      return pageOf(rows, q.limit, experimentOf, (r) => ({ sort: 'experiments', value: Number(r.created_at), id: r.id as string }))
    },
    putExperimentResults: async (projectId, experimentId, results) => {
      const unique = [...new Map(results.map((r) => [`${r.itemId}\u0000${r.repetition}`, r])).values()]
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500)
        await query(
          `INSERT INTO experiment_results (${RESULT_COLUMNS}) VALUES ${placeholders(10, chunk.length)}
           ON CONFLICT (project_id, experiment_id, item_id, repetition) DO UPDATE SET output = EXCLUDED.output, trace_id = EXCLUDED.trace_id,
             latency_ms = EXCLUDED.latency_ms, cost = EXCLUDED.cost, error = EXCLUDED.error, created_at = EXCLUDED.created_at`,
          chunk.flatMap((r) => resultValues(projectId, experimentId, r)),
        )
      }
    },
    scoredResults: async (projectId, experimentId) =>
      foldScoredResults(await query(scoredResultsSql('$1', '$2'), [projectId, experimentId])),
    experimentTotals: async (projectId, experimentId) => {
      const [totals, scores] = await Promise.all([
        query(experimentTotalsSql('$1', '$2'), [projectId, experimentId]),
        query(experimentScoreTotalsSql('$1', '$2'), [projectId, experimentId]),
      ])
      return experimentTotalsOf(totals[0]!, scores)
    },
    experimentNumbers: async (projectId, experimentId) =>
      (await query(experimentNumbersSql('$1', '$2'), [projectId, experimentId])).map(
        (r): ExperimentNumberRow => [
          r.item_id as string,
          Number(r.repetition),
          r.latency_ms == null ? null : Number(r.latency_ms),
          r.cost == null ? null : Number(r.cost),
          (r.name as string | null) ?? null,
          r.value_num == null ? null : Number(r.value_num),
        ],
      ),
    pendingExperimentEvaluations: async (projectId, experimentId) =>
      Number(
        (
          await query(
            `SELECT count(*) AS n FROM eval_runs e JOIN experiment_results r ON r.project_id = e.project_id AND r.trace_id = e.trace_id
             WHERE r.project_id = $1 AND r.experiment_id = $2 AND e.status = 'pending'`,
            [projectId, experimentId],
          )
        )[0]!.n,
      ),

    putDocuments: async (projectId, kind, docs) => {
      const unique = [...new Map(docs.map((d) => [d.id, d])).values()]
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500)
        await query(
          `INSERT INTO documents VALUES ${placeholders(6, chunk.length)}
           ON CONFLICT (project_id, kind, id) DO UPDATE SET parent_id = EXCLUDED.parent_id, at = EXCLUDED.at, body = EXCLUDED.body`,
          chunk.flatMap((d) => [projectId, kind, d.id, d.parentId ?? null, d.at, JSON.stringify(d.body)]),
        )
      }
    },
    getDocument: async <T>(projectId: string, kind: string, id: string) => {
      const [r] = await query('SELECT body FROM documents WHERE project_id = $1 AND kind = $2 AND id = $3', [projectId, kind, id])
      return r ? documentOf<T>(r) : null
    },
    listDocuments: async <T>(
      projectId: string,
      kind: string,
      q: { parentId?: string | undefined; limit: number; cursor?: string | undefined },
    ) => {
      const params: unknown[] = [projectId, kind]
      let where = 'project_id = $1 AND kind = $2'
      if (q.parentId !== undefined) {
        params.push(q.parentId)
        where += ` AND parent_id = $${params.length}`
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor, `documents:${kind}`)
        params.push(c.value, c.id)
        where += ` AND (at, id) < ($${params.length - 1}, $${params.length})`
      }
      params.push(q.limit + 1)
      const rows = await query(
        `SELECT id, at, body FROM documents WHERE ${where} ORDER BY at DESC, id DESC LIMIT $${params.length}`,
        params,
      )
      return pageOf(rows, q.limit, (r) => documentOf<T>(r), documentCursor(kind))
    },
    deleteDocument: async (projectId, kind, id) => {
      await query('DELETE FROM documents WHERE project_id = $1 AND kind = $2 AND id = $3', [projectId, kind, id])
    },
  }
}
