import type { ScoreComparison } from '@sightline/core'

/** Where a 95 % interval of candidate − base lies against 0. */
export type IntervalSide = 'above' | 'below' | 'across' | 'none'

/** What a comparison says, in words, and a verdict for styling. */
export interface ComparisonReading {
  verdict: 'better' | 'worse' | 'same' | 'unknown'
  text: string
}

/** A difference in its own unit: a signed number with a unit, or a score. */
export type FormatDifference = (value: number) => string

const MINUS = '\u2212'

/** A number with its sign always shown, the minus as a real minus sign: +0.08, −0.05, ±0. */
export function formatSigned(value: number, digits = 2): string {
  const text = Math.abs(value).toFixed(digits)
  if (Number(text) === 0) return `±${text}`
  return `${value < 0 ? MINUS : '+'}${text}`
}

/** A score mean, two decimals (four for tiny ones). */
export function formatMean(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—'
  return value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(2)
}

/** The side of 0 a 95 % interval is on; `across` when it contains 0. */
export function intervalSide(ci95: readonly [number, number] | null): IntervalSide {
  if (!ci95) return 'none'
  const [lo, hi] = ci95
  if (lo > 0) return 'above'
  if (hi < 0) return 'below'
  return 'across'
}

/** "p < 0.001", "p = 0.04". */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—'
  if (p < 0.001) return 'p < 0.001'
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`
}

/** Items missing on either side, said in full: hiding them would make a comparison look cleaner than it is. */
export function missingText(missing: { base: number; candidate: number }): string {
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`
  if (missing.base && missing.candidate)
    return `${items(missing.base)} missing on the base side, ${missing.candidate} on the candidate side`
  if (missing.base) return `${items(missing.base)} missing on the base side`
  if (missing.candidate) return `${items(missing.candidate)} missing on the candidate side`
  return 'No items missing on either side'
}

export interface ReadComparisonOptions {
  /** the score's (or figure's) name in the sentence */
  label: string
  /** latency, cost, error rates: a drop is an improvement */
  lowerIsBetter?: boolean | undefined
  format?: FormatDifference | undefined
}

/**
 * A comparison in plain words, judged by the 95 % interval of the paired difference: "Candidate is
 * better on accuracy (+0.08, 95 % CI +0.03…+0.13)" when it lies wholly on the good side of 0, "No
 * detectable difference on accuracy (…)" when it contains 0.
 */
export function readComparison(
  comparison: Pick<ScoreComparison, 'delta' | 'ci95'>,
  { label, lowerIsBetter = false, format = (v) => formatSigned(v) }: ReadComparisonOptions,
): ComparisonReading {
  const { delta, ci95 } = comparison
  if (delta === null) return { verdict: 'unknown', text: `No paired items to compare ${label} on.` }
  if (!ci95) return { verdict: 'unknown', text: `${label}: ${format(delta)} on too few paired items to tell a difference.` }
  const figures = `(${format(delta)}, 95 % CI ${format(ci95[0])}…${format(ci95[1])})`
  const side = intervalSide(ci95)
  if (side === 'across') return { verdict: 'same', text: `No detectable difference on ${label} ${figures}.` }
  const better = (side === 'above') !== lowerIsBetter
  return { verdict: better ? 'better' : 'worse', text: `Candidate is ${better ? 'better' : 'worse'} on ${label} ${figures}.` }
}
