import type { Channel, Delivery, Monitor, MonitorEvent, MonitorSeriesState } from '@sightline/core'
import type { BacktestResult } from '../monitor-api'

export const NOW = Date.parse('2026-11-30T12:00:00.000Z')
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString()

export function seriesFixture(overrides: Partial<MonitorSeriesState> = {}): MonitorSeriesState {
  return { group: null, state: 'ok', value: 0.02, baseline: 0.021, samples: 840, since: at(600), lastFiredAt: null, ...overrides }
}

export function monitorFixture(overrides: Partial<Monitor> = {}): Monitor {
  return {
    id: 'mon-errors',
    name: 'Error rate in production',
    metric: 'errorRate',
    filter: { environment: 'production' },
    groupBy: null,
    window: '5m',
    condition: { kind: 'threshold', op: '>', value: 0.05 },
    minSamples: 20,
    channelIds: ['ch-oncall'],
    cooldownMinutes: 60,
    timeZone: 'Europe/Berlin',
    active: true,
    createdAt: at(60 * 24 * 7),
    updatedAt: at(60 * 24),
    series: [seriesFixture()],
    lastEvaluatedAt: at(1),
    ...overrides,
  }
}

export const monitorListFixture: Monitor[] = [
  monitorFixture({
    id: 'mon-latency',
    name: 'p95 latency by model',
    metric: 'latency.p95',
    filter: null,
    groupBy: 'model',
    window: '1h',
    condition: { kind: 'anomaly', direction: 'up', sensitivity: 'medium' },
    series: [
      seriesFixture({ group: 'gpt-4o', state: 'firing', value: 8400, baseline: 3100, samples: 412, since: at(42), lastFiredAt: at(42) }),
      seriesFixture({ group: 'claude-sonnet', state: 'ok', value: 2900, baseline: 3000, samples: 380, lastFiredAt: at(60 * 30) }),
      seriesFixture({ group: 'llama-small', state: 'insufficient', value: null, baseline: null, samples: 3 }),
    ],
  }),
  monitorFixture(),
  monitorFixture({
    id: 'mon-feedback',
    name: 'Negative feedback',
    metric: 'feedback.negativeRate',
    filter: null,
    window: '1d',
    condition: { kind: 'threshold', op: '>', value: 0.2 },
    series: [seriesFixture({ state: 'insufficient', value: null, baseline: null, samples: 4 })],
  }),
  monitorFixture({
    id: 'mon-cost',
    name: 'Daily spend',
    metric: 'cost.sum',
    filter: null,
    window: '1d',
    condition: { kind: 'threshold', op: '>', value: 50 },
    active: false,
    series: [],
    lastEvaluatedAt: null,
  }),
]

export function monitorEventFixture(i: number, overrides: Partial<MonitorEvent> = {}): MonitorEvent {
  const end = NOW - i * 3_600_000
  return {
    id: `evt-${i}`,
    monitorId: 'mon-latency',
    kind: i % 2 === 0 ? 'fired' : 'resolved',
    group: 'gpt-4o',
    windowStart: new Date(end - 3_600_000).toISOString(),
    windowEnd: new Date(end).toISOString(),
    value: i % 2 === 0 ? 8400 - i * 10 : 3200,
    baseline: 3100,
    samples: 400 + i,
    at: new Date(end + 30_000).toISOString(),
    ...overrides,
  }
}

export const monitorEventsFixture: MonitorEvent[] = Array.from({ length: 4 }, (_, i) => monitorEventFixture(i))

export function channelFixture(overrides: Partial<Channel> = {}): Channel {
  return {
    id: 'ch-oncall',
    name: 'On-call webhook',
    kind: 'webhook',
    url: 'https://hooks.example.com/sightline',
    disabledReason: null,
    createdAt: at(60 * 24 * 10),
    ...overrides,
  }
}

export const channelListFixture: Channel[] = [
  channelFixture(),
  channelFixture({ id: 'ch-slack', name: '#alerts', kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
  channelFixture({
    id: 'ch-old',
    name: 'Old receiver',
    url: 'https://old.example.com/hook',
    disabledReason: 'the receiver answered 410 Gone',
  }),
]

export function deliveryFixture(i: number, overrides: Partial<Delivery> = {}): Delivery {
  const created = NOW - i * 600_000
  const status = (['delivered', 'failed', 'pending', 'delivered'] as const)[i % 4]!
  return {
    id: `del-${i}`,
    channelId: 'ch-oncall',
    eventId: `evt-${i}`,
    status,
    attempts: status === 'delivered' ? 1 : status === 'failed' ? 6 : 2,
    lastStatusCode: status === 'delivered' ? 200 : status === 'failed' ? 500 : 503,
    lastError: status === 'failed' ? 'receiver answered 500 Internal Server Error' : status === 'pending' ? 'receiver answered 503' : null,
    nextAttemptAt: status === 'pending' ? new Date(NOW + 120_000).toISOString() : null,
    payload: { type: 'monitor.fired', data: { monitorId: 'mon-latency', group: 'gpt-4o' } },
    createdAt: new Date(created).toISOString(),
    deliveredAt: status === 'delivered' ? new Date(created + 800).toISOString() : null,
    ...overrides,
  }
}

export const deliveriesFixture: Delivery[] = Array.from({ length: 4 }, (_, i) => deliveryFixture(i))

/** A day of hourly windows with one breach in the afternoon. */
export function backtestFixture(hours = 24): BacktestResult {
  const start = NOW - hours * 3_600_000
  const points = Array.from({ length: hours }, (_, i) => {
    const value = 0.02 + 0.01 * Math.sin(i / 3) + (i >= 14 && i <= 16 ? 0.06 : 0)
    return { t: new Date(start + i * 3_600_000).toISOString(), value, samples: 300 + i, baseline: 0.025, breach: value > 0.05 }
  })
  return {
    alerts: [
      {
        group: null,
        start: points[14]!.t,
        end: points[17]!.t,
        peak: Math.max(...points.slice(14, 17).map((p) => p.value)),
        baseline: 0.025,
        samples: 920,
      },
    ],
    series: [{ group: null, points }],
  }
}
