// Bars of a score's distribution (`score.<name>.distribution` answers `score.<name>.distribution.<value>`).
import type { ScoreCondition } from '../filters/trace-query'
import type { MetricsResponse } from './metrics-query'

export interface DistributionBar {
  key: string
  label: string
  count: number
  /** count / total */
  share: number
  /** the traces behind this bar, as a `score.<name>` trace-list condition */
  condition: ScoreCondition
}

export interface PreparedDistribution {
  scoreName: string
  /** boolean: true then false; categorical: most frequent first; numeric: ascending values or bins */
  kind: 'boolean' | 'categorical' | 'numeric'
  /** numeric values were grouped into equal-width bins */
  binned: boolean
  bars: DistributionBar[]
  total: number
  empty: boolean
}

export interface PrepareDistributionOptions {
  /** more distinct numeric values than this are binned */
  maxBars?: number | undefined
  /** how many bins numeric values are grouped into */
  bins?: number | undefined
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** The metric to ask for a score's distribution. */
export const distributionMetric = (scoreName: string) => `score.${scoreName}.distribution` as const

export function prepareDistribution(
  response: MetricsResponse,
  scoreName: string,
  options: PrepareDistributionOptions = {},
): PreparedDistribution {
  const { maxBars = 20, bins = 10 } = options
  const prefix = `${distributionMetric(scoreName)}.`
  const counts: [string, number][] = []
  for (const [key, n] of Object.entries(response.totals))
    if (key.startsWith(prefix) && typeof n === 'number' && n > 0) counts.push([key.slice(prefix.length), n])
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  const share = (n: number) => (total ? n / total : 0)
  const base = { scoreName, total, empty: total === 0 }
  if (!counts.length) return { ...base, kind: 'categorical', binned: false, bars: [] }

  if (counts.every(([v]) => v === 'true' || v === 'false')) {
    const bars = (['true', 'false'] as const)
      .map((v) => counts.find(([k]) => k === v))
      .filter((c): c is [string, number] => c !== undefined)
      .map(([v, n]) => ({ key: v, label: v, count: n, share: share(n), condition: { value: v === 'true' } }))
    return { ...base, kind: 'boolean', binned: false, bars }
  }

  if (counts.every(([v]) => v.trim() !== '' && Number.isFinite(Number(v)))) {
    const numeric = counts.map(([v, n]) => [Number(v), n] as const).sort((a, b) => a[0] - b[0])
    if (numeric.length <= maxBars) {
      const bars = numeric.map(([v, n]) => ({
        key: String(v),
        label: number.format(v),
        count: n,
        share: share(n),
        condition: { value: v },
      }))
      return { ...base, kind: 'numeric', binned: false, bars }
    }
    const lo = numeric[0]![0]
    const hi = numeric[numeric.length - 1]![0]
    const width = (hi - lo) / bins
    const binCounts = new Array<number>(bins).fill(0)
    // The top edge belongs to the last bin.
    for (const [v, n] of numeric) binCounts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += n
    const edge = (i: number) => (i === bins ? hi : Number((lo + i * width).toPrecision(12)))
    const bars = binCounts.map((n, i) => ({
      key: `bin${i}`,
      label: `${number.format(edge(i))}–${number.format(edge(i + 1))}`,
      count: n,
      share: share(n),
      condition: { min: edge(i), max: edge(i + 1) },
    }))
    return { ...base, kind: 'numeric', binned: true, bars }
  }

  const bars = counts
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, n]) => ({ key: v, label: v, count: n, share: share(n), condition: { value: v } }))
  return { ...base, kind: 'categorical', binned: false, bars }
}
