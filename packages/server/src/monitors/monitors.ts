import { randomUUID } from 'node:crypto'
import {
  INTERVAL_MS,
  type Monitor,
  type MonitorEvent,
  type monitorInputSchema,
  type monitorPatchSchema,
  type MonitorSeriesState,
  toIso,
  toIsoOrNull,
} from '@sightline/core'
import type { z } from 'zod'
import { notFound } from '../http-errors'
import { queueFilters } from '../services/queues'
import type { JobHandler } from '../jobs/job-runner'
import type { Store } from '../store/types'
import { invalidInput } from '../validation'
import { baselineFor, evaluateCondition, initialMonitorState, MONITOR_DEFAULTS, type MonitorState, step, type WindowObs } from './detect'
import { metricsQueryOf, observe, readingOf } from './observe'
import { stableHash as hash } from '../services/stable-id'

type MonitorInput = z.output<typeof monitorInputSchema>
type MonitorPatch = z.output<typeof monitorPatchSchema>

/** Document kinds (see DocumentStore). */
export const DOC = { monitor: 'monitor', state: 'monitor-state', event: 'monitor-event', channel: 'channel', delivery: 'delivery' } as const

/** A monitor as stored: its series states live in documents of their own. */
export type MonitorRecord = Omit<Monitor, 'series' | 'lastEvaluatedAt'>

/** One alert series' state: the detector's, plus what the last window showed. */
export interface SeriesDoc {
  monitorId: string
  group: string | null
  detect: MonitorState
  insufficient: boolean
  value: number | null
  baseline: number | null
  samples: number
  lastWindowEnd: number
  evaluatedAt: number
}

const WEEK = 7 * 86_400_000
const HOUR = 3_600_000

/** Any valid range will do for checking a query's shape. */
const CHECK_FROM = Date.UTC(2026, 0, 1)

/** The monitor's query checked as the metrics API would check it: unknown metrics, filters and groups are 400s. */
function checkQuery(m: Pick<MonitorRecord, 'metric' | 'filter' | 'groupBy' | 'window'>) {
  if (m.filter) queueFilters(m.filter, ['filter'])
  const parsed = metricsQueryOf(
    {
      metric: m.metric,
      window: m.window,
      from: CHECK_FROM,
      to: CHECK_FROM + INTERVAL_MS[m.window],
      filters: m.filter ?? {},
      groupBy: m.groupBy,
    },
    readingOf(m.metric),
  )
  if (!parsed.success)
    throw invalidInput(
      parsed.issues.map((i) => ({
        path: [i.path[0] === 'metrics' ? 'metric' : i.path[0] === 'groupBy' ? 'groupBy' : 'filter'],
        message: i.message,
      })),
    )
}

async function checkChannels(store: Store, projectId: string, ids: string[]) {
  const issues = (
    await Promise.all(
      ids.map(async (id, i) =>
        (await store.getDocument(projectId, DOC.channel, id)) ? null : { path: ['channelIds', i], message: `no channel ${id}` },
      ),
    )
  ).filter((x) => x !== null)
  if (issues.length) throw invalidInput(issues)
}

const defaultMinSamples = (metric: string) =>
  readingOf(metric).kind === 'rate' ? MONITOR_DEFAULTS.minSamplesRate : MONITOR_DEFAULTS.minSamplesValue

/** Seasonal baselines are built from hourly windows: anomalies need a window of an hour or more. */
function checkCondition(m: Pick<MonitorRecord, 'condition' | 'window'>) {
  if (m.condition.kind === 'anomaly' && INTERVAL_MS[m.window] < HOUR)
    throw invalidInput([{ path: ['window'], message: 'anomaly monitors need a window of 1h or more; use a threshold for shorter windows' }])
}

export async function createMonitor(store: Store, projectId: string, input: MonitorInput, now: number): Promise<Monitor> {
  checkQuery({ ...input, filter: input.filter ?? null, groupBy: input.groupBy ?? null })
  checkCondition(input)
  await checkChannels(store, projectId, input.channelIds)
  const at = toIso(now)
  const m: MonitorRecord = {
    id: randomUUID(),
    name: input.name,
    metric: input.metric,
    filter: input.filter ?? null,
    groupBy: input.groupBy ?? null,
    window: input.window,
    condition: input.condition,
    minSamples: input.minSamples ?? defaultMinSamples(input.metric),
    channelIds: input.channelIds,
    cooldownMinutes: input.cooldownMinutes,
    timeZone: input.timeZone ?? 'UTC',
    active: input.active,
    createdAt: at,
    updatedAt: at,
  }
  await store.putDocuments(projectId, DOC.monitor, [{ id: m.id, at: now, body: m }])
  if (m.active) await scheduleTick(store, projectId, now)
  return { ...m, series: [], lastEvaluatedAt: null }
}

export async function findMonitor(store: Store, projectId: string, id: string): Promise<MonitorRecord> {
  const m = await store.getDocument<MonitorRecord>(projectId, DOC.monitor, id)
  if (!m) throw notFound('monitor')
  return m
}

export async function updateMonitor(store: Store, projectId: string, m: MonitorRecord, patch: MonitorPatch, now: number) {
  const next: MonitorRecord = {
    ...m,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    updatedAt: toIso(now),
  }
  checkQuery(next)
  checkCondition(next)
  if (patch.channelIds) await checkChannels(store, projectId, patch.channelIds)
  await store.putDocuments(projectId, DOC.monitor, [{ id: m.id, at: Date.parse(m.createdAt), body: next }])
  if (next.active) await scheduleTick(store, projectId, now)
  return withSeries(store, projectId, next)
}

export async function deleteMonitor(store: Store, projectId: string, m: MonitorRecord) {
  await store.deleteDocument(projectId, DOC.monitor, m.id)
}

const seriesId = (monitorId: string, group: string | null) => `${monitorId}:${hash(group)}`

export async function withSeries(store: Store, projectId: string, m: MonitorRecord): Promise<Monitor> {
  const docs = (await store.listDocuments<SeriesDoc>(projectId, DOC.state, { parentId: m.id, limit: 200 })).data
  const series = docs.map(
    (d): MonitorSeriesState => ({
      group: d.group,
      state: d.detect.status === 'firing' ? 'firing' : d.insufficient ? 'insufficient' : 'ok',
      value: d.value,
      baseline: d.baseline,
      samples: d.samples,
      since: toIso(d.detect.since ?? d.evaluatedAt),
      lastFiredAt: toIsoOrNull(d.detect.lastFiredAt),
    }),
  )
  const last = Math.max(0, ...docs.map((d) => d.evaluatedAt))
  return { ...m, series, lastEvaluatedAt: last ? toIso(last) : null }
}

export const MONITOR_TICK = 'monitor-tick'
const tickJobId = (projectId: string) => `monitor-tick:${projectId}`

/** One recurring job per project evaluates its monitors: the job's lease makes exactly one instance do it. */
export async function scheduleTick(store: Store, projectId: string, at: number) {
  await store.enqueueJobs([{ id: tickJobId(projectId), projectId, kind: MONITOR_TICK, payload: {}, runAfter: at }])
}

export interface AlertPayload {
  type: 'monitor.fired' | 'monitor.resolved'
  monitor: { id: string; name: string }
  state: 'firing' | 'resolved'
  metric: string
  group: string | null
  window: { start: string; end: string; size: string }
  value: number | null
  baseline: number | null
  samples: number
  detail: string
  /** the traces of that window (and group, and filter), as the trace-list API reads them */
  link: string
}

export interface TickOptions {
  /** where links in alerts point: this server's own origin */
  baseUrl: string
}

/** The link to the matching traces: the window, the monitor's filter and the group. */
function tracesLink(baseUrl: string, m: MonitorRecord, group: string | null, start: number, end: number) {
  const params = new URLSearchParams({ from: toIso(start), to: toIso(end) })
  for (const [k, v] of Object.entries(m.filter ?? {})) for (const x of [v].flat()) params.append(k, String(x))
  if (group !== null && m.groupBy && !m.groupBy.startsWith('score.')) params.set(m.groupBy === 'tag' ? 'tag' : m.groupBy, group)
  return `${baseUrl}/api/v1/traces?${params}`
}

/**
 * Evaluates one monitor on its last closed window, per series: the detector's verdict moves each
 * series' state, and a change becomes an event (deterministic id) with a delivery per channel. The
 * deliveries are enqueued before the event and state are written, so a crash in between repeats
 * the same ids, never loses them.
 */
export async function evaluateMonitor(
  store: Store,
  projectId: string,
  m: MonitorRecord,
  now: number,
  o: TickOptions,
): Promise<MonitorEvent[]> {
  const windowMs = INTERVAL_MS[m.window]
  // Windows longer than an hour slide by the hour: a 24 h rate is judged every hour, not once a day.
  const stepMs = Math.min(windowMs, HOUR)
  const end = Math.floor(now / stepMs) * stepMs
  const start = end - windowMs
  const reading = readingOf(m.metric)
  const from = m.condition.kind === 'anomaly' ? start - 4 * WEEK : start
  const steps = await observe(store, projectId, {
    metric: m.metric,
    window: windowMs <= HOUR ? m.window : '1h',
    from,
    to: end,
    filters: m.filter ?? {},
    groupBy: m.groupBy,
    limit: 100,
  })
  const events: MonitorEvent[] = []
  for (const [group, points] of steps) {
    if (group === 'other') continue
    const windows = rolling(points, windowMs / stepMs, reading.kind)
    const obs = windows.find((w) => w.start === start) ?? { start, value: null, samples: 0 }
    const id = seriesId(m.id, group)
    const prev = await store.getDocument<SeriesDoc>(projectId, DOC.state, id)
    if (prev && prev.lastWindowEnd >= end) continue
    const baseline =
      m.condition.kind === 'anomaly'
        ? baselineFor(windows, start, windowMs, { minSamples: m.minSamples, tz: m.timeZone })
        : { center: null, spread: null, samples: 0, points: 0, method: 'none' as const }
    const result = evaluateCondition(obs, baseline, m.condition, { kind: reading.kind, minSamples: m.minSamples })
    const { state, event } = step(prev?.detect ?? initialMonitorState(), result, { cooldownMs: m.cooldownMinutes * 60_000, now: end })
    const value = reading.kind === 'rate' && obs.samples ? (obs.successes ?? 0) / obs.samples : obs.value
    if (event) {
      const e: MonitorEvent = {
        id: `evt_${hash(m.id, group, event, start)}`,
        monitorId: m.id,
        kind: event,
        group,
        windowStart: toIso(start),
        windowEnd: toIso(end),
        value,
        baseline: result.baselineValue,
        samples: obs.samples,
        at: toIso(now),
      }
      const payload: AlertPayload = {
        type: event === 'fired' ? 'monitor.fired' : 'monitor.resolved',
        monitor: { id: m.id, name: m.name },
        state: event === 'fired' ? 'firing' : 'resolved',
        metric: m.metric,
        group,
        window: { start: e.windowStart, end: e.windowEnd, size: m.window },
        value,
        baseline: e.baseline,
        samples: obs.samples,
        detail: result.detail,
        link: tracesLink(o.baseUrl, m, group, start, end),
      }
      await enqueueDeliveries(store, projectId, m.channelIds, e.id, payload, now)
      await store.putDocuments(projectId, DOC.event, [{ id: e.id, parentId: m.id, at: now, body: e }])
      events.push(e)
    }
    const doc: SeriesDoc = {
      monitorId: m.id,
      group,
      detect: state,
      insufficient: result.status === 'insufficient',
      value,
      baseline: result.baselineValue,
      samples: obs.samples,
      lastWindowEnd: end,
      evaluatedAt: now,
    }
    await store.putDocuments(projectId, DOC.state, [{ id, parentId: m.id, at: now, body: doc }])
  }
  return events
}

/**
 * Windows of `k` consecutive steps, one ending at each step. Rates add their events up exactly;
 * other values are the sample-weighted mean of the steps' values (exact for averages, an
 * approximation for percentiles over windows longer than an hour).
 */
export function rolling(steps: WindowObs[], k: number, kind: 'rate' | 'value'): WindowObs[] {
  if (k === 1) return steps
  const out: WindowObs[] = []
  for (let i = k - 1; i < steps.length; i++) {
    const part = steps.slice(i - k + 1, i + 1)
    const samples = part.reduce((n, w) => n + w.samples, 0)
    if (kind === 'rate') {
      const successes = part.reduce((n, w) => n + (w.successes ?? 0), 0)
      out.push({ start: part[0]!.start, samples, successes, value: samples ? successes / samples : null })
    } else {
      const valued = part.filter((w) => w.value !== null && w.samples > 0)
      const weight = valued.reduce((n, w) => n + w.samples, 0)
      out.push({ start: part[0]!.start, samples, value: weight ? valued.reduce((n, w) => n + w.value! * w.samples, 0) / weight : null })
    }
  }
  return out
}

export interface BacktestAlert {
  group: string | null
  start: string
  /** null while still firing at the end of the range */
  end: string | null
  /** the furthest value from the baseline while firing */
  peak: number | null
  baseline: number | null
  /** the samples of the peak window */
  samples: number
}

export interface BacktestPoint {
  /** the window's end */
  t: string
  value: number | null
  samples: number
  baseline: number | null
  breach: boolean
}

export const BACKTEST_MAX_DAYS = 31

/**
 * What an (unsaved) monitor would have fired over history: the same windows, baselines, detector
 * and state steps as the live tick, replayed window by window. For the form's preview.
 */
export async function backtest(store: Store, projectId: string, input: MonitorInput, from: number, to: number) {
  checkQuery({ ...input, filter: input.filter ?? null, groupBy: input.groupBy ?? null })
  checkCondition(input)
  if (to <= from) throw invalidInput([{ path: ['to'], message: 'to must be after from' }])
  if (to - from > BACKTEST_MAX_DAYS * 86_400_000)
    throw invalidInput([{ path: ['to'], message: `a backtest covers at most ${BACKTEST_MAX_DAYS} days` }])
  const windowMs = INTERVAL_MS[input.window]
  const stepMs = Math.min(windowMs, HOUR)
  const reading = readingOf(input.metric)
  const minSamples = input.minSamples ?? defaultMinSamples(input.metric)
  const end = Math.floor(to / stepMs) * stepMs
  const steps = await observe(store, projectId, {
    metric: input.metric,
    window: windowMs <= HOUR ? input.window : '1h',
    from: Math.floor(from / stepMs) * stepMs - windowMs - (input.condition.kind === 'anomaly' ? 4 * WEEK : 0),
    to: end,
    filters: input.filter ?? {},
    groupBy: input.groupBy,
    limit: 10,
  })
  const alerts: BacktestAlert[] = []
  const series: { group: string | null; points: BacktestPoint[] }[] = []
  for (const [group, points] of steps) {
    if (group === 'other') continue
    const windows = rolling(points, windowMs / stepMs, reading.kind)
    let state = initialMonitorState()
    let open: BacktestAlert | undefined
    const out: BacktestPoint[] = []
    for (const w of windows) {
      const at = w.start + windowMs
      if (at <= from || at > end) continue
      const baseline =
        input.condition.kind === 'anomaly'
          ? baselineFor(windows, w.start, windowMs, { minSamples, tz: input.timeZone })
          : { center: null, spread: null, samples: 0, points: 0, method: 'none' as const }
      const result = evaluateCondition(w, baseline, input.condition, { kind: reading.kind, minSamples })
      const next = step(state, result, { cooldownMs: input.cooldownMinutes * 60_000, now: at })
      state = next.state
      const value = w.value
      out.push({ t: toIso(at), value, samples: w.samples, baseline: result.baselineValue, breach: result.status === 'breach' })
      if (next.event === 'fired') {
        open = { group, start: toIso(w.start), end: null, peak: value, baseline: result.baselineValue, samples: w.samples }
        alerts.push(open)
      } else if (open && state.status === 'firing' && value !== null && result.status !== 'insufficient') {
        const far = (v: number | null) => (v === null || open!.baseline === null ? -1 : Math.abs(v - open!.baseline))
        if (far(value) > far(open.peak)) {
          open.peak = value
          open.samples = w.samples
        }
      }
      if (next.event === 'resolved' && open) {
        open.end = toIso(at)
        open = undefined
      }
    }
    series.push({ group, points: out })
  }
  return { alerts, series }
}

export const DELIVERY_JOB = 'deliver'

/** The durable outbox: one job per (event, channel), its id also the `webhook-id`. */
export async function enqueueDeliveries(
  store: Store,
  projectId: string,
  channelIds: string[],
  eventId: string,
  payload: AlertPayload,
  now: number,
) {
  if (!channelIds.length) return
  await store.enqueueJobs(
    channelIds.map((channelId) => {
      const id = `msg_${hash(eventId, channelId)}`
      return {
        id: `deliver:${id}`,
        projectId,
        kind: DELIVERY_JOB,
        payload: { deliveryId: id, channelId, eventId, body: payload },
        runAfter: now,
      }
    }),
  )
}

/** The project's active monitors, each evaluated on its last closed window; then the next tick is booked. */
export async function tick(store: Store, projectId: string, now: number, intervalMs: number, o: TickOptions) {
  const monitors = (await store.listDocuments<MonitorRecord>(projectId, DOC.monitor, { limit: 1000 })).data.filter((m) => m.active)
  // Booked first: neither a monitor that fails nor a crash mid-tick stops the next tick.
  if (monitors.length) await scheduleTick(store, projectId, now + intervalMs)
  for (const m of monitors) {
    try {
      await evaluateMonitor(store, projectId, m, now, o)
    } catch (err) {
      console.error(`sightline: monitor ${m.id} (${m.name}) could not be evaluated; the others were:`, err)
    }
  }
}

/** The recurring per-project tick as a job: its lease is the "exactly one instance evaluates" election. */
export function monitorTickHandler(deps: { store: Store; now: () => number; intervalMs: number; baseUrl: () => string }): JobHandler {
  return { run: (job) => tick(deps.store, job.projectId, deps.now(), deps.intervalMs, { baseUrl: deps.baseUrl() }) }
}
