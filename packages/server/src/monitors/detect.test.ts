import { describe, expect, it } from 'vitest'
import {
  type Baseline,
  baselineFor,
  type EvaluationResult,
  evaluateCondition,
  initialMonitorState,
  type MonitorState,
  median,
  minSamplesForQuantile,
  robustSpread,
  step,
  type WindowObs,
  wilsonInterval,
} from './detect'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY
/** Monday 2026-01-05 00:00 UTC */
const T0 = Date.UTC(2026, 0, 5)

const rateObs = (start: number, successes: number, samples: number): WindowObs => ({
  start,
  value: samples ? successes / samples : null,
  samples,
  successes,
})
const baseline = (center: number, samples: number, method: Baseline['method'] = 'hour-of-week'): Baseline => ({
  center,
  spread: 0,
  samples,
  points: 4,
  method,
})
const up = { kind: 'anomaly', direction: 'up' } as const

describe('statistics helpers', () => {
  it('wilsonInterval matches a hand-computed interval and stays inside [0, 1]', () => {
    // 10 of 100 at z 1.96: centre (0.1 + 0.019208) / 1.038416, half 1.96·√(0.0009 + 0.00009604) / 1.038416
    const [lo, hi] = wilsonInterval(10, 100, 1.96)
    expect(lo).toBeCloseTo(0.05523, 4)
    expect(hi).toBeCloseTo(0.17437, 4)
    expect(wilsonInterval(0, 20, 3)[0]).toBeCloseTo(0, 12)
    expect(wilsonInterval(20, 20, 3)[1]).toBe(1)
    expect(wilsonInterval(0, 0, 3)).toEqual([0, 1])
  })

  it('median and robustSpread ignore one outlier', () => {
    expect(median([])).toBeNull()
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    // values 10, 11, 9, 10, 1000: median 10, deviations 0, 1, 1, 0, 990 → MAD 1
    expect(robustSpread([10, 11, 9, 10, 1000])).toBeCloseTo(1.4826, 6)
  })

  it('minSamplesForQuantile: p95 needs 59 samples for a distribution-free 95 % bound', () => {
    expect(minSamplesForQuantile(0.95)).toBe(59)
    expect(minSamplesForQuantile(0.5)).toBe(5)
    expect(minSamplesForQuantile(0.99)).toBe(299)
    expect(() => minSamplesForQuantile(1)).toThrow(RangeError)
  })
})

describe('baselineFor', () => {
  const at = T0 + 5 * WEEK + 14 * HOUR // a Monday, 14:00 UTC

  it('pools the same hour-of-week over the last 4 weeks (rates: Σsuccesses / Σsamples)', () => {
    const history = [
      rateObs(at - WEEK, 5, 100),
      rateObs(at - 2 * WEEK, 15, 100),
      rateObs(at - 3 * WEEK, 4, 200),
      rateObs(at - 4 * WEEK, 6, 100),
      rateObs(at - 5 * WEEK, 90, 100), // older than 4 weeks
      rateObs(at - WEEK + HOUR, 90, 100), // another hour
      rateObs(at - DAY, 90, 100), // same hour, another weekday
      rateObs(at, 90, 100), // the window itself
    ]
    const b = baselineFor(history, at, HOUR)
    expect(b.method).toBe('hour-of-week')
    expect(b.points).toBe(4)
    expect(b.samples).toBe(500)
    expect(b.center).toBeCloseTo(30 / 500, 10)
    // window rates 0.05, 0.15, 0.02, 0.06: median 0.055, deviations .005 .095 .035 .005 → MAD 0.02
    expect(b.spread).toBeCloseTo(1.4826 * 0.02, 10)
  })

  it('values get the median, so one bad week does not move the baseline', () => {
    const history = [800, 820, 790, 9000].map((v, i) => ({ start: at - (i + 1) * WEEK, value: v, samples: 50 }))
    const b = baselineFor(history, at, HOUR)
    expect(b.center).toBe(810)
    expect(b.samples).toBe(200)
  })

  it('falls back to the same hour-of-day over 7 days when fewer than 2 weekly points have data, then to none', () => {
    const daily = [1, 2, 3].map((d) => rateObs(at - d * DAY, 3, 60))
    const thin = [rateObs(at - WEEK, 1, 10), rateObs(at - 2 * WEEK, 0, 0), ...daily]
    const b = baselineFor(thin, at, HOUR)
    expect(b.method).toBe('hour-of-day')
    // the −7 d window is the same hour-of-day too
    expect(b.points).toBe(4)
    expect(b.center).toBeCloseTo(10 / 190, 10)
    expect(baselineFor([rateObs(at - WEEK, 1, 10)], at, HOUR).method).toBe('none')
    expect(baselineFor([], at, HOUR)).toEqual({ center: null, spread: null, samples: 0, points: 0, method: 'none' })
  })

  it('minSamples makes a thin weekly baseline give way to the daily one', () => {
    const history = [rateObs(at - WEEK, 1, 5), rateObs(at - 2 * WEEK, 0, 5), ...[1, 2, 3, 4, 5, 6].map((d) => rateObs(at - d * DAY, 2, 40))]
    expect(baselineFor(history, at, HOUR).method).toBe('hour-of-week')
    const b = baselineFor(history, at, HOUR, { minSamples: 30 })
    expect(b.method).toBe('hour-of-day')
    expect(b.samples).toBe(245)
  })

  it('a day-long rate window pools the same hour-of-day over 4 weeks, unless its weekday differs', () => {
    const days = Array.from({ length: 28 }, (_, i) => i + 1)
    const flat = days.map((d) => rateObs(at - d * DAY, 10, 200))
    const pooled = baselineFor(flat, at, DAY)
    expect(pooled).toMatchObject({ method: 'hour-of-day', points: 28, samples: 5600 })
    expect(pooled.center).toBeCloseTo(0.05, 10)
    // Mondays run at twice the rate: only they make the baseline.
    const mondays = days.map((d) => rateObs(at - d * DAY, d % 7 ? 10 : 20, 200))
    const weekly = baselineFor(mondays, at, DAY)
    expect(weekly).toMatchObject({ method: 'hour-of-week', points: 4, samples: 800 })
    expect(weekly.center).toBeCloseTo(0.1, 10)
    // Shorter windows keep the weekday.
    expect(baselineFor(flat, at, HOUR).method).toBe('hour-of-week')
  })

  it('never uses windows that overlap the one under test (long windows)', () => {
    // 48 h windows: the −1 d window overlaps [at, at + 48 h); −2 d and later do not
    const history = [1, 2, 3].map((d) => rateObs(at - d * DAY, d, 100))
    const b = baselineFor(history, at, 2 * DAY)
    expect(b.method).toBe('hour-of-day')
    expect(b.samples).toBe(200)
    expect(b.center).toBeCloseTo(5 / 200, 10)
  })

  it('matches local hours in a time zone across a DST change', () => {
    // Europe/Berlin moves to summer time on 2026-03-29: Monday 09:00 local is 08:00 UTC on 9, 16
    // and 23 March, 07:00 UTC on 30 March and 6 April.
    const at9 = Date.UTC(2026, 3, 6, 7)
    const local9 = [Date.UTC(2026, 2, 30, 7), Date.UTC(2026, 2, 23, 8), Date.UTC(2026, 2, 16, 8)].map((t) => rateObs(t, 5, 100))
    // 10:00 CEST, 08:00 CET, 08:00 CET
    const others = [Date.UTC(2026, 2, 30, 8), Date.UTC(2026, 2, 23, 7), Date.UTC(2026, 2, 16, 7)].map((t) => rateObs(t, 50, 100))
    const b = baselineFor([...local9, ...others], at9, HOUR, { tz: 'Europe/Berlin' })
    expect(b).toMatchObject({ method: 'hour-of-week', points: 3, samples: 300 })
    expect(b.center).toBeCloseTo(0.05, 10)
    // in UTC, 07:00 UTC is the match instead: 5 + 50 + 50 of 300
    expect(baselineFor([...local9, ...others], at9, HOUR).center).toBeCloseTo(105 / 300, 10)
  })
})

describe('evaluateCondition: thresholds', () => {
  const none = baseline(0, 0, 'none')
  it('compares the value, with hysteresis for clear', () => {
    const gt = { kind: 'threshold', op: '>', value: 0.1 } as const
    expect(evaluateCondition(rateObs(0, 12, 100), none, gt, { kind: 'rate' })).toMatchObject({
      status: 'breach',
      clear: false,
      level: 0.12,
    })
    // 0.095 is not above 0.1 but not 10 % back either (≤ 0.09)
    expect(evaluateCondition(rateObs(0, 19, 200), none, gt, { kind: 'rate' })).toMatchObject({ status: 'ok', clear: false })
    expect(evaluateCondition(rateObs(0, 9, 100), none, gt, { kind: 'rate' })).toMatchObject({ status: 'ok', clear: true })
    const lt = { kind: 'threshold', op: '<', value: 200 } as const
    const v = (value: number): WindowObs => ({ start: 0, value, samples: 40 })
    expect(evaluateCondition(v(150), none, lt, { kind: 'value' }).status).toBe('breach')
    expect(evaluateCondition(v(210), none, lt, { kind: 'value' })).toMatchObject({ status: 'ok', clear: false })
    expect(evaluateCondition(v(220), none, lt, { kind: 'value' })).toMatchObject({ status: 'ok', clear: true })
  })

  it('is insufficient (never 0, never a breach) below minSamples or without a value', () => {
    const gt = { kind: 'threshold', op: '>', value: 0.1 } as const
    const r = evaluateCondition(rateObs(0, 2, 3), none, gt, { kind: 'rate' })
    expect(r).toMatchObject({ status: 'insufficient', level: null })
    expect(r.detail).toContain('3 of 30')
    expect(evaluateCondition(rateObs(0, 0, 0), none, gt, { kind: 'rate', minSamples: 0 }).status).toBe('insufficient')
    expect(evaluateCondition(rateObs(0, 2, 3), none, gt, { kind: 'rate', minSamples: 3 }).status).toBe('breach')
    const lt = { kind: 'threshold', op: '<', value: 1 } as const
    expect(evaluateCondition({ start: 0, value: 0, samples: 10 }, none, lt, { kind: 'value' }).status).toBe('insufficient')
  })
})

describe('evaluateCondition: rate anomalies', () => {
  it('2 thumbs-down out of 3 at night pages no one: insufficient data, not 67 %', () => {
    const r = evaluateCondition(rateObs(0, 2, 3), baseline(0.07, 120), up, { kind: 'rate' })
    expect(r).toMatchObject({ status: 'insufficient', level: null })
    // the gate is what protects here: the Wilson approximation is loose on 3 events
    expect(evaluateCondition(rateObs(0, 2, 3), baseline(0.07, 120), up, { kind: 'rate', minSamples: 10 }).status).toBe('insufficient')
  })

  it('a doubling at volume breaches; the same ratio on a few events does not', () => {
    // 5 % over 4 weeks of 2,000 events; the window 100 of 1,000 (10 %)
    const r = evaluateCondition(rateObs(0, 100, 1000), baseline(0.05, 8000), up, { kind: 'rate' })
    expect(r.status).toBe('breach')
    expect(r.level!).toBeGreaterThan(0.05)
    expect(r.detail).toContain('10.0 % of 1000')
    expect(evaluateCondition(rateObs(0, 4, 40), baseline(0.05, 8000), up, { kind: 'rate' }).status).toBe('ok')
  })

  it('a thin baseline widens the test: the same window does not breach against 60 baseline events', () => {
    const w = rateObs(0, 24, 200) // 12 % against 5 %
    expect(evaluateCondition(w, baseline(0.05, 8000), up, { kind: 'rate' }).status).toBe('breach')
    expect(evaluateCondition(w, baseline(0.05, 60), up, { kind: 'rate' }).status).toBe('ok')
  })

  it('a tiny but significant shift at huge volume does not page (minimum relative effect)', () => {
    // 5.5 % vs 5 % on a million events: far outside the interval, but +10 % only
    const r = evaluateCondition(rateObs(0, 55_000, 1_000_000), baseline(0.05, 4_000_000), up, { kind: 'rate' })
    expect(r.status).toBe('ok')
    expect(r.level!).toBeGreaterThan(0.05)
    expect(
      evaluateCondition(rateObs(0, 55_000, 1_000_000), baseline(0.05, 4_000_000), up, { kind: 'rate', minRelativeEffect: 0.05 }).status,
    ).toBe('breach')
  })

  it('follows the direction and the sensitivity', () => {
    const low = rateObs(0, 10, 1000) // 1 % against 5 %
    expect(evaluateCondition(low, baseline(0.05, 8000), up, { kind: 'rate' }).status).toBe('ok')
    expect(evaluateCondition(low, baseline(0.05, 8000), { kind: 'anomaly', direction: 'down' }, { kind: 'rate' }).status).toBe('breach')
    expect(evaluateCondition(low, baseline(0.05, 8000), { kind: 'anomaly', direction: 'both' }, { kind: 'rate' }).status).toBe('breach')
    // 34 of 400 (8.5 %) against 5 % of 8,000: high (z 2.5) and medium (z 3) page, low (z 3.5) does not
    const w = rateObs(0, 34, 400)
    const at = (sensitivity: 'low' | 'medium' | 'high') =>
      evaluateCondition(w, baseline(0.05, 8000), { kind: 'anomaly', direction: 'up', sensitivity }, { kind: 'rate' }).status
    expect([at('high'), at('medium'), at('low')]).toEqual(['breach', 'breach', 'ok'])
    expect(evaluateCondition(rateObs(0, 33, 400), baseline(0.05, 8000), up, { kind: 'rate' }).status).toBe('ok')
  })

  it('is insufficient without a baseline or with a baseline thinner than minSamples', () => {
    const w = rateObs(0, 100, 1000)
    expect(evaluateCondition(w, { center: null, spread: null, samples: 0, points: 0, method: 'none' }, up, { kind: 'rate' }).status).toBe(
      'insufficient',
    )
    expect(evaluateCondition(w, baseline(0.05, 20), up, { kind: 'rate' }).status).toBe('insufficient')
  })

  it('clears once the interval holds the baseline or the move is under half the minimum effect', () => {
    const b = baseline(0.05, 4_000_000)
    expect(evaluateCondition(rateObs(0, 100, 1000), b, up, { kind: 'rate' })).toMatchObject({ status: 'breach', clear: false })
    // 7 % of 1,000: the interval (4.8–10.3 %) holds 5 % again
    expect(evaluateCondition(rateObs(0, 70, 1000), b, up, { kind: 'rate' })).toMatchObject({ status: 'ok', clear: true })
    // minimum effect 15 %: +10 % on a million events is significant, under 15 % but over 7.5 % → not clear
    const opts = { kind: 'rate', minRelativeEffect: 0.15 } as const
    expect(evaluateCondition(rateObs(0, 55_000, 1_000_000), b, up, opts)).toMatchObject({ status: 'ok', clear: false })
    // +4 %: still significant, but under half the minimum effect → clear
    expect(evaluateCondition(rateObs(0, 52_000, 1_000_000), b, up, opts)).toMatchObject({ status: 'ok', clear: true })
  })
})

describe('evaluateCondition: value anomalies', () => {
  const b: Baseline = { center: 1000, spread: 150, samples: 400, points: 4, method: 'hour-of-week' }
  const v = (value: number): WindowObs => ({ start: 0, value, samples: 80 })
  it('breaches beyond k robust SDs and the minimum effect', () => {
    const r = evaluateCondition(v(1500), b, up, { kind: 'value' })
    expect(r).toMatchObject({ status: 'breach', clear: false })
    expect(r.level!).toBeCloseTo(500 / 150, 10)
    expect(evaluateCondition(v(1400), b, up, { kind: 'value' })).toMatchObject({ status: 'ok', clear: true })
    expect(evaluateCondition(v(500), b, up, { kind: 'value' }).status).toBe('ok')
    expect(evaluateCondition(v(500), b, { kind: 'anomaly', direction: 'down' }, { kind: 'value' }).status).toBe('breach')
  })

  it('floors the spread at 10 % of the median (identical history is not infinitely precise)', () => {
    const flat: Baseline = { center: 1000, spread: 0, samples: 400, points: 4, method: 'hour-of-week' }
    expect(evaluateCondition(v(1250), flat, up, { kind: 'value' }).status).toBe('ok') // 2.5 SDs of 100
    expect(evaluateCondition(v(1350), flat, up, { kind: 'value' }).status).toBe('breach')
  })

  it('a daily pattern a plain threshold trips on does not breach against its seasonal baseline', () => {
    // p95 latency: 900 ms by night, 2,000 ms every afternoon (load); the afternoon looks bad to a fixed threshold
    const history: WindowObs[] = []
    for (let d = 1; d <= 28; d++)
      for (let h = 0; h < 24; h++)
        history.push({ start: T0 + 28 * DAY - d * DAY + h * HOUR, value: h >= 12 && h < 18 ? 2000 + d : 900 + d, samples: 120 })
    const at = T0 + 28 * DAY + 14 * HOUR
    const obs: WindowObs = { start: at, value: 2050, samples: 120 }
    const bl = baselineFor(history, at, HOUR)
    expect(bl.method).toBe('hour-of-week')
    expect(evaluateCondition(obs, bl, up, { kind: 'value', minSamples: 59 }).status).toBe('ok')
    expect(evaluateCondition(obs, bl, { kind: 'threshold', op: '>', value: 1500 }, { kind: 'value', minSamples: 59 }).status).toBe('breach')
    // at night the same 2,050 ms is an anomaly
    const night = T0 + 28 * DAY + 3 * HOUR
    expect(evaluateCondition({ ...obs, start: night }, baselineFor(history, night, HOUR), up, { kind: 'value' }).status).toBe('breach')
  })
})

describe('step', () => {
  const r = (status: EvaluationResult['status'], clear = status === 'ok'): EvaluationResult => ({
    status,
    clear,
    level: null,
    baselineValue: null,
    detail: '',
  })
  const run = (results: EvaluationResult[], cooldownMs = 0, resolveAfter?: number) => {
    let state: MonitorState = initialMonitorState()
    const events: string[] = []
    results.forEach((result, i) => {
      const next = step(state, result, { cooldownMs, now: i * HOUR, resolveAfter })
      state = next.state
      events.push(next.event ?? '-')
    })
    return { state, events }
  }

  it('ok → firing → resolved after 2 clear windows', () => {
    const { state, events } = run([r('ok'), r('breach'), r('breach'), r('ok'), r('ok'), r('ok')])
    expect(events).toEqual(['-', 'fired', '-', '-', 'resolved', '-'])
    expect(state).toMatchObject({ status: 'resolved', lastFiredAt: HOUR, lastResolvedAt: 4 * HOUR, since: 4 * HOUR })
  })

  it('hysteresis: not breaching but not clear keeps firing and breaks the clear streak', () => {
    const { events, state } = run([r('breach'), r('ok'), r('ok', false), r('ok'), r('breach'), r('ok'), r('ok')])
    expect(events).toEqual(['fired', '-', '-', '-', '-', '-', 'resolved'])
    expect(state.status).toBe('resolved')
    expect(run([r('breach'), r('ok')], 0, 1).events).toEqual(['fired', 'resolved'])
  })

  it('cooldown: a breach soon after a resolve does not fire; a later one does', () => {
    const seq = [r('breach'), r('ok'), r('ok'), r('breach'), r('breach'), r('breach'), r('breach')]
    // resolved at 2 h; cooldown 3 h → breaches at 3 h and 4 h are dropped, 5 h fires
    const { events } = run(seq, 3 * HOUR)
    expect(events).toEqual(['fired', '-', 'resolved', '-', '-', 'fired', '-'])
    expect(run(seq, 0).events).toEqual(['fired', '-', 'resolved', 'fired', '-', '-', '-'])
  })

  it('insufficient data never fires, resolves or breaks a streak', () => {
    expect(run([r('insufficient'), r('insufficient')]).state).toEqual(initialMonitorState())
    const { events, state } = run([r('breach'), r('insufficient'), r('insufficient'), r('ok'), r('insufficient'), r('ok')])
    expect(events).toEqual(['fired', '-', '-', '-', '-', 'resolved'])
    expect(state.status).toBe('resolved')
  })
})
