import type { Monitor, MonitorCondition, MonitorEvent, MonitorSeriesState, MonitorWindow } from '@sightline/core'
import { formatCost, formatLatency, MISSING } from '../format/format'

const WINDOW_MS: Record<MonitorWindow, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '3h': 10_800_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
}

export const windowMs = (window: MonitorWindow): number => WINDOW_MS[window]

/** Anomaly detection compares with seasonal baselines: it needs windows of an hour or more. */
export const supportsAnomaly = (window: MonitorWindow): boolean => WINDOW_MS[window] >= WINDOW_MS['1h']

/** The overall state of a monitor, for its badge: off, not yet evaluated, or its worst series. */
export type MonitorOverallState = 'off' | 'pending' | 'firing' | 'insufficient' | 'ok'

export function monitorState(monitor: Pick<Monitor, 'active' | 'series'>): MonitorOverallState {
  if (!monitor.active) return 'off'
  if (monitor.series.length === 0) return 'pending'
  if (monitor.series.some((s) => s.state === 'firing')) return 'firing'
  if (monitor.series.every((s) => s.state === 'insufficient')) return 'insufficient'
  return 'ok'
}

export const MONITOR_STATE_LABELS: Record<MonitorOverallState, string> = {
  off: 'Off',
  pending: 'Not evaluated yet',
  firing: 'Firing',
  insufficient: 'Too little data',
  ok: 'OK',
}

/** The latest time any series fired, or null. */
export function lastFiredAt(monitor: Pick<Monitor, 'series'>): string | null {
  let last: string | null = null
  for (const s of monitor.series) if (s.lastFiredAt && (!last || Date.parse(s.lastFiredAt) > Date.parse(last))) last = s.lastFiredAt
  return last
}

const isRate = (metric: string) => /rate/i.test(metric)

/** A metric's value in its unit: rates as percentages, latencies in ms/s, costs in dollars. */
export function formatMetricValue(metric: string, value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return MISSING
  if (isRate(metric)) return `${Number((value * 100).toPrecision(3))} %`
  if (metric.startsWith('latency')) return formatLatency(value)
  if (metric.startsWith('cost')) return formatCost(value)
  return Number(value.toPrecision(4)).toLocaleString('en-US')
}

const DIRECTION: Record<string, string> = { up: 'rises', down: 'drops', both: 'rises or drops' }

/** "above 5 %", "rises unusually (medium sensitivity)". */
export function describeCondition(metric: string, condition: MonitorCondition): string {
  if (condition.kind === 'threshold') return `${condition.op === '>' ? 'above' : 'below'} ${formatMetricValue(metric, condition.value)}`
  return `${DIRECTION[condition.direction]} unusually (${condition.sensitivity} sensitivity)`
}

/** A trace filter for the window a series or event covers: `from`/`to` (epoch ms), the monitor's filter, and its group. */
export type MonitorTracesFilter = Record<string, string | number | string[]> & { from: number; to: number }

export function tracesFilter(
  monitor: Pick<Monitor, 'filter' | 'groupBy'>,
  { from, to, group }: { from: string | number; to: string | number; group: string | null },
): MonitorTracesFilter {
  const filter: MonitorTracesFilter = { ...monitor.filter, from: new Date(from).getTime(), to: new Date(to).getTime() }
  if (monitor.groupBy && group !== null) filter[monitor.groupBy] = group
  return filter
}

/** The traces behind a firing series: from the start of the window it fired in to the end of the last evaluated one. */
export function seriesTracesFilter(monitor: Monitor, series: MonitorSeriesState, now = Date.now()): MonitorTracesFilter {
  const since = Date.parse(series.since)
  const end = monitor.lastEvaluatedAt ? Date.parse(monitor.lastEvaluatedAt) : now
  return tracesFilter(monitor, { from: since - windowMs(monitor.window), to: Math.max(end, since), group: series.group })
}

/** The traces in an event's window. */
export const eventTracesFilter = (monitor: Pick<Monitor, 'filter' | 'groupBy'>, event: MonitorEvent): MonitorTracesFilter =>
  tracesFilter(monitor, { from: event.windowStart, to: event.windowEnd, group: event.group })

/** A group's label: the whole monitor when it has no groups. */
export const groupLabel = (group: string | null): string => (group === null ? 'All traces' : group === '' ? '(none)' : group)
