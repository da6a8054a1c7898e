import { describe, expect, it } from 'vitest'
import { categoricalAgreement, numericAgreement } from './agreement'

const repeat = <T>(pair: T, times: number): T[] => Array.from({ length: times }, () => pair)

describe('categoricalAgreement', () => {
  it('computes agreement, κ and the confusion matrix of a 2×2 table', () => {
    // evaluator \ human   true  false
    //   true               20     5     row 25
    //   false              10    15     row 25
    //   column             30    20     n = 50
    // pₒ = (20 + 15) / 50 = 0.7
    // pₑ = (25·30 + 25·20) / 50² = 1250 / 2500 = 0.5
    // κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
    const pairs: [string, string][] = [
      ...repeat<[string, string]>(['true', 'true'], 20),
      ...repeat<[string, string]>(['true', 'false'], 5),
      ...repeat<[string, string]>(['false', 'true'], 10),
      ...repeat<[string, string]>(['false', 'false'], 15),
    ]
    const result = categoricalAgreement(pairs)
    expect(result.n).toBe(50)
    expect(result.agreement).toBeCloseTo(0.7, 12)
    expect(result.cohenKappa).toBeCloseTo(0.4, 12)
    // labels sorted: false, true; rows are the evaluator's label
    expect(result.confusion).toEqual({
      labels: ['false', 'true'],
      matrix: [
        [15, 10],
        [5, 20],
      ],
    })
  })

  it('gives κ = −1 for systematic disagreement', () => {
    // pₒ = 0; marginals a:1, b:1 on both sides, pₑ = (1 + 1) / 4 = 0.5; κ = (0 − 0.5) / 0.5 = −1
    expect(
      categoricalAgreement([
        ['a', 'b'],
        ['b', 'a'],
      ]).cohenKappa,
    ).toBeCloseTo(-1, 12)
  })

  it('counts a label only one side used, and κ = 0 at chance level', () => {
    // evaluator: a, a; human: b, a. pₒ = 1/2; rows a:2 b:0, columns a:1 b:1
    // pₑ = (2·1 + 0·1) / 4 = 0.5; κ = (0.5 − 0.5) / 0.5 = 0
    const result = categoricalAgreement([
      ['a', 'b'],
      ['a', 'a'],
    ])
    expect(result.agreement).toBe(0.5)
    expect(result.cohenKappa).toBe(0)
    expect(result.confusion).toEqual({
      labels: ['a', 'b'],
      matrix: [
        [1, 1],
        [0, 0],
      ],
    })
  })

  it('handles three labels', () => {
    // evaluator \ human  bad  good  ok     (labels sorted)
    //   bad               2    0     1     row 3
    //   good              0    3     0     row 3
    //   ok                0    0     2     row 2
    //   column            2    3     3     n = 8
    // pₒ = (2 + 3 + 2) / 8 = 7/8
    // pₑ = (3·2 + 3·3 + 2·3) / 64 = 21/64; κ = (56/64 − 21/64) / (1 − 21/64) = 35/43
    const pairs: [string, string][] = [
      ['bad', 'bad'],
      ['bad', 'bad'],
      ['bad', 'ok'],
      ['good', 'good'],
      ['good', 'good'],
      ['good', 'good'],
      ['ok', 'ok'],
      ['ok', 'ok'],
    ]
    const result = categoricalAgreement(pairs)
    expect(result.agreement).toBe(7 / 8)
    expect(result.cohenKappa).toBeCloseTo(35 / 43, 12)
    expect(result.confusion.labels).toEqual(['bad', 'good', 'ok'])
    expect(result.confusion.matrix).toEqual([
      [2, 0, 1],
      [0, 3, 0],
      [0, 0, 2],
    ])
  })

  it('leaves κ null when both sides used one and the same label (pₑ = 1)', () => {
    const result = categoricalAgreement([
      ['yes', 'yes'],
      ['yes', 'yes'],
    ])
    expect(result.agreement).toBe(1)
    expect(result.cohenKappa).toBeNull()
  })

  it('is null without pairs', () => {
    expect(categoricalAgreement([])).toEqual({ n: 0, agreement: null, cohenKappa: null, confusion: { labels: [], matrix: [] } })
  })
})

describe('numericAgreement', () => {
  it('computes Pearson, Spearman with ties and MAE', () => {
    // x = 1 2 3 4 5, y = 2 4 5 4 5
    // Pearson: means 3 and 4; dx = −2 −1 0 1 2, dy = −2 0 1 0 1
    //   Σdxdy = 4 + 0 + 0 + 0 + 2 = 6, Σdx² = 10, Σdy² = 6, r = 6 / √60 = 0.774596669…
    // Spearman: ranks x = 1 2 3 4 5; y sorted 2 | 4 4 | 5 5 → ranks 1, 2.5, 4.5, 2.5, 4.5 (mean 3)
    //   dy = −2 −0.5 1.5 −0.5 1.5; Σdxdy = 4 + 0.5 + 0 − 0.5 + 3 = 7, Σdy² = 4 + .25 + 2.25 + .25 + 2.25 = 9
    //   ρ = 7 / √(10·9) = 0.737864787…
    // MAE: (1 + 2 + 2 + 0 + 0) / 5 = 1
    const result = numericAgreement([
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 4],
      [5, 5],
    ])
    expect(result.n).toBe(5)
    expect(result.pearson).toBeCloseTo(6 / Math.sqrt(60), 12)
    expect(result.pearson).toBeCloseTo(0.774596669, 9)
    expect(result.spearman).toBeCloseTo(7 / Math.sqrt(90), 12)
    expect(result.spearman).toBeCloseTo(0.737864787, 9)
    expect(result.mae).toBe(1)
  })

  it('ranks a monotonic but non-linear relation as ρ = 1', () => {
    // x = 1 2 3, y = 1 4 9: dx = −1 0 1, dy = −11/3 −2/3 13/3
    // Σdxdy = 11/3 + 13/3 = 8, Σdx² = 2, Σdy² = 294/9, r = 8 / √(2·294/9) = 0.989743…
    const result = numericAgreement([
      [1, 1],
      [2, 4],
      [3, 9],
    ])
    expect(result.spearman).toBeCloseTo(1, 12)
    expect(result.pearson).toBeCloseTo(8 / Math.sqrt((2 * 294) / 9), 12)
    // MAE: (0 + 2 + 6) / 3
    expect(result.mae).toBeCloseTo(8 / 3, 12)
  })

  it('gives −1 for a perfectly reversed order', () => {
    // MAE: (2 + 0 + 2) / 3 = 4/3
    const result = numericAgreement([
      [1, 3],
      [2, 2],
      [3, 1],
    ])
    expect(result.pearson).toBeCloseTo(-1, 12)
    expect(result.spearman).toBeCloseTo(-1, 12)
    expect(result.mae).toBeCloseTo(4 / 3, 12)
  })

  it('is null where a correlation is undefined', () => {
    // the human's side never varies: no correlation; MAE (4 + 3) / 2 = 3.5
    expect(
      numericAgreement([
        [1, 5],
        [2, 5],
      ]),
    ).toEqual({ n: 2, pearson: null, spearman: null, mae: 3.5 })
    expect(numericAgreement([[0.25, 0.75]])).toEqual({ n: 1, pearson: null, spearman: null, mae: 0.5 })
    expect(numericAgreement([])).toEqual({ n: 0, pearson: null, spearman: null, mae: null })
  })
})
