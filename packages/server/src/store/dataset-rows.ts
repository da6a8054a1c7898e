import { type Dataset, type DatasetItem, toIso, toIsoOrNull } from '@sightline/core'
import type { Row } from './rows'
import type { DatasetItemWrite, DatasetRecord, ExperimentRecord, ExperimentResultRecord, ExperimentTotals, ScoredResult } from './types'

// What the SQLite and PostgreSQL dataset and experiment tables share: row shapes and their mapping.

const parse = (v: unknown) => (v == null ? null : JSON.parse(v as string))
const json = (v: unknown) => (v == null ? null : JSON.stringify(v))

export const datasetValues = (projectId: string, d: DatasetRecord): unknown[] => [
  projectId,
  d.id,
  d.name,
  d.description,
  json(d.metadata),
  d.version,
  d.archivedAt ? Date.parse(d.archivedAt) : null,
  Date.parse(d.createdAt),
  Date.parse(d.updatedAt),
]

export const datasetOf = (r: Row): Dataset => ({
  id: r.id as string,
  name: r.name as string,
  description: (r.description as string | null) ?? null,
  metadata: parse(r.metadata),
  version: Number(r.version),
  itemCount: Number(r.item_count ?? 0),
  archivedAt: toIsoOrNull(r.archived_at == null ? null : Number(r.archived_at)),
  createdAt: toIso(Number(r.created_at)),
  updatedAt: toIso(Number(r.updated_at)),
})

/** Row values for an item's content in a version (its seq is kept from its first version). */
export const itemValues = (projectId: string, datasetId: string, item: DatasetItemWrite, seq: number, version: number, now: number) => [
  projectId,
  datasetId,
  item.id,
  seq,
  version,
  json(item.input),
  json(item.expectedOutput),
  json(item.metadata),
  item.sourceTraceId,
  now,
]

export const ITEM_COLUMNS = 'project_id, dataset_id, id, seq, version_from, input, expected_output, metadata, source_trace_id, created_at'

export const itemOf = (r: Row): DatasetItem => ({
  id: r.id as string,
  datasetId: r.dataset_id as string,
  input: parse(r.input),
  expectedOutput: parse(r.expected_output),
  metadata: parse(r.metadata),
  sourceTraceId: (r.source_trace_id as string | null) ?? null,
  version: Number(r.version_from),
  createdAt: toIso(Number(r.created_at)),
})

export const experimentOf = (r: Row): ExperimentRecord => JSON.parse(r.body as string)

export const resultValues = (projectId: string, experimentId: string, r: ExperimentResultRecord) => [
  projectId,
  experimentId,
  r.itemId,
  r.repetition,
  json(r.output),
  r.traceId,
  r.latencyMs,
  r.cost,
  r.error,
  Date.parse(r.createdAt),
]

export const RESULT_COLUMNS = 'project_id, experiment_id, item_id, repetition, output, trace_id, latency_ms, cost, error, created_at'

/** Joined result-and-score rows (ordered by item, repetition) folded into results. */
export function foldScoredResults(rows: Row[]): ScoredResult[] {
  const out: ScoredResult[] = []
  let last: ScoredResult | undefined
  for (const r of rows) {
    if (!last || last.itemId !== r.item_id || last.repetition !== Number(r.repetition)) {
      last = {
        itemId: r.item_id as string,
        repetition: Number(r.repetition),
        output: parse(r.output),
        traceId: r.trace_id as string,
        latencyMs: r.latency_ms == null ? null : Number(r.latency_ms),
        cost: r.cost == null ? null : Number(r.cost),
        error: (r.error as string | null) ?? null,
        createdAt: toIso(Number(r.created_at)),
        scores: [],
      }
      out.push(last)
    }
    if (r.s_name != null) {
      const type = r.s_type as string
      const value = type === 'boolean' ? Number(r.s_num) === 1 : type === 'numeric' ? Number(r.s_num) : (r.s_str as string)
      last.scores.push({ name: r.s_name as string, value, comment: (r.s_comment as string | null) ?? null, source: r.s_source as string })
    }
  }
  return out
}

/** The join behind foldScoredResults; `$1`/`$2` or `?` placeholders come from the caller. */
export const scoredResultsSql = (p1: string, p2: string) => `
  SELECT r.*, s.name AS s_name, s.data_type AS s_type, s.value_num AS s_num, s.value_str AS s_str, s.comment AS s_comment, s.source AS s_source
  FROM experiment_results r LEFT JOIN scores s ON s.project_id = r.project_id AND s.trace_id = r.trace_id
  WHERE r.project_id = ${p1} AND r.experiment_id = ${p2}
  ORDER BY r.item_id, r.repetition, s.name`

/** An experiment's totals for its summary, from the results' own columns (outputs are never read). */
export const experimentTotalsSql = (p1: string, p2: string) => `
  SELECT count(*) AS results, count(error) AS errors, avg(latency_ms) AS latency_mean, count(latency_ms) AS latency_n,
    sum(cost) AS cost_total, avg(cost) AS cost_mean
  FROM experiment_results WHERE project_id = ${p1} AND experiment_id = ${p2}`

/** Per score name on the results' traces: how many, and the mean of the numeric and boolean ones. */
export const experimentScoreTotalsSql = (p1: string, p2: string) => `
  SELECT s.name, count(*) AS n, avg(CASE WHEN s.data_type IN ('numeric', 'boolean') THEN s.value_num END) AS mean
  FROM experiment_results r JOIN scores s ON s.project_id = r.project_id AND s.trace_id = r.trace_id
  WHERE r.project_id = ${p1} AND r.experiment_id = ${p2}
  GROUP BY s.name`

const numberOrNull = (v: unknown) => (v == null ? null : Number(v))

/** The two totals queries' rows as one answer (PostgreSQL sends counts and averages as text). */
export function experimentTotalsOf(totals: Row, scores: Row[]): ExperimentTotals {
  return {
    results: Number(totals.results),
    errors: Number(totals.errors),
    latency: { mean: numberOrNull(totals.latency_mean), n: Number(totals.latency_n) },
    cost: { total: Number(totals.cost_total ?? 0), mean: numberOrNull(totals.cost_mean) },
    scores: scores
      .map((r) => ({ name: r.name as string, n: Number(r.n), mean: numberOrNull(r.mean) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }
}

/** The tables as shipped in each store's migration: never edit; change them with a new migration. */
export const DATASET_TABLES = (t: { real: string }) => `
CREATE TABLE datasets (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  metadata TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE TABLE dataset_items (
  project_id TEXT NOT NULL,
  dataset_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  version_from INTEGER NOT NULL,
  version_to INTEGER,
  input TEXT,
  expected_output TEXT,
  metadata TEXT,
  source_trace_id TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, dataset_id, id, version_from)
);
CREATE INDEX dataset_items_seq ON dataset_items (project_id, dataset_id, seq, version_from);
CREATE TABLE experiments (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  dataset_id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX experiments_dataset ON experiments (project_id, dataset_id, created_at);
CREATE INDEX experiments_created ON experiments (project_id, created_at);
CREATE TABLE experiment_results (
  project_id TEXT NOT NULL,
  experiment_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  repetition INTEGER NOT NULL,
  output TEXT,
  trace_id TEXT NOT NULL,
  latency_ms ${t.real},
  cost ${t.real},
  error TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, experiment_id, item_id, repetition)
);
`

/** The columns behind ExperimentNumberRow, in its order; categorical and text scores are left out. */
export const experimentNumbersSql = (p1: string, p2: string) => `
  SELECT r.item_id, r.repetition, r.latency_ms, r.cost, s.name, s.value_num
  FROM experiment_results r LEFT JOIN scores s ON s.project_id = r.project_id AND s.trace_id = r.trace_id AND s.data_type IN ('numeric', 'boolean')
  WHERE r.project_id = ${p1} AND r.experiment_id = ${p2}
  ORDER BY r.trace_id`
