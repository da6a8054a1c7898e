import { toIso } from '@sightline/core'
import { backtest, createMonitor, DOC, type MonitorRecord } from '../monitors/monitors'
import { validateBatch } from '../services/ingest'
import { writeBatch } from '../services/write'
import type { Store } from '../store/types'

export const DEMO_MONITOR_NAME = 'Thumbs-down rate'
const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The demo's monitor on the thumbs-down rate, and a past incident so its timeline has content:
 * an afternoon two days ago when most votes were thumbs-down, and its recovery. Its events are what the monitor's own
 * detector says of that history (a backtest), written as if it had been watching. Made once.
 */
export async function ensureDemoMonitor(store: Store, projectId: string, now: number): Promise<void> {
  const existing = (await store.listDocuments<MonitorRecord>(projectId, DOC.monitor, { limit: 100 })).data
  if (existing.some((m) => m.name === DEMO_MONITOR_NAME)) return
  // 14:00 UTC two days ago
  const incident = Math.floor((now - 2 * DAY) / DAY) * DAY + 14 * HOUR
  // three hours of mostly thumbs-down, then six hours of recovery
  const traces = Array.from({ length: 72 }, (_, i) => ({
    id: `incident-${i}`,
    name: 'rag-qa',
    environment: 'production',
    input: 'Why was I charged twice?',
    output: i < 36 ? 'I could not find any charges on your account.' : 'You were charged twice by mistake; the second charge is refunded.',
    startTime: incident + (i < 36 ? i * 5 : 180 + (i - 36) * 10) * 60_000,
  }))
  const scores = traces.map((t, i) => ({
    traceId: t.id,
    name: 'user_feedback',
    value: i < 36 ? i % 6 === 0 : i % 9 !== 0,
    source: 'feedback' as const,
  }))
  await writeBatch(store, projectId, validateBatch({ traces, scores }).write, now)
  const input = {
    name: DEMO_MONITOR_NAME,
    metric: 'feedback.negativeRate',
    window: '3h' as const,
    condition: { kind: 'threshold' as const, op: '>' as const, value: 0.4 },
    minSamples: 10,
    channelIds: [],
    cooldownMinutes: 60,
    active: true,
  }
  const monitor = await createMonitor(store, projectId, input, now)
  const history = await backtest(store, projectId, input, now - 7 * DAY, now)
  const events = history.alerts.flatMap((a) => {
    const base = { monitorId: monitor.id, group: a.group, value: a.peak, baseline: a.baseline, samples: a.samples }
    const fired = {
      ...base,
      id: `evt_demo_${a.start}_fired`,
      kind: 'fired' as const,
      windowStart: a.start,
      windowEnd: toIso(Date.parse(a.start) + 3 * HOUR),
      at: toIso(Date.parse(a.start) + 3 * HOUR),
    }
    return a.end
      ? [
          fired,
          {
            ...base,
            id: `evt_demo_${a.start}_resolved`,
            kind: 'resolved' as const,
            windowStart: toIso(Date.parse(a.end) - 3 * HOUR),
            windowEnd: a.end,
            at: a.end,
          },
        ]
      : [fired]
  })
  await store.putDocuments(
    projectId,
    DOC.event,
    events.map((e) => ({ id: e.id, parentId: monitor.id, at: Date.parse(e.at), body: e })),
  )
}
