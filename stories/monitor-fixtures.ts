import type { Channel, Delivery, Monitor, MonitorEvent } from '@sightline/core'
import type { BacktestResult } from '@sightline/react'
import {
  backtestFixture,
  channelFixture,
  deliveryFixture,
  monitorEventFixture,
  monitorFixture,
  NOW,
  seriesFixture,
} from '../packages/react/src/monitors/test-utils/fixtures'
import { random } from './fixtures'

export {
  backtestFixture,
  channelListFixture,
  deliveriesFixture,
  monitorEventsFixture,
  monitorListFixture,
  NOW,
} from '../packages/react/src/monitors/test-utils/fixtures'

const METRICS = ['errorRate', 'latency.p95', 'cost.sum', 'feedback.negativeRate', 'score.helpfulness.rate.bad', 'count'] as const
const WINDOWS = ['1m', '5m', '15m', '1h', '6h', '1d'] as const
const STATES = ['ok', 'ok', 'ok', 'firing', 'insufficient'] as const

/** `count` monitors, some grouped into many series, deterministic. */
export function makeMonitors(count: number, seed = 11): Monitor[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) => {
    const metric = METRICS[i % METRICS.length]!
    const groups = i % 4 === 0 ? 25 : 1
    return monitorFixture({
      id: `mon-${i}`,
      name: `${metric} monitor for a service with a rather long name #${i + 1}`,
      metric,
      window: WINDOWS[i % WINDOWS.length]!,
      groupBy: groups > 1 ? 'model' : null,
      active: i % 9 !== 8,
      condition: i % 3 === 0 ? { kind: 'anomaly', direction: 'both', sensitivity: 'high' } : { kind: 'threshold', op: '>', value: 0.1 },
      series: Array.from({ length: groups }, (_, g) => {
        const state = STATES[Math.floor(next() * STATES.length)]!
        return seriesFixture({
          group: groups > 1 ? `model-${g}` : null,
          state,
          value: next(),
          baseline: next(),
          samples: Math.round(next() * 5000),
          lastFiredAt: state === 'firing' || next() > 0.5 ? new Date(NOW - Math.round(next() * 7 * 86_400_000)).toISOString() : null,
        })
      }),
    })
  })
}

/** `count` alternating fired/resolved events over many groups. */
export const makeEvents = (count: number): MonitorEvent[] =>
  Array.from({ length: count }, (_, i) => monitorEventFixture(i, { group: `model-${Math.floor(i / 2) % 30}` }))

export const makeChannels = (count: number): Channel[] =>
  Array.from({ length: count }, (_, i) =>
    channelFixture({
      id: `ch-${i}`,
      name: `Receiver ${i + 1} of the platform team's incident tooling`,
      kind: i % 3 === 0 ? 'slack' : 'webhook',
      url: `https://hooks.example.com/services/${'x'.repeat(40)}/${i}`,
      disabledReason: i % 11 === 10 ? 'the receiver answered 410 Gone' : null,
    }),
  )

export const makeDeliveries = (count: number): Delivery[] => Array.from({ length: count }, (_, i) => deliveryFixture(i))

/** A backtest of `groups` series over a week of hourly windows. */
export function makeBacktest(groups: number, seed = 3): BacktestResult {
  const next = random(seed)
  const base = backtestFixture(24 * 7)
  const series = Array.from({ length: groups }, (_, g) => ({
    group: `model-${g}`,
    points: base.series[0]!.points.map((p) => {
      const value = p.value! * (0.5 + next())
      return { ...p, value, breach: value > 0.05 }
    }),
  }))
  return { series, alerts: Array.from({ length: 40 }, (_, i) => ({ ...base.alerts[0]!, group: `model-${i % groups}` })) }
}
