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

/**
 * Epoch ms → ISO string, the minute part cached: the spans of one trace share a few minutes, and
 * `toISOString` for 150,000 times was the costliest step of decoding a 50,000-span skeleton.
 */
function isoFormatter(): (ms: unknown) => string | null {
  const minutes = new Map<number, string>()
  return (ms) => {
    if (ms == null) return null
    const t = Math.trunc(ms as number)
    const minute = Math.floor(t / 60_000)
    let prefix = minutes.get(minute)
    if (prefix === undefined) minutes.set(minute, (prefix = new Date(minute * 60_000).toISOString().slice(0, -7)))
    const rest = t - minute * 60_000
    return `${prefix}${rest < 10_000 ? '0' : ''}${(rest / 1000).toFixed(3)}Z`
  }
}

/** Span rows → span objects. Cells are found by column name, so a server that adds columns still decodes. */
export function decodeTraceSkeleton(wire: TraceSkeletonWire): TraceSkeleton {
  const at = {} as Record<SkeletonSpanColumn, number>
  for (const name of SKELETON_SPAN_COLUMNS) {
    const i = wire.columns.indexOf(name)
    if (i < 0) throw new Error(`trace skeleton: the server sent no "${name}" column`)
    at[name] = i
  }
  const traceId = wire.trace.id
  const iso = isoFormatter()
  const spans = new Array<SpanSkeleton>(wire.spans.length)
  for (let k = 0; k < spans.length; k++) {
    const r = wire.spans[k]
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
      startTime: iso(start)!,
      endTime: iso(end),
      completionStartTime: iso(r[at.completionStartTime]),
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

const ms = (iso: string | null): number | null => (iso == null ? null : Date.parse(iso))

/** The reverse of `decodeTraceSkeleton`: what the server sends for these spans (for fakes and tests). */
export function encodeTraceSkeleton({ trace, scores, spans }: TraceSkeleton): TraceSkeletonWire {
  return {
    trace,
    scores,
    columns: [...SKELETON_SPAN_COLUMNS],
    spans: spans.map((s) => [
      s.id,
      s.parentId,
      s.name,
      s.type,
      ms(s.startTime),
      ms(s.endTime),
      ms(s.completionStartTime),
      s.model,
      s.provider,
      s.usage && [s.usage.input, s.usage.output, s.usage.total, s.usage.cacheRead, s.usage.cacheWrite, s.usage.reasoning],
      s.cost && [s.cost.input, s.cost.output, s.cost.total, s.cost.source],
      s.status,
      s.statusMessage,
      s.inputSize,
      s.outputSize,
    ]),
  }
}
