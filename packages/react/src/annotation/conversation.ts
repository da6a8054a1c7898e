import type { JsonValue, Span, TraceDetail } from '@sightline/core'

/** One model call of the trace: the messages it was sent and what it answered. */
export interface ConversationCall {
  spanId: string
  name: string
  model: string | null
  input: JsonValue | null
  output: JsonValue | null
}

/** What a retriever span fetched: the sources an answer should stand on. */
export interface ConversationSource {
  spanId: string
  name: string
  query: JsonValue | null
  documents: JsonValue | null
}

/** A trace as a reviewer reads it: the question, the answer, the sources and the model calls. */
export interface Conversation {
  input: JsonValue | null
  output: JsonValue | null
  sources: ConversationSource[]
  calls: ConversationCall[]
}

type JsonObject = { [key: string]: JsonValue }
const isObject = (v: JsonValue | null | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A list of `{ role, … }` messages (or `{ messages: [...] }`): what chat models take and give. */
export function isChatMessages(value: JsonValue | null | undefined): boolean {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.messages) ? value.messages : null
  return !!list && list.length > 0 && list.every((m) => isObject(m) && typeof m.role === 'string')
}

const byStart = (a: Span, b: Span) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id)

/**
 * Builds the conversation view of a trace. The trace's own input and output come first (falling
 * back to the root span's); generation spans, and any span whose input is chat messages, are the
 * model calls; retriever spans are the sources.
 */
export function conversationOf(detail: TraceDetail): Conversation {
  const spans = [...detail.spans].sort(byStart)
  const root = spans.find((s) => s.parentId === null)
  const calls: ConversationCall[] = []
  const sources: ConversationSource[] = []
  for (const span of spans) {
    if (span.type === 'retriever') sources.push({ spanId: span.id, name: span.name, query: span.input, documents: span.output })
    else if (span.type === 'generation' || (span !== root && isChatMessages(span.input)))
      calls.push({ spanId: span.id, name: span.name, model: span.model, input: span.input, output: span.output })
  }
  return {
    input: detail.trace.input ?? root?.input ?? null,
    output: detail.trace.output ?? root?.output ?? null,
    sources,
    calls,
  }
}
