// From a clicked group or point of a metric panel to the trace-list filters that show its traces.
import type { TraceFilters } from '../filters/trace-query'
import { type GroupBy, OTHER_GROUP } from './metrics-query'

const TRACE_FIELDS = new Set(['name', 'userId', 'environment', 'release', 'version', 'model'])

/**
 * The filters that select one group's traces, `{}` without groupBy, or null when no trace-list
 * filter can express it: "other" (many values folded together), traces without a value, or a
 * provider (the trace list has no provider filter).
 */
export function groupFilter(groupBy: GroupBy | null | undefined, group: string | null): TraceFilters | null {
  if (!groupBy) return {}
  if (group === null || group === OTHER_GROUP) return null
  if (TRACE_FIELDS.has(groupBy)) return { [groupBy]: group }
  if (groupBy === 'tag') return { tag: [group] }
  if (groupBy.startsWith('metadata.')) return { metadata: { [groupBy.slice('metadata.'.length)]: group } }
  if (groupBy.startsWith('score.')) return { score: { [groupBy.slice('score.'.length)]: { value: group } } }
  return null
}

/** `b` narrowed into `a`: tags add up, metadata and score conditions merge key by key, the rest is replaced. */
export function mergeFilters(a: TraceFilters, b: TraceFilters): TraceFilters {
  const out: TraceFilters = { ...a, ...b }
  if (a.tag && b.tag) out.tag = [...new Set([...a.tag, ...b.tag])]
  if (a.metadata && b.metadata) out.metadata = { ...a.metadata, ...b.metadata }
  if (a.score && b.score) out.score = { ...a.score, ...b.score }
  return out
}

export interface FilterTarget {
  groupBy?: GroupBy | null | undefined
  /** the clicked group; ignored without groupBy */
  group?: string | null | undefined
  /** epoch ms or ISO: the whole range for a group, one bucket for a point */
  from: number | string
  to: number | string
  /** the panel's own filters, kept */
  filters?: TraceFilters | undefined
}

const ms = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t))

/**
 * What a click asks the trace list for: the panel's filters, narrowed to the group and the time
 * range. Null when the group cannot be filtered on (see `groupFilter`).
 */
export function prepareFilter(target: FilterTarget): TraceFilters | null {
  const narrowed = groupFilter(target.groupBy, target.group ?? null)
  if (!narrowed) return null
  const { from: _from, to: _to, ...base } = target.filters ?? {}
  return { ...mergeFilters(base, narrowed), from: ms(target.from), to: ms(target.to) }
}
