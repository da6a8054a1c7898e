// The detection math of monitors: seasonal baselines, threshold and anomaly tests, and the
// ok → firing → resolved state machine. Pure functions, no I/O, no clock: the caller passes times.
//
// Method (README "Monitors"): a window's value is compared with the same hour-of-week over the
// last 4 weeks (or the same hour-of-day over the last 7 days when that history is thin; day-long
// rate windows pool the same hour-of-day over 4 weeks when the weekday makes no difference). Rates
// are tested with a Wilson score interval that accounts for both the window's and the baseline's
// sample size, so a handful of events never pages; values (averages, percentiles)
// with a robust z-score (median / MAD). A window with fewer than `minSamples` is "insufficient
// data": it neither fires nor resolves, and it never counts as 0.

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** One evaluated window. Rates: value = successes / samples; averages and percentiles: samples = count. */
export interface WindowObs {
  /** epoch ms of the window's start */
  start: number
  value: number | null
  samples: number
  /** rates only: the events that count (thumbs-down, errors, scores in the bucket) */
  successes?: number | undefined
}

export type Sensitivity = 'low' | 'medium' | 'high'

export type MonitorCondition =
  | { kind: 'threshold'; op: '>' | '<'; value: number }
  | { kind: 'anomaly'; direction: 'up' | 'down' | 'both'; sensitivity?: Sensitivity | undefined }

export type BaselineMethod = 'hour-of-week' | 'hour-of-day' | 'none'

export interface Baseline {
  /** rates: the pooled rate Σsuccesses / Σsamples; values: the median of the matching windows */
  center: number | null
  /** 1.4826 · MAD of the matching windows' values (a robust standard deviation) */
  spread: number | null
  /** events behind the baseline (Σsamples of the matching windows) */
  samples: number
  /** matching windows with data */
  points: number
  method: BaselineMethod
}

export interface BaselineOptions {
  /** IANA time zone whose hours and weekdays define "the same hour" (default UTC) */
  tz?: string | undefined
  /** pooled samples a seasonal baseline needs before it is used (default 0: 2 windows with data suffice) */
  minSamples?: number | undefined
}

/** z (rates) or k (values) per sensitivity: breach when the window is this many standard errors away. */
export const SENSITIVITY_Z: Record<Sensitivity, number> = { low: 3.5, medium: 3, high: 2.5 }

/** Defaults, tuned with `bench/monitors.ts` (README "Monitors"). */
export const MONITOR_DEFAULTS = {
  /** events a rate window needs: below that, a rate is mostly noise (2 of 3 is not 67 %) */
  minSamplesRate: 30,
  /** samples an average needs; for a percentile use minSamplesForQuantile (p95 → 59) */
  minSamplesValue: 30,
  /** an anomaly must also move the value by this much relative to the baseline */
  minRelativeEffect: 0.25,
  /** thresholds resolve only 10 % of |threshold| back on the right side */
  hysteresis: 0.1,
  /** consecutive clear windows before firing → resolved */
  resolveAfter: 2,
  sensitivity: 'medium' as Sensitivity,
  /** values: the spread is never taken below this fraction of |median| (4 windows give a shaky MAD) */
  minRelativeSpread: 0.1,
}

/**
 * Smallest sample for which the sample maximum is an upper confidence bound of the q-quantile at
 * `confidence` (distribution-free): 1 − q^n ≥ confidence. p95 at 95 % → 59.
 */
export function minSamplesForQuantile(q: number, confidence = 0.95): number {
  if (!(q > 0 && q < 1)) throw new RangeError('q must lie in (0, 1)')
  return Math.ceil(Math.log(1 - confidence) / Math.log(q))
}

/** Wilson score interval of successes / n at z. n may be fractional (an effective sample size). */
export function wilsonInterval(successes: number, n: number, z: number): [number, number] {
  if (!(n > 0)) return [0, 1]
  const p = Math.min(1, Math.max(0, successes / n))
  const z2 = z * z
  const denom = 1 + z2 / n
  const mid = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  return [Math.max(0, mid - half), Math.min(1, mid + half)]
}

export function median(values: number[]): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** 1.4826 · median absolute deviation: a standard deviation that outliers cannot drag. */
export function robustSpread(values: number[]): number | null {
  const m = median(values)
  if (m === null) return null
  return 1.4826 * median(values.map((v) => Math.abs(v - m)))!
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Local clock offset of `tz` at t, in ms (UTC → 0). */
function tzOffset(t: number, tz: string | undefined): number {
  if (!tz || tz === 'UTC') return 0
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(tz, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
  return local - Math.floor(t / 1000) * 1000
}

/** Position of t in the local week or day, in ms. */
const phase = (t: number, tz: string | undefined, period: number) => (((t + tzOffset(t, tz)) % period) + period) % period

const hasData = (w: WindowObs) => w.samples > 0 && (w.value !== null || w.successes !== undefined)

const rateOf = (w: WindowObs) => (w.value !== null ? w.value : w.samples > 0 && w.successes !== undefined ? w.successes / w.samples : null)

/**
 * The seasonal baseline of the window starting at `at` (`window` ms long), from earlier windows of
 * the same length. Same hour-of-week over the last 4 weeks when ≥ 2 such windows have data (and
 * together `minSamples` events), else the same hour-of-day over the last 7 days, else none. Only
 * windows that end by `at` count, so the window under test never feeds its own baseline. "Same
 * hour" is the same local start time ± 30 min in `tz` (± half the window when shorter than 1 h),
 * so a DST change keeps 09:00 at 09:00. Rates (every matching window has `successes`) get the pooled
 * rate Σsuccesses / Σsamples, which weighs each window by its volume; values get the median.
 */
export function baselineFor(history: WindowObs[], at: number, window: number, options: BaselineOptions = {}): Baseline {
  const { tz, minSamples = 0 } = options
  const tolerance = Math.min(window, HOUR) / 2
  const candidates = history.filter((w) => w.start + window <= at && w.start >= at - 4 * WEEK - tolerance && hasData(w))
  const match = (period: number, span: number) => {
    const target = phase(at, tz, period)
    return candidates.filter((w) => {
      if (w.start < at - span - tolerance) return false
      const d = Math.abs(phase(w.start, tz, period) - target)
      return Math.min(d, period - d) < tolerance
    })
  }
  const usable = (ws: WindowObs[]) => ws.length >= 2 && ws.reduce((s, w) => s + w.samples, 0) >= minSamples
  let method: BaselineMethod = 'hour-of-week'
  let points = match(WEEK, 4 * WEEK)
  if (!usable(points)) {
    method = 'hour-of-day'
    points = match(DAY, 7 * DAY)
    if (!usable(points)) return { center: null, spread: null, samples: 0, points: 0, method: 'none' }
  }
  const isRate = points.every((w) => w.successes !== undefined)
  if (isRate && method === 'hour-of-week' && window === DAY) {
    // A day-long window spans the whole daily cycle: the same hour-of-day over 4 weeks shares it
    // and brings 7× the events, unless the weekday differs (checked against the other days).
    const days = match(DAY, 4 * WEEK)
    if (
      agrees(
        points,
        days.filter((w) => !points.includes(w)),
      )
    ) {
      points = days
      method = 'hour-of-day'
    }
  }
  const samples = points.reduce((s, w) => s + w.samples, 0)
  const values = points.map(rateOf).filter((v): v is number => v !== null)
  const center = isRate ? points.reduce((s, w) => s + w.successes!, 0) / samples : median(values)
  return { center, spread: robustSpread(values), samples, points: points.length, method }
}

/** Below this many standard errors apart, two pooled rates are taken as one (see baselineFor). */
const POOL_Z = 1

/** Whether two sets of rate windows plausibly share one rate (a two-proportion z-test, |z| < POOL_Z). */
function agrees(a: WindowObs[], b: WindowObs[]): boolean {
  const pooled = (ws: WindowObs[]) => ws.reduce((acc, w) => [acc[0]! + w.samples, acc[1]! + w.successes!], [0, 0])
  const [na, ka] = pooled(a) as [number, number]
  const [nb, kb] = pooled(b) as [number, number]
  if (!na || !nb) return false
  const p = (ka + kb) / (na + nb)
  const se = Math.sqrt(p * (1 - p) * (1 / na + 1 / nb))
  return se === 0 ? ka / na === kb / nb : Math.abs(ka / na - kb / nb) / se < POOL_Z
}

export interface EvaluateOptions {
  /** windows with fewer samples are "insufficient" (default: MONITOR_DEFAULTS.minSamplesRate / minSamplesValue) */
  minSamples?: number | undefined
  /** 'rate': obs carries successes / samples (binomial test); 'value': averages and percentiles */
  kind: 'rate' | 'value'
  /** anomalies: the smallest relative move that may page (default 0.25) */
  minRelativeEffect?: number | undefined
  /** thresholds: how far back (fraction of |threshold|) the value must come to count as clear (default 0.1) */
  hysteresis?: number | undefined
}

export interface EvaluationResult {
  status: 'insufficient' | 'breach' | 'ok'
  /**
   * Back inside the lower level (hysteresis): thresholds 10 % of |threshold| on the right side,
   * anomalies when the interval (rates) or z-score (values) no longer excludes the baseline, or the
   * move is below half the minimum effect. `step` resolves after `resolveAfter` clear windows.
   */
  clear: boolean
  /** what was compared: the value (thresholds), the interval bound nearest the baseline (rate anomalies), the robust z-score (value anomalies) */
  level: number | null
  /** the threshold, or the baseline's center */
  baselineValue: number | null
  detail: string
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString())

/** Tests one window against its condition (and baseline, for anomalies). Never breaches on insufficient data. */
export function evaluateCondition(
  obs: WindowObs,
  baseline: Baseline,
  condition: MonitorCondition,
  options: EvaluateOptions,
): EvaluationResult {
  const { kind } = options
  const minSamples = options.minSamples ?? (kind === 'rate' ? MONITOR_DEFAULTS.minSamplesRate : MONITOR_DEFAULTS.minSamplesValue)
  const value = kind === 'rate' ? rateOf(obs) : obs.value
  const fmtV = kind === 'rate' ? pct : num
  const baseValue = condition.kind === 'threshold' ? condition.value : baseline.center
  if (value === null || obs.samples < minSamples || !Number.isFinite(value)) {
    return {
      status: 'insufficient',
      clear: false,
      level: null,
      baselineValue: baseValue,
      detail: `insufficient data: ${obs.samples} of ${minSamples} samples needed`,
    }
  }

  if (condition.kind === 'threshold') {
    const t = condition.value
    const margin = (options.hysteresis ?? MONITOR_DEFAULTS.hysteresis) * Math.abs(t)
    const breach = condition.op === '>' ? value > t : value < t
    const clear = condition.op === '>' ? value <= t - margin : value >= t + margin
    return {
      status: breach ? 'breach' : 'ok',
      clear,
      level: value,
      baselineValue: t,
      detail: `${fmtV(value)} over ${obs.samples} samples ${breach ? condition.op : condition.op === '>' ? '≤' : '≥'} ${fmtV(t)}`,
    }
  }

  const z = SENSITIVITY_Z[condition.sensitivity ?? MONITOR_DEFAULTS.sensitivity]
  const minEffect = options.minRelativeEffect ?? MONITOR_DEFAULTS.minRelativeEffect
  const base = baseline.center
  if (base === null || baseline.method === 'none' || (kind === 'rate' && baseline.samples < minSamples)) {
    return {
      status: 'insufficient',
      clear: false,
      level: null,
      baselineValue: base,
      detail: `insufficient history for a baseline (${baseline.samples} samples in ${baseline.points} matching windows)`,
    }
  }
  const up = condition.direction !== 'down'
  const down = condition.direction !== 'up'
  const effect = base === 0 ? (value === 0 ? 0 : Number.POSITIVE_INFINITY) : (value - base) / Math.abs(base)
  const big = (up && effect >= minEffect) || (down && -effect >= minEffect)
  const halfBig = (up && effect >= minEffect / 2) || (down && -effect >= minEffect / 2)
  const where = `baseline ${fmtV(base)} (${baseline.method}, ${baseline.samples} samples)`

  if (kind === 'rate') {
    // Conditional test: of all the events that count in window + baseline (k + kb), the share that
    // fell in the window is Binomial(k + kb, n / (n + m)) when both share one rate, whatever that
    // rate is. Its Wilson interval accounts for both sample sizes (a thin baseline cannot page
    // either) and keeps near its nominal level at a handful of events, where a z-test on the
    // window's rate alone fires 3–10× too often. Bounds are shown as the window's rate.
    const n = obs.samples
    const m = baseline.samples
    const k = value * n
    const kb = base * m
    const expected = n / (n + m)
    const [sLo, sHi] = wilsonInterval(k, k + kb, z)
    const toRate = (s: number) => (s >= 1 ? 1 : Math.min(1, (s / (1 - s)) * (m / n) * base))
    const lo = k + kb > 0 ? toRate(sLo) : 0
    const hi = k + kb > 0 ? toRate(sHi) : 1
    const above = up && k + kb > 0 && sLo > expected
    const below = down && k + kb > 0 && sHi < expected
    const status = (above || below) && big ? 'breach' : 'ok'
    const level = up && (!down || value >= base) ? lo : hi
    return {
      status,
      clear: !(above || below) || !halfBig,
      level,
      baselineValue: base,
      detail: `${pct(value)} of ${n} (z ${z} interval ${pct(lo)}–${pct(hi)}) vs ${where}`,
    }
  }

  const scale = Math.max(baseline.spread ?? 0, MONITOR_DEFAULTS.minRelativeSpread * Math.abs(base), Number.EPSILON)
  const score = (value - base) / scale
  const outside = (up && score > z) || (down && -score > z)
  return {
    status: outside && big ? 'breach' : 'ok',
    clear: !outside || !halfBig,
    level: score,
    baselineValue: base,
    detail: `${num(value)} is ${score.toFixed(1)} robust SDs from ${where}, limit ${z}`,
  }
}

export interface MonitorState {
  status: 'ok' | 'firing' | 'resolved'
  /** when the current status began (null: never changed) */
  since: number | null
  lastFiredAt: number | null
  lastResolvedAt: number | null
  /** consecutive clear windows while firing */
  clearStreak: number
}

export type MonitorEvent = 'fired' | 'resolved' | null

export interface StepOptions {
  /** after a resolve, breaches within this long do not fire again */
  cooldownMs: number
  now: number
  /** consecutive clear windows before resolving (default 2) */
  resolveAfter?: number | undefined
}

export const initialMonitorState = (): MonitorState => ({
  status: 'ok',
  since: null,
  lastFiredAt: null,
  lastResolvedAt: null,
  clearStreak: 0,
})

/**
 * One evaluation's effect on a series' state. ok/resolved → firing on a breach, unless within
 * `cooldownMs` of the last resolve (the breach is then dropped, not queued: a later window fires
 * once the cooldown is over if it still breaches). firing → resolved after `resolveAfter`
 * consecutive clear windows (hysteresis: "not breaching" is not enough). An insufficient window
 * changes nothing: it neither fires, resolves nor breaks a clear streak, so a monitor on a series
 * that goes quiet stays in its last state until data returns.
 */
export function step(state: MonitorState, result: EvaluationResult, options: StepOptions): { state: MonitorState; event: MonitorEvent } {
  const { now, cooldownMs } = options
  const resolveAfter = options.resolveAfter ?? MONITOR_DEFAULTS.resolveAfter
  if (result.status === 'insufficient') return { state, event: null }
  if (state.status === 'firing') {
    if (result.status === 'breach' || !result.clear) return { state: state.clearStreak ? { ...state, clearStreak: 0 } : state, event: null }
    const clearStreak = state.clearStreak + 1
    if (clearStreak < resolveAfter) return { state: { ...state, clearStreak }, event: null }
    return { state: { ...state, status: 'resolved', since: now, lastResolvedAt: now, clearStreak: 0 }, event: 'resolved' }
  }
  if (result.status !== 'breach') return { state, event: null }
  if (state.lastResolvedAt !== null && now - state.lastResolvedAt < cooldownMs) return { state, event: null }
  return { state: { ...state, status: 'firing', since: now, lastFiredAt: now, clearStreak: 0 }, event: 'fired' }
}
