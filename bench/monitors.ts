// `pnpm bench` figures for the monitors' detection math: false alerts on clean seasonal series and
// the delay to catch a doubled thumbs-down rate, for the anomaly monitor and plain thresholds.
// Synthetic, labelled, deterministic (seeded PRNG). Figures only, never pass/fail.
// The server does not export its monitor internals yet: its file, by path.
import {
  baselineFor,
  type EvaluateOptions,
  evaluateCondition,
  initialMonitorState,
  type MonitorCondition,
  type MonitorState,
  step,
  type WindowObs,
} from '../packages/server/src/monitors/detect'
import { machineLine } from './machine'

const HOUR = 3_600_000
/** Monday 2026-01-05 00:00 UTC: the series start on a week boundary. */
const T0 = Date.UTC(2026, 0, 5)
const HISTORY_DAYS = 56
const CLEAN_DAYS = 30
/** a doubling not caught this long after it starts counts as missed */
const MAX_DELAY_H = 7 * 24
const COOLDOWN = 6 * HOUR
const VOLUMES = [50, 200, 2_000]
/** the rolling window of the anomaly and the plain threshold: enough events at 200/day to see a doubling */
const WINDOW_H = 24

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

function poisson(rnd: () => number, lambda: number): number {
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rnd)))
  const l = Math.exp(-lambda)
  let k = 0
  let p = rnd()
  while (p > l) {
    k++
    p *= rnd()
  }
  return k
}

function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
}

/** 0 at night (22:00–06:00), 1 at 14:00 */
const dayShape = (h: number) => (h >= 6 && h <= 22 ? Math.sin((Math.PI * (h - 6)) / 16) : 0)
/** volume: night 20 % of the afternoon peak, weekends 60 % of weekdays */
const volumeWeight = (h: number, dow: number) => (0.2 + 0.8 * dayShape(h)) * (dow >= 5 ? 0.6 : 1)
/** thumbs-down rate: 4 % at the afternoon peak, 7 % at night, +0.5 pp at weekends */
const negRate = (h: number, dow: number) => 0.04 + 0.03 * (1 - dayShape(h)) + (dow >= 5 ? 0.005 : 0)

let weekWeight = 0
for (let i = 0; i < 168; i++) weekWeight += volumeWeight(i % 24, Math.floor(i / 24))

interface Hourly {
  samples: number[]
  negatives: number[]
}

/** Hourly feedback counts from T0; the rate is multiplied by `factor` from hour `changeAt` on. */
function series(seed: number, perDay: number, hours: number, changeAt = Number.POSITIVE_INFINITY, factor = 2): Hourly {
  const rnd = mulberry32(seed)
  const scale = (7 * perDay) / weekWeight
  const samples: number[] = []
  const negatives: number[] = []
  for (let i = 0; i < hours; i++) {
    const h = i % 24
    const dow = Math.floor(i / 24) % 7
    const n = poisson(rnd, scale * volumeWeight(h, dow))
    const p = negRate(h, dow) * (i >= changeAt ? factor : 1)
    let k = 0
    for (let j = 0; j < n; j++) if (rnd() < p) k++
    samples.push(n)
    negatives.push(k)
  }
  return { samples, negatives }
}

/** Rolling windows of `w` hours, one starting at every hour (index = start hour). */
function rolling(s: Hourly, w: number): WindowObs[] {
  const out: WindowObs[] = []
  let n = 0
  let k = 0
  for (let i = 0; i < s.samples.length; i++) {
    n += s.samples[i]!
    k += s.negatives[i]!
    if (i >= w) {
      n -= s.samples[i - w]!
      k -= s.negatives[i - w]!
    }
    if (i >= w - 1) {
      const start = i - w + 1
      out[start] = { start: T0 + start * HOUR, value: n ? k / n : null, samples: n, successes: k }
    }
  }
  return out
}

interface Monitor {
  name: string
  windowH: number
  condition: (meanRate: number) => MonitorCondition
  options: EvaluateOptions
}

const MONITORS: Monitor[] = [
  {
    name: `anomaly, ${WINDOW_H} h window`,
    windowH: WINDOW_H,
    condition: () => ({ kind: 'anomaly', direction: 'up' }),
    options: { kind: 'rate' },
  },
  {
    name: `anomaly, ${WINDOW_H} h window, high`,
    windowH: WINDOW_H,
    condition: () => ({ kind: 'anomaly', direction: 'up', sensitivity: 'high' }),
    options: { kind: 'rate' },
  },
  { name: 'anomaly, 1 h window', windowH: 1, condition: () => ({ kind: 'anomaly', direction: 'up' }), options: { kind: 'rate' } },
  {
    name: `threshold 2× mean, ${WINDOW_H} h`,
    windowH: WINDOW_H,
    condition: (mean) => ({ kind: 'threshold', op: '>', value: 2 * mean }),
    options: { kind: 'rate' },
  },
  {
    name: 'threshold 2× mean, 1 h, naive',
    windowH: 1,
    condition: (mean) => ({ kind: 'threshold', op: '>', value: 2 * mean }),
    options: { kind: 'rate', minSamples: 1 },
  },
]

let evalCalls = 0
let evalMs = 0
let scanMs = 0
let scanSink = 0

/**
 * Runs a monitor hourly over windows ending in [fromH, toH) (hours since T0); returns the hours
 * (window end) at which it fired. The history handed over is the last 29 days of windows, as a
 * server would query them.
 */
function run(s: Hourly, m: Monitor, meanRate: number, fromH: number, toH: number, stopAtFirst = false): number[] {
  const windows = rolling(s, m.windowH)
  const condition = m.condition(meanRate)
  const fired: number[] = []
  let state: MonitorState = initialMonitorState()
  for (let end = fromH; end < toH; end++) {
    const startH = end - m.windowH
    const obs = windows[startH]!
    const history = windows.slice(Math.max(0, startH - 29 * 24), startH)
    const t = performance.now()
    const baseline = baselineFor(history, obs.start, m.windowH * HOUR, { minSamples: 30 })
    const result = evaluateCondition(obs, baseline, condition, m.options)
    const next = step(state, result, { cooldownMs: COOLDOWN, now: T0 + end * HOUR })
    const t1 = performance.now()
    // Baseline figure of the same run: one plain pass over the same history (what reading it costs).
    let sum = 0
    for (const w of history) sum += w.samples
    scanSink += sum
    scanMs += performance.now() - t1
    evalMs += t1 - t
    evalCalls++
    state = next.state
    if (next.event === 'fired') {
      fired.push(end)
      if (stopAtFirst) break
    }
  }
  return fired
}

const medianOf = (xs: number[]) => {
  if (!xs.length) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export interface MonitorBenchRow {
  perDay: number
  monitor: string
  falseAlertsPer30Days: number
  medianDelayH: number
  /** doublings caught within 24 h of their start */
  within24hPct: number
  detectedPct: number
  /** a 1.5× rise (which a 2× threshold is blind to) caught within 7 days */
  detected15Pct: number
}

export async function benchMonitors({ seeds = 40, printMachine = true }: { seeds?: number; printMachine?: boolean } = {}) {
  if (printMachine) console.log(`Machine: ${machineLine()}\n`)
  evalCalls = 0
  evalMs = 0
  scanMs = 0
  const rows: MonitorBenchRow[] = []
  const historyH = HISTORY_DAYS * 24
  for (const perDay of VOLUMES) {
    const perMonitor = MONITORS.map(() => ({ falseAlerts: 0, delays: [] as number[], missed: 0, caught15: 0 }))
    for (let seed = 1; seed <= seeds; seed++) {
      const clean = series(seed * 7919 + perDay, perDay, historyH + CLEAN_DAYS * 24)
      let n = 0
      let k = 0
      for (let i = 0; i < historyH; i++) {
        n += clean.samples[i]!
        k += clean.negatives[i]!
      }
      const meanRate = k / n
      const onset = historyH + Math.floor(mulberry32(seed * 31 + perDay)() * 7 * 24)
      const changed = series(seed * 7919 + perDay, perDay, onset + MAX_DELAY_H + 1, onset)
      const rise = series(seed * 7919 + perDay, perDay, onset + MAX_DELAY_H + 1, onset, 1.5)
      MONITORS.forEach((m, i) => {
        perMonitor[i]!.falseAlerts += run(clean, m, meanRate, historyH, historyH + CLEAN_DAYS * 24).length
        const hit = run(changed, m, meanRate, onset + 1, onset + MAX_DELAY_H + 1, true)[0]
        if (hit === undefined) perMonitor[i]!.missed++
        else perMonitor[i]!.delays.push(hit - onset)
        if (run(rise, m, meanRate, onset + 1, onset + MAX_DELAY_H + 1, true).length) perMonitor[i]!.caught15++
      })
    }
    MONITORS.forEach((m, i) => {
      const r = perMonitor[i]!
      rows.push({
        perDay,
        monitor: m.name,
        falseAlertsPer30Days: r.falseAlerts / seeds,
        medianDelayH: medianOf(r.delays),
        within24hPct: (100 * r.delays.filter((d) => d <= 24).length) / seeds,
        detectedPct: (100 * r.delays.length) / seeds,
        detected15Pct: (100 * r.caught15) / seeds,
      })
    })
  }

  console.log(
    `Monitors: thumbs-down rate (4–7 % by hour), hourly feedback with daily (night 20 % of peak) and weekly (weekends 60 %) seasonality; ${HISTORY_DAYS} days of history, then ${CLEAN_DAYS} clean days (false alerts) or the rate doubling (or × 1.5) at a random hour (delay to the end of the window that fired; missed after ${MAX_DELAY_H} h); ${seeds} seeds; evaluated hourly, cooldown ${COOLDOWN / HOUR} h`,
  )
  console.log(
    '  events/day  monitor                              false alerts / 30 days  median delay  caught ≤ 24 h  detected  1.5× detected',
  )
  for (const r of rows)
    console.log(
      `  ${r.perDay.toLocaleString('en').padStart(10)}  ${r.monitor.padEnd(36)} ${r.falseAlertsPer30Days.toFixed(2).padStart(22)}  ${Number.isNaN(r.medianDelayH) ? '—'.padStart(12) : `${r.medianDelayH.toFixed(0)} h`.padStart(12)}  ${`${r.within24hPct.toFixed(0)} %`.padStart(13)}  ${`${r.detectedPct.toFixed(0)} %`.padStart(8)}  ${`${r.detected15Pct.toFixed(0)} %`.padStart(13)}`,
    )
  for (const target of rows.filter((r) => r.perDay === 200 && r.monitor.startsWith(`anomaly, ${WINDOW_H} h`))) {
    const met = target.falseAlertsPer30Days <= 1 && target.medianDelayH <= 24
    console.log(
      `  target at 200/day (≤ 1 false alert per 30 clean days, doubling caught within 24 h), ${target.monitor}: ${target.falseAlertsPer30Days.toFixed(2)} false alerts, median delay ${target.medianDelayH.toFixed(0)} h, ${target.within24hPct.toFixed(0)} % caught within 24 h, ${target.detectedPct.toFixed(0)} % within ${MAX_DELAY_H} h → ${met ? 'met (on the median)' : 'not met'}`,
    )
  }
  const per = (evalMs * 1000) / evalCalls
  console.log(
    `  detection cost: ${per.toFixed(1)} µs per evaluation (baselineFor over 29 days of hourly windows + evaluateCondition + step, ${evalCalls.toLocaleString('en')} calls); baseline: one summing pass over the same history ${((scanMs * 1000) / evalCalls).toFixed(1)} µs\n`,
  )
  return { rows, usPerEvaluation: per, historySamplesScanned: scanSink }
}
