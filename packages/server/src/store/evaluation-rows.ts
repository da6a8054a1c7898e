import { type EvalRun, type EvaluatorStats, toIso, toIsoOrNull } from '@sightline/core'
import { type Cursor, decodeCursor } from './cursor'
import type { Row } from './rows'
import type { EvalRunRecord, EvaluatorRecord, Job } from './types'

// What the SQLite and PostgreSQL evaluation tables share: row shapes and their mapping.

export const jobOf = (r: Row): Job => ({
  id: r.id as string,
  projectId: r.project_id as string,
  kind: r.kind as string,
  payload: JSON.parse(r.payload as string),
  runAfter: Number(r.run_after),
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
})

/** Evaluators are kept as one JSON document: they are read whole, by id or per project. */
export const evaluatorOf = (r: Row): EvaluatorRecord => JSON.parse(r.body as string)

export const RUN_COLUMNS = [
  'project_id',
  'evaluator_id',
  'trace_id',
  'span_id',
  'status',
  'score_id',
  'value',
  'error',
  'attempts',
  'duration_ms',
  'usage',
  'cost',
  'scheduled_at',
  'finished_at',
] as const

/** Row values in RUN_COLUMNS order. A trace-level run keeps span_id '' so it can be in the key. */
export const runValues = (projectId: string, r: EvalRunRecord): unknown[] => [
  projectId,
  r.evaluatorId,
  r.traceId,
  r.spanId ?? '',
  r.status,
  r.scoreId,
  r.value === null ? null : JSON.stringify(r.value),
  r.error,
  r.attempts,
  r.durationMs,
  r.usage ? JSON.stringify(r.usage) : null,
  r.cost,
  Date.parse(r.scheduledAt),
  r.finishedAt ? Date.parse(r.finishedAt) : null,
]

export const runOf = (r: Row): EvalRun => ({
  traceId: r.trace_id as string,
  spanId: (r.span_id as string) || null,
  status: r.status as EvalRun['status'],
  scoreId: (r.score_id as string | null) ?? null,
  value: r.value == null ? null : JSON.parse(r.value as string),
  error: (r.error as string | null) ?? null,
  attempts: Number(r.attempts),
  durationMs: r.duration_ms == null ? null : Number(r.duration_ms),
  usage: r.usage == null ? null : JSON.parse(r.usage as string),
  cost: r.cost == null ? null : Number(r.cost),
  scheduledAt: toIso(Number(r.scheduled_at)),
  finishedAt: toIsoOrNull(r.finished_at == null ? null : Number(r.finished_at)),
})

const RUN_SORT = 'runs'

/** Runs page newest first by (scheduled_at, trace_id, span_id). */
export const runCursor = (r: Row): Cursor => ({
  sort: RUN_SORT,
  value: Number(r.scheduled_at),
  id: JSON.stringify([r.trace_id, r.span_id]),
})
export function decodeRunCursor(raw: string): [number, string, string] {
  const c = decodeCursor(raw, RUN_SORT)
  const [traceId, spanId] = JSON.parse(c.id) as [string, string]
  return [c.value, traceId, spanId]
}

/** Stats from the counts by status and the recent durations and costs. */
export function statsOf(counts: Row[], recent: Row): EvaluatorStats {
  const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0)
  return {
    done: n('done'),
    errors: n('error'),
    skipped: n('skipped'),
    pending: n('pending'),
    p50DurationMs: recent.p50 == null ? null : Math.round(Number(recent.p50)),
    cost24h: Number(recent.cost ?? 0),
    lastRunAt: toIsoOrNull(recent.last == null ? null : Number(recent.last)),
  }
}

/** The tables as shipped in each store's migration: never edit; change them with a new migration. */
export const EVALUATION_TABLES = (t: { bool: string; false: string; real: string }) => `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  run_after BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  lease_owner TEXT,
  lease_expires BIGINT,
  rerun ${t.bool} NOT NULL DEFAULT ${t.false},
  created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_after);
CREATE TABLE evaluators (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE TABLE eval_runs (
  project_id TEXT NOT NULL,
  evaluator_id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'error', 'skipped')),
  score_id TEXT,
  value TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  duration_ms ${t.real},
  usage TEXT,
  cost ${t.real},
  scheduled_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (project_id, evaluator_id, trace_id, span_id)
);
CREATE INDEX eval_runs_recent ON eval_runs (project_id, evaluator_id, scheduled_at);
CREATE INDEX eval_runs_status ON eval_runs (project_id, evaluator_id, status, scheduled_at);
CREATE INDEX eval_runs_finished ON eval_runs (project_id, evaluator_id, finished_at);
UPDATE scores SET source = 'eval' WHERE source = 'evaluator';
`
