import { SKELETON_SPAN_COLUMNS, type SkeletonSpanColumn, type SpanSkeleton, type TraceSkeleton } from '../schemas/lists'
import type { Score } from '../schemas/score'
import type { SpanType } from '../schemas/span'
import type { TraceSummary } from '../schemas/trace'

/** The skeleton as it travels; `decodeTraceSkeleton` turns it into a `TraceSkeleton`. */
export interface TraceSkeletonWire {
  trace: TraceSummary
  scores: Score[]
  /** the names of the row cells, in order (SKELETON_SPAN_COLUMNS, perhaps more in later versions) */
  columns: string[]
  spans: unknown[][]
}

type UsageCells = [number | null, number | null, number | null, number | null, number | null, number | null]
type CostCells = [number | null, number | null, number | null, 'provided' | 'computed']

/** Span rows → span objects. Cells are found by column name, so a server that adds columns still decodes. */
export function decodeTraceSkeleton(wire: TraceSkeletonWire): TraceSkeleton {
  const at = {} as Record<SkeletonSpanColumn, number>
  for (const name of SKELETON_SPAN_COLUMNS) {
    const i = wire.columns.indexOf(name)
    if (i < 0) throw new Error(`trace skeleton: the server sent no "${name}" column`)
    at[name] = i
  }
  const traceId = wire.trace.id
  const spans = new Array<SpanSkeleton>(wire.spans.length)
  for (let k = 0; k < spans.length; k++) {
    const r = wire.spans[k]!
    const start = r[at.startTime] as number
    const end = r[at.endTime] as number | null
    const usage = r[at.usage] as UsageCells | null
    const cost = r[at.cost] as CostCells | null
    spans[k] = {
      id: r[at.id] as string,
      traceId,
      parentId: r[at.parentId] as string | null,
      name: r[at.name] as string,
      type: r[at.type] as SpanType,
      startTime: start,
      endTime: end,
      completionStartTime: r[at.completionStartTime] as number | null,
      latencyMs: end == null ? null : end - start,
      model: r[at.model] as string | null,
      provider: r[at.provider] as string | null,
      usage: usage && {
        input: usage[0],
        output: usage[1],
        total: usage[2],
        cacheRead: usage[3],
        cacheWrite: usage[4],
        reasoning: usage[5],
      },
      cost: cost && { input: cost[0], output: cost[1], total: cost[2], source: cost[3] },
      status: r[at.status] as 'ok' | 'error',
      statusMessage: r[at.statusMessage] as string | null,
      inputSize: r[at.inputSize] as number,
      outputSize: r[at.outputSize] as number,
    }
  }
  return { trace: wire.trace, scores: wire.scores, spans }
}

/** The reverse of `decodeTraceSkeleton`: what the server sends for these spans (for fakes and tests). */
export function encodeTraceSkeleton({ trace, scores, spans }: TraceSkeleton): TraceSkeletonWire {
  const row = (s: SpanSkeleton): Record<SkeletonSpanColumn, unknown> => ({
    id: s.id,
    parentId: s.parentId,
    name: s.name,
    type: s.type,
    startTime: s.startTime,
    endTime: s.endTime,
    completionStartTime: s.completionStartTime,
    model: s.model,
    provider: s.provider,
    usage: s.usage && [s.usage.input, s.usage.output, s.usage.total, s.usage.cacheRead, s.usage.cacheWrite, s.usage.reasoning],
    cost: s.cost && [s.cost.input, s.cost.output, s.cost.total, s.cost.source],
    status: s.status,
    statusMessage: s.statusMessage,
    inputSize: s.inputSize,
    outputSize: s.outputSize,
  })
  return {
    trace,
    scores,
    columns: [...SKELETON_SPAN_COLUMNS],
    spans: spans.map((s) => {
      const cells = row(s)
      return SKELETON_SPAN_COLUMNS.map((column) => cells[column])
    }),
  }
}
