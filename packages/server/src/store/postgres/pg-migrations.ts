import { DATASET_TABLES } from '../dataset-rows'
import { DOCUMENTS_TABLE } from '../document-rows'
import { EVALUATION_TABLES } from '../evaluation-rows'
/** Versioned PostgreSQL migrations, run under an advisory lock so instances starting together take turns. */
export const PG_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  signing_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE api_keys (
  hash TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id),
  kind TEXT NOT NULL CHECK (kind IN ('secret', 'public')),
  origins TEXT NOT NULL DEFAULT '[]',
  require_token INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
-- d_* columns hold what the client declared; the rest is derived from them and the spans.
CREATE TABLE traces (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  d_name TEXT, d_start BIGINT, d_end BIGINT, d_input TEXT, d_output TEXT, d_status TEXT,
  name TEXT,
  start_time BIGINT NOT NULL,
  end_time BIGINT,
  user_id TEXT, session_id TEXT, environment TEXT, release TEXT, version TEXT,
  tags JSONB NOT NULL DEFAULT '[]',
  metadata JSONB NOT NULL DEFAULT '{}',
  input TEXT, output TEXT,
  status TEXT NOT NULL DEFAULT 'ok',
  latency_ms BIGINT,
  input_tokens DOUBLE PRECISION NOT NULL DEFAULT 0,
  output_tokens DOUBLE PRECISION NOT NULL DEFAULT 0,
  total_tokens DOUBLE PRECISION NOT NULL DEFAULT 0,
  cost DOUBLE PRECISION,
  span_count INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  models JSONB NOT NULL DEFAULT '[]',
  ttft_ms BIGINT,
  search_text TEXT,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX traces_start ON traces (project_id, start_time, id);
CREATE INDEX traces_session ON traces (project_id, session_id, start_time);
CREATE INDEX traces_user ON traces (project_id, user_id, start_time);
CREATE INDEX traces_env ON traces (project_id, environment, start_time);
CREATE INDEX traces_name ON traces (project_id, name, start_time);
CREATE INDEX traces_latency ON traces (project_id, (COALESCE(latency_ms, -1)), id);
CREATE INDEX traces_cost ON traces (project_id, (COALESCE(cost, -1)), id);
CREATE INDEX traces_tokens ON traces (project_id, total_tokens, id);
CREATE INDEX traces_tags ON traces USING gin (tags);
CREATE INDEX traces_metadata ON traces USING gin (metadata jsonb_path_ops);

CREATE TABLE spans (
  project_id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT,
  completion_start_time BIGINT,
  model TEXT, provider TEXT, model_parameters TEXT,
  usage_input DOUBLE PRECISION, usage_output DOUBLE PRECISION, usage_total DOUBLE PRECISION,
  usage_cache_read DOUBLE PRECISION, usage_cache_write DOUBLE PRECISION, usage_reasoning DOUBLE PRECISION,
  cost_input DOUBLE PRECISION, cost_output DOUBLE PRECISION, cost_total DOUBLE PRECISION, cost_source TEXT,
  input TEXT, output TEXT,
  status TEXT NOT NULL,
  status_message TEXT,
  attributes TEXT,
  PRIMARY KEY (project_id, trace_id, id)
);
CREATE INDEX spans_model ON spans (project_id, model, trace_id) WHERE model IS NOT NULL;

CREATE TABLE scores (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT,
  name TEXT NOT NULL,
  data_type TEXT NOT NULL,
  value_num DOUBLE PRECISION,
  value_str TEXT,
  polarity INTEGER,
  comment TEXT,
  correction TEXT,
  source TEXT NOT NULL,
  author_id TEXT,
  metadata TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX scores_trace ON scores (project_id, trace_id, name);
CREATE INDEX scores_name ON scores (project_id, name, trace_id);
CREATE INDEX scores_created ON scores (project_id, created_at, id);

CREATE TABLE metric_rollup (
  project_id TEXT NOT NULL,
  unit TEXT NOT NULL,
  hour BIGINT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  name TEXT NOT NULL,
  environment TEXT NOT NULL,
  release TEXT NOT NULL,
  version TEXT NOT NULL,
  partial TEXT NOT NULL,
  PRIMARY KEY (project_id, unit, hour, model, provider, name, environment, release, version)
);
CREATE TABLE metric_contrib (
  project_id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  contrib TEXT NOT NULL,
  PRIMARY KEY (project_id, trace_id)
);

CREATE TABLE score_configs (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  data_type TEXT NOT NULL,
  min DOUBLE PRECISION, max DOUBLE PRECISION, step DOUBLE PRECISION,
  categories TEXT,
  description TEXT,
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX score_configs_name ON score_configs (project_id, name);
CREATE TABLE queues (
  project_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  score_config_ids TEXT NOT NULL,
  reviewers_per_item INTEGER NOT NULL,
  lease_seconds INTEGER NOT NULL,
  rules TEXT NOT NULL,
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE TABLE queue_items (
  project_id TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, queue_id, id)
);
CREATE UNIQUE INDEX queue_items_trace ON queue_items (project_id, queue_id, trace_id);
CREATE INDEX queue_items_seq ON queue_items (project_id, queue_id, seq);
CREATE TABLE queue_leases (
  project_id TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, queue_id, item_id, reviewer)
);
CREATE TABLE queue_reviews (
  project_id TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped')),
  claimed_at BIGINT,
  at BIGINT NOT NULL,
  PRIMARY KEY (project_id, queue_id, item_id, reviewer)
);
`,
  },
  {
    version: 2,
    name: 'payload-sizes',
    sql: `
ALTER TABLE spans ADD COLUMN input_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE spans ADD COLUMN output_size INTEGER NOT NULL DEFAULT 0;
UPDATE spans SET input_size = coalesce(octet_length(input), 0), output_size = coalesce(octet_length(output), 0);
`,
  },
  {
    version: 3,
    name: 'rollup-feedback',
    // Trace rollups now count end-user feedback: derive them again (REDERIVE_AFTER).
    sql: `DELETE FROM metric_rollup; DELETE FROM metric_contrib;`,
  },
  {
    version: 4,
    name: 'feedback-score-configs',
    // Names end users may score are declared by a score config flagged for feedback.
    sql: `ALTER TABLE score_configs ADD COLUMN feedback BOOLEAN NOT NULL DEFAULT false;`,
  },
  {
    version: 5,
    name: 'evaluations',
    // Durable jobs (leased), evaluators and their run log; evaluator scores are now source "eval".
    sql: EVALUATION_TABLES({ bool: 'BOOLEAN', false: 'false', real: 'DOUBLE PRECISION' }),
  },
  {
    version: 6,
    name: 'datasets-experiments',
    // Versioned dataset items, experiments and their results.
    sql: `${DATASET_TABLES({ real: 'DOUBLE PRECISION' })}
CREATE INDEX experiment_results_trace ON experiment_results (project_id, trace_id);`,
  },
  {
    version: 7,
    name: 'documents',
    // Monitors, channels, alert events and deliveries: few, read whole, kept as JSON documents.
    sql: DOCUMENTS_TABLE,
  },
  {
    version: 8,
    name: 'score-numbers-index',
    // Comparing experiments reads every numeric score of 100,000 result traces: from indexes alone,
    // walking results in trace order so the score lookups move forward through their index.
    sql: `CREATE INDEX scores_trace_numbers ON scores (project_id, trace_id, data_type, name, value_num);
CREATE INDEX experiment_results_traces ON experiment_results (project_id, experiment_id, trace_id, item_id, repetition, latency_ms, cost);`,
  },
  {
    version: 9,
    name: 'jobs-due-order',
    // Claims take due jobs by (run_after, id): in the index's order, a backlog is never sorted.
    sql: 'DROP INDEX jobs_due; CREATE INDEX jobs_due ON jobs (run_after, id);',
  },
  {
    version: 10,
    name: 'rollup-presence',
    // Distinct users and sessions over hour-aligned ranges come from who was seen each hour (by
    // trace dimensions, counted in traces) instead of every trace row; shares are derived again.
    sql: `CREATE TABLE metric_presence (
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  hour BIGINT NOT NULL,
  name TEXT NOT NULL,
  environment TEXT NOT NULL,
  release TEXT NOT NULL,
  version TEXT NOT NULL,
  value TEXT NOT NULL,
  traces INTEGER NOT NULL,
  PRIMARY KEY (project_id, kind, hour, name, environment, release, version, value)
);
DELETE FROM metric_rollup; DELETE FROM metric_contrib;`,
  },
]
