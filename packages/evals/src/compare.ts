/**
 * Comparing two experiments (a base and a candidate run over the same dataset), one score at a time.
 * Pure and isomorphic: the server builds the samples from its rows and calls these for each score
 * name, and the same function gives the latency and cost deltas (samples of `latencyMs` or `cost`
 * per item and repetition), so there is no separate function for them.
 */

/** One run of one dataset item. Boolean scores arrive as 1 / 0 (the caller converts them). */
export interface ScoreSample {
  itemId: string
  /** the run's number, for the caller's bookkeeping: every sample counts as one run of its item, whatever its number */
  repetition: number
  /** finite; anything else throws a RangeError */
  value: number
}

export interface ScoreComparison {
  /** mean of the per-item means over the paired items; null without paired items. `n` = paired items. */
  base: { mean: number | null; n: number }
  candidate: { mean: number | null; n: number }
  /** mean of the per-item differences (candidate − base) = candidate.mean − base.mean; null without pairs */
  delta: number | null
  /**
   * Paired t-interval, delta ± t₀.₉₇₅,ₙ₋₁ · sd/√n over the per-item differences; null with fewer than
   * 2 pairs. When every difference is the same (sd = 0) it collapses to [delta, delta].
   */
  ci95: [number, number] | null
  /**
   * Two-sided paired t-test of "mean difference = 0"; null with fewer than 2 pairs. When every
   * difference is the same (sd = 0) the test statistic is ±∞ or 0/0: pValue is 0 if delta ≠ 0 and
   * 1 if delta = 0.
   */
  pValue: number | null
  /** paired items whose difference is above `noise` / below −`noise` / within ±`noise` */
  improved: number
  regressed: number
  unchanged: number
  /** items with the score on one side only: `base` counts those the base lacks, `candidate` those the candidate lacks */
  missing: { base: number; candidate: number }
  /**
   * How large one item's difference can be from run-to-run variation alone. Each item's runs are
   * averaged first; the within-item variance s²_w is pooled from the repetitions of the paired items
   * on both sides: s²_w = Σ (x − item mean)² / Σ (r − 1), summed over every paired item and side
   * (an item with one run adds nothing). Then noise = 2 · √(s²_w / r_base + s²_w / r_candidate),
   * where r_base and r_candidate are the harmonic means of the paired items' run counts on each side
   * (with 3 runs everywhere: 2 · s_w · √(2/3)). It is about a 95 % band for the difference of two
   * item means; an item counts as unchanged when |difference| ≤ noise. Without repetitions there is
   * no within-item variance and noise = 0: every non-zero difference counts as improved or regressed.
   */
  noise: number
}

interface Runs {
  n: number
  mean: number
  /** Σ (x − mean)², kept by Welford's update so large values don't cancel */
  m2: number
}

function groupRuns(samples: readonly ScoreSample[]): Map<string, Runs> {
  const items = new Map<string, Runs>()
  for (const { itemId, value } of samples) {
    if (!Number.isFinite(value)) throw new RangeError(`score of item ${itemId} is not a finite number: ${value}`)
    const runs = items.get(itemId)
    if (runs === undefined) {
      items.set(itemId, { n: 1, mean: value, m2: 0 })
    } else {
      runs.n += 1
      const before = value - runs.mean
      runs.mean += before / runs.n
      runs.m2 += before * (value - runs.mean)
    }
  }
  return items
}

/** Compares one score between two experiments, pairing by dataset item (see `ScoreComparison`). */
export function compareScores(base: readonly ScoreSample[], candidate: readonly ScoreSample[]): ScoreComparison {
  const baseItems = groupRuns(base)
  const candidateItems = groupRuns(candidate)

  const diffs: number[] = []
  let baseSum = 0
  let candidateSum = 0
  let withinSquares = 0
  let withinDf = 0
  let baseInverseRuns = 0
  let candidateInverseRuns = 0
  let missingCandidate = 0
  for (const [itemId, b] of baseItems) {
    const c = candidateItems.get(itemId)
    if (c === undefined) {
      missingCandidate += 1
      continue
    }
    diffs.push(c.mean - b.mean)
    baseSum += b.mean
    candidateSum += c.mean
    withinSquares += b.m2 + c.m2
    withinDf += b.n - 1 + c.n - 1
    baseInverseRuns += 1 / b.n
    candidateInverseRuns += 1 / c.n
  }
  const n = diffs.length
  const missing = { base: candidateItems.size - n, candidate: missingCandidate }
  const noise = withinDf === 0 ? 0 : 2 * Math.sqrt(((withinSquares / withinDf) * (baseInverseRuns + candidateInverseRuns)) / n)

  let improved = 0
  let regressed = 0
  for (const d of diffs) {
    if (d > noise) improved += 1
    else if (d < -noise) regressed += 1
  }
  const counts = { improved, regressed, unchanged: n - improved - regressed, missing, noise }
  if (n === 0) {
    return { base: { mean: null, n }, candidate: { mean: null, n }, delta: null, ci95: null, pValue: null, ...counts }
  }

  // Equal differences are taken as they are: a mean recomputed from them could be off by an ulp and
  // give a tiny sd, a huge t and an interval that is almost but not quite a point.
  const first = diffs[0]!
  const allEqual = diffs.every((d) => d === first)
  const delta = allEqual ? first : diffs.reduce((sum, d) => sum + d, 0) / n
  const means = { base: { mean: baseSum / n, n }, candidate: { mean: candidateSum / n, n }, delta }
  if (n < 2) return { ...means, ci95: null, pValue: null, ...counts }
  if (allEqual) return { ...means, ci95: [delta, delta], pValue: delta === 0 ? 1 : 0, ...counts }

  let squares = 0
  for (const d of diffs) squares += (d - delta) * (d - delta)
  const se = Math.sqrt(squares / (n - 1) / n)
  const half = studentTQuantile(0.975, n - 1) * se
  return { ...means, ci95: [delta - half, delta + half], pValue: twoSidedP(delta / se, n - 1), ...counts }
}

// ── Student's t distribution ────────────────────────────────────────────────────────────────────

/**
 * P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (not necessarily whole); `df` = Infinity
 * gives the standard normal (so does any df above 1e9, where the two differ by less than 1e-9).
 * Accurate to about 1e-12 up to df ≈ 1e6 and 1e-9 above.
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df)
  if (Number.isNaN(t)) return Number.NaN
  if (t === 0) return 0.5
  const tail = upperTail(Math.abs(t), df)
  return t > 0 ? 1 - tail : tail
}

/** The t with P(T ≤ t) = p, for p in [0, 1] (±Infinity at the ends); found by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1]: ${p}`)
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  if (p === 0.5) return 0
  // Solve on the smaller tail, so p close to 1 keeps its precision.
  const q = p < 0.5 ? p : 1 - p
  let lo = 0
  let hi = 1
  while (upperTail(hi, df) > q) {
    lo = hi
    hi *= 2
  }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (mid === lo || mid === hi) break
    if (upperTail(mid, df) > q) lo = mid
    else hi = mid
  }
  const t = (lo + hi) / 2
  return p < 0.5 ? -t : t
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive: ${df}`)
}

/** P(T > t) for t ≥ 0: ½ · I_x(df/2, ½) with x = df / (df + t²). */
function upperTail(t: number, df: number): number {
  if (t === Number.POSITIVE_INFINITY) return 0
  // Past 1e9 the t's CDF is within 1e-9 of the normal's, and the beta's continued fraction loses
  // digits (its error grows with df, to about 1e-9 there).
  if (df > 1e9) return 0.5 * upperGamma(0.5, (t * t) / 2)
  const t2 = t * t
  // 1 − x computed as t² / (df + t²) rather than by subtraction, so it keeps its digits for small t.
  return 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2))
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * upperTail(Math.abs(t), df))
}

const EPS = 1e-16
const TINY = 1e-300
const MAX_ITERATIONS = 100_000

/** Regularized incomplete beta I_x(a, b), with y = 1 − x passed in exactly (Numerical Recipes' betai). */
function incompleteBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0
  if (y <= 0) return 1
  // log1p of the smaller of x and y: with df in the millions x is 1 − 1e-8 and ln x needs all its digits.
  const logX = y < 0.5 ? Math.log1p(-y) : Math.log(x)
  const logY = x < 0.5 ? Math.log1p(-x) : Math.log(y)
  const front = Math.exp(a * logX + b * logY - logBeta(a, b))
  // The continued fraction converges fast below (a + 1) / (a + b + 2); above it, use the symmetry.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x, y)) / a
  return 1 - (front * betaFraction(b, a, y, x)) / b
}

/** Continued fraction for I_x(a, b), evaluated by the modified Lentz method (Numerical Recipes' betacf). */
function betaFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  // 1 − qab·x/qap, written with y so that it doesn't cancel when x is close to 1.
  let d = (qap - qab + qab * y) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < EPS) break
  }
  return h
}

/** Regularized upper incomplete gamma Q(a, x): a series below a + 1, a continued fraction above (NR's gser, gcf). */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a))
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let k = 1; k <= MAX_ITERATIONS; k++) {
      term *= x / (a + k)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * EPS) break
    }
    return 1 - front * sum
  }
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < EPS) break
  }
  return front * h
}

/**
 * ln B(a, b). For the t distribution one argument is ½ and the other df/2; when that is large,
 * ln Γ(a + ½) − ln Γ(a) cancels to a few digits, so it comes from its asymptotic series instead:
 * ½ ln a − 1/(8a) + 1/(192a³) (the next term is O(a⁻⁵)).
 */
function logBeta(a: number, b: number): number {
  const big = Math.max(a, b)
  if (Math.min(a, b) === 0.5 && big > 1e4) return LOG_SQRT_PI - (0.5 * Math.log(big) - 1 / (8 * big) + 1 / (192 * big ** 3))
  return logGamma(a) + logGamma(b) - logGamma(a + b)
}

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI)

// NR's 18-digit coefficients, written as the doubles they round to
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5, 4.652362892704858e-5,
  -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4, 2.1743961811521265e-4, -1.643181065367639e-4, 8.441822398385275e-5,
  -2.6190838401581408e-5, 3.6899182659531625e-6,
]

/** ln Γ(x) for x > 0 (Numerical Recipes 3rd ed. gammln, Lanczos with γ = 671/128). */
function logGamma(x: number): number {
  let y = x
  const tmp = x + 5.2421875
  let series = 0.9999999999999971
  for (const coefficient of LANCZOS) series += coefficient / ++y
  return (x + 0.5) * Math.log(tmp) - tmp + Math.log((2.5066282746310007 * series) / x)
}
