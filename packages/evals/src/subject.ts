import { readChatMessages, type JsonValue, type Score, type Span, type TraceDetail } from '@sightline/core'
import type { EvalSubject } from './types'

/** The newest end-user correction on the trace (or span): a live trace's expected output. */
function correctionOf(scores: Score[], spanId: string | null): JsonValue | null {
  const withCorrection = scores
    .filter((s) => s.correction != null && (spanId == null || s.spanId === spanId || s.spanId == null))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  return withCorrection[0]?.correction ?? null
}

/**
 * The subject for a trace, or for one span of it (target "generation"). Expected output is the
 * newest correction an end user or reviewer gave, if any.
 */
export function subjectFromTrace(detail: TraceDetail, spanId?: string | null): EvalSubject {
  const { trace, spans, scores } = detail
  const span = spanId ? (spans.find((s) => s.id === spanId) ?? null) : null
  if (spanId && !span) throw new Error(`span ${spanId} is not in trace ${trace.id}`)
  return {
    input: span ? span.input : trace.input,
    output: span ? span.output : trace.output,
    expected: correctionOf(scores, span?.id ?? null),
    metadata: trace.metadata,
    metrics: span ? spanMetrics(span) : trace,
    spans,
    span,
  }
}

function spanMetrics(span: Span): EvalSubject['metrics'] {
  return {
    latencyMs: span.latencyMs,
    cost: span.cost?.total ?? null,
    inputTokens: span.usage?.input ?? null,
    outputTokens: span.usage?.output ?? null,
    totalTokens: span.usage?.total ?? null,
  }
}

/**
 * A payload as plain text: strings as they are, chat messages as their contents joined by new
 * lines, `{ content }` / `{ text }` objects by that field, anything else as JSON.
 */
export function textOf(value: JsonValue | null | undefined): string {
  if (value == null) return ''
  if (typeof value === 'string') return value
  const messages = readChatMessages(value)
  if (messages?.length) return messages.map((m) => m.content).join('\n')
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const key of ['content', 'text', 'output', 'answer']) if (typeof value[key] === 'string') return value[key] as string
  }
  return JSON.stringify(value)
}
