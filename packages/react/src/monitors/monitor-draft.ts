import { isTimeZone, MONITOR_WINDOWS, type ApiIssue, type Monitor, type MonitorInput, type MonitorWindow } from '@sightline/core'
import { formatFilter, issuesToFormErrors, parseFilter } from '../evaluators/evaluator-draft'
import { supportsAnomaly } from './monitor-format'

/** The form's fields as typed: numbers stay text until saved, so a half-typed value is kept. */
export interface MonitorDraft {
  name: string
  metric: string
  /** key=value lines, or a JSON object */
  filter: string
  groupBy: string
  window: MonitorWindow
  conditionKind: 'threshold' | 'anomaly'
  op: '>' | '<'
  value: string
  direction: 'up' | 'down' | 'both'
  sensitivity: 'low' | 'medium' | 'high'
  minSamples: string
  cooldownMinutes: string
  /** IANA name; '' leaves the server's default (UTC) */
  timeZone: string
  channelIds: string[]
  active: boolean
}

/** Messages by field: `name`, `metric`, `filter`, `groupBy`, `window`, `condition`, `minSamples`, `cooldownMinutes`, `channelIds`; '' for the rest. */
export type MonitorFormErrors = Readonly<Record<string, string>>

export const MONITOR_FIELDS = [
  'name',
  'metric',
  'filter',
  'groupBy',
  'window',
  'condition',
  'minSamples',
  'cooldownMinutes',
  'timeZone',
  'channelIds',
] as const

export const EMPTY_MONITOR_DRAFT: MonitorDraft = Object.freeze({
  name: '',
  metric: 'errorRate',
  filter: '',
  groupBy: '',
  window: '5m',
  conditionKind: 'threshold',
  op: '>',
  value: '',
  direction: 'up',
  sensitivity: 'medium',
  minSamples: '',
  cooldownMinutes: '60',
  timeZone: '',
  channelIds: [],
  active: true,
}) as MonitorDraft

/** Metrics offered in the form; any metrics-API name is accepted. */
export const SUGGESTED_METRICS = [
  'count',
  'errorRate',
  'latency.p50',
  'latency.p95',
  'latency.p99',
  'cost.sum',
  'tokens.sum',
  'feedback.negativeRate',
  'score.<name>.rate.<value>',
] as const

export function monitorToDraft(monitor: Monitor | MonitorInput): MonitorDraft {
  const c = monitor.condition
  return {
    ...EMPTY_MONITOR_DRAFT,
    name: monitor.name,
    metric: monitor.metric,
    filter: formatFilter(monitor.filter ?? null),
    groupBy: monitor.groupBy ?? '',
    window: monitor.window,
    conditionKind: c.kind,
    ...(c.kind === 'threshold' ? { op: c.op, value: String(c.value) } : { direction: c.direction, sensitivity: c.sensitivity ?? 'medium' }),
    minSamples: monitor.minSamples === undefined ? '' : String(monitor.minSamples),
    cooldownMinutes: monitor.cooldownMinutes === undefined ? '60' : String(monitor.cooldownMinutes),
    timeZone: monitor.timeZone ?? '',
    channelIds: [...(monitor.channelIds ?? [])],
    active: monitor.active ?? true,
  }
}

const wholeNumber = (text: string, min: number, max: number): number | null => {
  const n = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null
}

/** The draft as API input, or what to fix first (what the browser can tell before saving). */
export function draftToInput(draft: MonitorDraft): { ok: true; value: MonitorInput } | { ok: false; errors: MonitorFormErrors } {
  const errors: Record<string, string> = {}
  if (!draft.name.trim()) errors.name = 'Give the monitor a name'
  const metric = draft.metric.trim()
  if (!metric) errors.metric = 'Pick the metric to watch'
  else if (metric.includes('<')) errors.metric = 'Fill in the score name and value, e.g. score.helpfulness.rate.bad'
  const filter = parseFilter(draft.filter)
  if (!filter.ok) errors.filter = filter.error
  if (!(MONITOR_WINDOWS as readonly string[]).includes(draft.window)) errors.window = 'Pick a window'
  let value = Number.NaN
  if (draft.conditionKind === 'threshold') {
    value = Number(draft.value.trim())
    if (draft.value.trim() === '' || !Number.isFinite(value))
      errors.condition = 'The threshold must be a number (rates as a share: 0.05 for 5 %)'
  } else if (!supportsAnomaly(draft.window)) errors.window = 'Anomaly detection needs a window of 1h or more'
  const minSamples = draft.minSamples.trim() === '' ? undefined : wholeNumber(draft.minSamples, 1, 1_000_000)
  if (minSamples === null) errors.minSamples = 'A whole number from 1'
  const cooldown = wholeNumber(draft.cooldownMinutes, 0, 10_080)
  if (cooldown === null) errors.cooldownMinutes = 'Whole minutes, 0 to 10080 (a week)'
  const timeZone = draft.timeZone.trim()
  if (timeZone && !isTimeZone(timeZone)) errors.timeZone = 'An IANA time zone, e.g. Europe/Berlin or UTC'
  if (Object.keys(errors).length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      name: draft.name.trim(),
      metric,
      ...(filter.ok && filter.value && { filter: filter.value }),
      ...(draft.groupBy.trim() && { groupBy: draft.groupBy.trim() }),
      window: draft.window,
      condition:
        draft.conditionKind === 'threshold'
          ? { kind: 'threshold', op: draft.op, value }
          : { kind: 'anomaly', direction: draft.direction, sensitivity: draft.sensitivity },
      ...(minSamples != null && { minSamples }),
      channelIds: draft.channelIds,
      cooldownMinutes: cooldown!,
      ...(timeZone && { timeZone }),
      active: draft.active,
    },
  }
}

/** The server's issues by form field (`monitor.condition.value` → `condition`). */
export function monitorIssuesToErrors(issues: readonly ApiIssue[] | undefined): MonitorFormErrors {
  return issuesToFormErrors(
    (issues ?? []).map((i) => (i.path[0] === 'monitor' ? { ...i, path: i.path.slice(1) } : i)),
    MONITOR_FIELDS,
  )
}
