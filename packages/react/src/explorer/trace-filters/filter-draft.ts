import { parseScoreCondition, type ScoreCondition, type TraceListQuery } from '@sightline/core'

/** The filter bar's fields as typed: text until applied. */
export interface FilterDraft {
  q: string
  name: string
  userId: string
  sessionId: string
  environment: string
  release: string
  version: string
  model: string
  tag: string
  status: string
  feedback: string
  from: string
  to: string
  minLatencyMs: string
  maxLatencyMs: string
  minCost: string
  maxCost: string
  metadata: string
  score: string
}

export type FilterField = keyof FilterDraft

const TEXT_FIELDS = ['q', 'name', 'userId', 'sessionId', 'environment', 'release', 'version', 'model'] as const
const NUMBER_FIELDS = ['minLatencyMs', 'maxLatencyMs', 'minCost', 'maxCost'] as const

/** Query keys that are not filters: the filter bar leaves them as they are. */
const NOT_FILTERS = new Set(['sort', 'limit', 'cursor'])

/** How many filters a query sets. */
export function countFilters(query: TraceListQuery): number {
  return Object.entries(query).filter(([k, v]) => !NOT_FILTERS.has(k) && v !== undefined && !(Array.isArray(v) && !v.length)).length
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Epoch ms → the local `YYYY-MM-DDTHH:mm` a datetime-local input shows. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function conditionText(c: ScoreCondition): string {
  return 'value' in c ? String(c.value) : `${c.min ?? ''}..${c.max ?? ''}`
}

export function toDraft(query: TraceListQuery): FilterDraft {
  const text = (v: string | number | undefined) => (v === undefined ? '' : String(v))
  return {
    q: text(query.q),
    name: text(query.name),
    userId: text(query.userId),
    sessionId: text(query.sessionId),
    environment: text(query.environment),
    release: text(query.release),
    version: text(query.version),
    model: text(query.model),
    tag: (query.tag ?? []).join(', '),
    status: text(query.status),
    feedback: text(query.feedback),
    from: query.from === undefined ? '' : toLocalInput(query.from),
    to: query.to === undefined ? '' : toLocalInput(query.to),
    minLatencyMs: text(query.minLatencyMs),
    maxLatencyMs: text(query.maxLatencyMs),
    minCost: text(query.minCost),
    maxCost: text(query.maxCost),
    metadata: Object.entries(query.metadata ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    score: Object.entries(query.score ?? {})
      .map(([k, c]) => `${k}=${conditionText(c)}`)
      .join(', '),
  }
}

export type DraftErrors = Partial<Record<FilterField, string>>

function pairs(text: string, field: string): { entries: [string, string][]; error?: string } {
  const entries: [string, string][] = []
  for (const part of text.split(',')) {
    const item = part.trim()
    if (!item) continue
    const eq = item.indexOf('=')
    if (eq <= 0) return { entries, error: `write ${field} as name=value, separated by commas` }
    entries.push([item.slice(0, eq).trim(), item.slice(eq + 1).trim()])
  }
  return { entries }
}

/**
 * The query the draft asks for, on top of `base` (its sort and page size are kept), or the errors
 * that keep it from being applied.
 */
export function fromDraft(draft: FilterDraft, base: TraceListQuery): { query: TraceListQuery; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const query: TraceListQuery = {}
  for (const [k, v] of Object.entries(base)) if (NOT_FILTERS.has(k) && k !== 'cursor' && v !== undefined) Object.assign(query, { [k]: v })

  for (const field of TEXT_FIELDS) {
    const v = draft[field].trim()
    if (v) query[field] = v
  }
  const tags = draft.tag
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  if (tags.length) query.tag = tags
  if (draft.status === 'ok' || draft.status === 'error') query.status = draft.status
  if (draft.feedback === 'positive' || draft.feedback === 'negative') query.feedback = draft.feedback

  for (const field of NUMBER_FIELDS) {
    const v = draft[field].trim()
    if (!v) continue
    const n = Number(v)
    if (Number.isFinite(n) && n >= 0) query[field] = n
    else errors[field] = 'enter a number of 0 or more'
  }
  for (const field of ['from', 'to'] as const) {
    const v = draft[field].trim()
    if (!v) continue
    // Unchanged fields keep their exact time: the input shows minutes only.
    if (base[field] !== undefined && v === toLocalInput(base[field])) query[field] = base[field]
    else {
      const t = new Date(v).getTime()
      if (Number.isFinite(t)) query[field] = t
      else errors[field] = 'enter a date and time'
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) errors.to = 'must be after the start'

  const metadata = pairs(draft.metadata, 'metadata')
  if (metadata.error) errors.metadata = metadata.error
  else if (metadata.entries.length) query.metadata = Object.fromEntries(metadata.entries)

  const scores = pairs(draft.score, 'scores')
  if (scores.error) errors.score = scores.error
  else if (scores.entries.length) {
    const score: Record<string, ScoreCondition> = {}
    for (const [name, raw] of scores.entries) {
      const c = parseScoreCondition(raw)
      if (typeof c === 'string') {
        errors.score = `${name}: ${c}`
        break
      }
      score[name] = c
    }
    if (!errors.score) query.score = score
  }
  return { query, errors }
}
