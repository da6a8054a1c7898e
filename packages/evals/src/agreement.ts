/**
 * How well an evaluator agrees with human reviewers, from pairs of scores on the same trace (or
 * span). Pure functions: the server pairs the scores, these compute the figures of the wire's
 * `Agreement` (`@sightline/core`).
 */

export interface CategoricalAgreement {
  n: number
  /** share of pairs with the same label; null without pairs */
  agreement: number | null
  /**
   * Cohen's κ = (pₒ − pₑ) / (1 − pₑ). Null without pairs, and null when pₑ = 1: both sides gave
   * one and the same label to every pair, so chance alone explains the agreement and κ is 0/0
   * (`agreement`, then 1, says all there is to say).
   */
  cohenKappa: number | null
  /** rows: the evaluator's label, columns: the human's; labels are the sorted union of both */
  confusion: { labels: string[]; matrix: number[][] }
}

export interface NumericAgreement {
  n: number
  /** null with fewer than 2 pairs or when either side never varies */
  pearson: number | null
  /** Pearson's r of the ranks, ties given their average rank; null as for pearson */
  spearman: number | null
  /** mean absolute difference; null without pairs */
  mae: number | null
}

/** Agreement on labels (boolean scores as "true"/"false"): pairs are [evaluator label, human label]. */
export function categoricalAgreement(pairs: readonly (readonly [evalLabel: string, humanLabel: string])[]): CategoricalAgreement {
  const n = pairs.length
  const labels = [...new Set(pairs.flat())].sort()
  const index = new Map(labels.map((l, i) => [l, i]))
  const matrix = labels.map(() => labels.map(() => 0))
  for (const [e, h] of pairs) matrix[index.get(e)!]![index.get(h)!]! += 1
  if (n === 0) return { n, agreement: null, cohenKappa: null, confusion: { labels, matrix } }

  // Counts rather than shares keep the arithmetic exact in integers: κ = (n·a − Σ rₖcₖ) / (n² − Σ rₖcₖ).
  let agree = 0
  let chance = 0
  for (let k = 0; k < labels.length; k++) {
    agree += matrix[k]![k]!
    let row = 0
    let col = 0
    for (let j = 0; j < labels.length; j++) {
      row += matrix[k]![j]!
      col += matrix[j]![k]!
    }
    chance += row * col
  }
  const denominator = n * n - chance
  return {
    n,
    agreement: agree / n,
    cohenKappa: denominator === 0 ? null : (n * agree - chance) / denominator,
    confusion: { labels, matrix },
  }
}

/** Agreement on numbers: pairs are [evaluator score, human score], finite numbers. */
export function numericAgreement(pairs: readonly (readonly [evalScore: number, humanScore: number])[]): NumericAgreement {
  const n = pairs.length
  const xs = pairs.map((p) => p[0])
  const ys = pairs.map((p) => p[1])
  const mae = n === 0 ? null : pairs.reduce((sum, [x, y]) => sum + Math.abs(x - y), 0) / n
  return { n, pearson: pearson(xs, ys), spearman: pearson(ranks(xs), ranks(ys)), mae }
}

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length
  if (n < 2) return null
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx
    const dy = ys[i]! - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  if (sxx === 0 || syy === 0) return null
  // Rounding can take |r| a hair past 1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)))
}

/** 1-based ranks; tied values share the average of the ranks they span. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  const out = new Array<number>(values.length)
  for (let start = 0; start < order.length; ) {
    let end = start
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++
    const rank = (start + end) / 2 + 1
    for (let k = start; k <= end; k++) out[order[k]![1]] = rank
    start = end + 1
  }
  return out
}
