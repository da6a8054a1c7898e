import {
  toIso,
  toIsoOrNull,
  type Score,
  type Span,
  type SpanSkeleton,
  type SpanType,
  type Trace,
  type TraceSummary,
} from '@sightline/core'
import { preview } from './cursor'

/**
 * Row → wire mappers shared by the SQL stores. Column names are the same in every backend; JSON
 * columns arrive as text (SQLite) or already parsed (PostgreSQL JSONB), times as epoch ms.
 */
export type Row = Record<string, unknown>

/** JSON text or an already-parsed value. */
export const parse = <T>(v: unknown): T | null => (v == null ? null : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))
function traceFields(r: Row) {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    name: (r.name as string | null) ?? null,
    startTime: toIso(r.start_time as number),
    endTime: toIsoOrNull(r.end_time as number | null),
    userId: r.user_id as string | null,
    sessionId: r.session_id as string | null,
    environment: r.environment as string | null,
    release: r.release as string | null,
    version: r.version as string | null,
    tags: parse<string[]>(r.tags) ?? [],
    metadata: parse<Record<string, never>>(r.metadata) ?? {},
    status: r.status as 'ok' | 'error',
    latencyMs: r.latency_ms as number | null,
    inputTokens: r.input_tokens as number,
    outputTokens: r.output_tokens as number,
    totalTokens: r.total_tokens as number,
    cost: r.cost as number | null,
    spanCount: r.span_count as number,
    errorCount: r.error_count as number,
    models: parse<string[]>(r.models) ?? [],
  }
}

export const toTrace = (r: Row): Trace => ({ ...traceFields(r), input: parse(r.input), output: parse(r.output) })

export const toSummary = (r: Row): TraceSummary => ({
  ...traceFields(r),
  inputPreview: preview(r.input as string | null),
  outputPreview: preview(r.output as string | null),
})

/** Every span column but the payloads. */
export const SKELETON_COLUMNS = `project_id, trace_id, id, parent_id, name, type, start_time, end_time, completion_start_time, model,
  provider, usage_input, usage_output, usage_total, usage_cache_read, usage_cache_write, usage_reasoning, cost_input, cost_output,
  cost_total, cost_source, status, status_message`

export function toSpanSkeleton(r: Row): SpanSkeleton {
  const { input: _i, output: _o, attributes: _a, modelParameters: _m, ...rest } = toSpan(r)
  return { ...rest, inputSize: (r.input_size as number | null) ?? 0, outputSize: (r.output_size as number | null) ?? 0 }
}

export function toSpan(r: Row): Span {
  const hasUsage = ['usage_input', 'usage_output', 'usage_total', 'usage_cache_read', 'usage_cache_write', 'usage_reasoning'].some(
    (k) => r[k] != null,
  )
  const start = r.start_time as number
  const end = r.end_time as number | null
  return {
    id: r.id as string,
    traceId: r.trace_id as string,
    parentId: r.parent_id as string | null,
    name: r.name as string,
    type: r.type as SpanType,
    startTime: toIso(start),
    endTime: toIsoOrNull(end),
    completionStartTime: toIsoOrNull(r.completion_start_time as number | null),
    latencyMs: end == null ? null : end - start,
    model: r.model as string | null,
    provider: r.provider as string | null,
    modelParameters: parse(r.model_parameters),
    usage: hasUsage
      ? {
          input: r.usage_input as number | null,
          output: r.usage_output as number | null,
          total: r.usage_total as number | null,
          cacheRead: r.usage_cache_read as number | null,
          cacheWrite: r.usage_cache_write as number | null,
          reasoning: r.usage_reasoning as number | null,
        }
      : null,
    cost:
      r.cost_source != null
        ? {
            input: r.cost_input as number | null,
            output: r.cost_output as number | null,
            total: r.cost_total as number | null,
            source: r.cost_source as 'provided' | 'computed',
          }
        : null,
    input: parse(r.input),
    output: parse(r.output),
    status: r.status as 'ok' | 'error',
    statusMessage: r.status_message as string | null,
    attributes: parse(r.attributes),
  }
}

export function toScore(r: Row): Score {
  const dataType = r.data_type as Score['dataType']
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    traceId: r.trace_id as string,
    spanId: r.span_id as string | null,
    name: r.name as string,
    dataType,
    value:
      dataType === 'boolean' ? r.value_num === 1 : dataType === 'numeric' ? (r.value_num as number) : (r.value_str as string),
    comment: r.comment as string | null,
    correction: parse(r.correction),
    source: r.source as Score['source'],
    authorId: r.author_id as string | null,
    metadata: parse(r.metadata),
    createdAt: toIso(r.created_at as number),
    updatedAt: toIso(r.updated_at as number),
  }
}
