import { BILLABLE_SPAN_TYPES, computeTraceTotals, type SpanType } from '@sightline/core'
import type { FeedbackCounts, RollupTrace } from './rollup-contrib'
import type { Row } from './rows'

/** Migrations (by name, on any backend) after which every trace is derived again at start. */
export const REDERIVE_AFTER: ReadonlySet<string> = new Set([
  'metrics',
  'rollup-levels',
  'rollup-all-level',
  'rollup-feedback',
  'rollup-presence',
])

/** Indexed search text is capped so one huge payload cannot bloat the index. */
export const SEARCH_CHARS = 20_000

/** The span columns trace derivation reads (no payloads). */
export const SPAN_TOTALS_COLUMNS = `id, parent_id, name, type, start_time, end_time, completion_start_time, model, provider, status,
  usage_input, usage_output, usage_total, cost_total`

const n = (v: unknown) => (v == null ? null : Number(v))

/** The earliest span without a parent in the trace: where a trace's defaults come from. */
export function rootSpanOf(spans: Row[]): Row | undefined {
  const ids = new Set(spans.map((r) => r.id))
  return spans.find((r) => r.parent_id == null || !ids.has(r.parent_id))
}

/** Whether deriving needs the root span's input/output (the trace declared none). */
export const needsRootIo = (declared: Row) => declared.d_input == null || declared.d_output == null

/**
 * A trace's derived columns from what was declared and its spans (sorted by start), plus its
 * share of the metric rollups and its search text. The same in every backend.
 */
export function deriveTrace(
  declared: Row,
  spans: Row[],
  rootIo: { input: unknown; output: unknown } | undefined,
  feedback: FeedbackCounts,
) {
  const totals = computeTraceTotals(
    spans.map((r) => ({
      type: r.type as SpanType,
      startTime: Number(r.start_time),
      endTime: n(r.end_time),
      model: r.model as string | null,
      status: r.status as 'ok' | 'error',
      usageInput: n(r.usage_input),
      usageOutput: n(r.usage_output),
      usageTotal: n(r.usage_total),
      costTotal: n(r.cost_total),
      completionStartTime: n(r.completion_start_time),
    })),
  )
  const root = rootSpanOf(spans)
  const dStart = n(declared.d_start)
  const dEnd = n(declared.d_end)
  const start = Math.min(dStart ?? Infinity, totals.startTime ?? Infinity)
  const startTime = Number.isFinite(start) ? start : Number(declared.received_at)
  const end = Math.max(dEnd ?? -Infinity, totals.endTime ?? -Infinity)
  const endTime = Number.isFinite(end) ? end : null
  const name = (declared.d_name as string | null) ?? (root?.name as string | undefined) ?? null
  const failed = declared.d_status === 'error' || totals.errorCount > 0
  const input = (declared.d_input as string | null) ?? (rootIo?.input as string | null) ?? null
  const output = (declared.d_output as string | null) ?? (rootIo?.output as string | null) ?? null
  const latency = endTime == null ? null : endTime - startTime
  const rollup: RollupTrace = {
    start: startTime,
    user: declared.user_id as string | null,
    session: declared.session_id as string | null,
    name,
    environment: declared.environment as string | null,
    release: declared.release as string | null,
    version: declared.version as string | null,
    unit: {
      error: failed,
      latency,
      ttft: totals.ttftMs,
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
      totalTokens: totals.totalTokens,
      cost: totals.cost,
    },
    calls: spans
      .filter((r) => r.model != null && BILLABLE_SPAN_TYPES.has(r.type as SpanType))
      .map((r) => {
        const spanStart = Number(r.start_time)
        const usageIn = n(r.usage_input) ?? 0
        const usageOut = n(r.usage_output) ?? 0
        const spanEnd = n(r.end_time)
        const firstToken = n(r.completion_start_time)
        return {
          start: spanStart,
          model: r.model as string,
          provider: r.provider as string | null,
          unit: {
            error: r.status === 'error',
            latency: spanEnd == null ? null : spanEnd - spanStart,
            ttft: firstToken == null ? null : firstToken - spanStart,
            inputTokens: usageIn,
            outputTokens: usageOut,
            totalTokens: n(r.usage_total) ?? usageIn + usageOut,
            cost: n(r.cost_total),
          },
        }
      }),
    feedback,
  }
  return {
    columns: {
      name,
      start_time: startTime,
      end_time: endTime,
      input,
      output,
      status: failed ? 'error' : 'ok',
      latency_ms: latency,
      input_tokens: totals.inputTokens,
      output_tokens: totals.outputTokens,
      total_tokens: totals.totalTokens,
      cost: totals.cost,
      span_count: totals.spanCount,
      error_count: totals.errorCount,
      models: JSON.stringify(totals.models),
      ttft_ms: totals.ttftMs,
    },
    rollup,
    searchText: [name, input, output].filter(Boolean).join('\n').slice(0, SEARCH_CHARS),
  }
}
