import { BILLABLE_SPAN_TYPES, type SpanType } from '../schemas/span'

/** The span fields totals read, by wire name; times in epoch ms. */
export interface TotalsSpan {
  type: SpanType
  startTime: number
  endTime: number | null
  model: string | null
  status: 'ok' | 'error'
  usageInput: number | null
  usageOutput: number | null
  usageTotal: number | null
  costTotal: number | null
  completionStartTime?: number | null
}

export interface TraceTotals {
  startTime: number | null
  endTime: number | null
  inputTokens: number
  outputTokens: number
  totalTokens: number
  /** null when no billable span carries a cost */
  cost: number | null
  spanCount: number
  errorCount: number
  models: string[]
  /** time to first token of the trace's first generation that reports one */
  ttftMs: number | null
}

/**
 * A trace's derived totals. Usage and cost count only on generation/embedding spans, so agent
 * or chain spans that repeat their children's totals are not counted twice.
 */
export function computeTraceTotals(spans: Iterable<TotalsSpan>): TraceTotals {
  const t: TraceTotals = {
    startTime: null,
    endTime: null,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cost: null,
    spanCount: 0,
    errorCount: 0,
    models: [],
    ttftMs: null,
  }
  let firstGeneration = Infinity
  const models = new Set<string>()
  for (const s of spans) {
    t.spanCount++
    if (s.status === 'error') t.errorCount++
    if (t.startTime === null || s.startTime < t.startTime) t.startTime = s.startTime
    const end = s.endTime ?? s.startTime
    if (t.endTime === null || end > t.endTime) t.endTime = end
    if (s.model) models.add(s.model)
    if (s.type === 'generation' && s.completionStartTime != null && s.startTime < firstGeneration) {
      firstGeneration = s.startTime
      t.ttftMs = Math.max(0, s.completionStartTime - s.startTime)
    }
    if (!BILLABLE_SPAN_TYPES.has(s.type)) continue
    const input = s.usageInput ?? 0
    const output = s.usageOutput ?? 0
    t.inputTokens += input
    t.outputTokens += output
    t.totalTokens += s.usageTotal ?? input + output
    if (s.costTotal != null) t.cost = (t.cost ?? 0) + s.costTotal
  }
  // Sums of float prices drift (0.1 + 0.2); ten decimals is far below a cent.
  if (t.cost !== null) t.cost = Math.round(t.cost * 1e10) / 1e10
  t.models = [...models].sort()
  return t
}
