import { describe, expect, it } from 'vitest'
import { type ScoreSample, compareScores, studentTCdf, studentTQuantile } from './compare'

/** One sample per value, repetitions numbered from 0: `runs('a', 1, 2, 3)`. */
const runs = (itemId: string, ...values: number[]): ScoreSample[] => values.map((value, repetition) => ({ itemId, repetition, value }))

/** One run per item: `single([3, 4])` is items i0 = 3, i1 = 4. */
const single = (values: number[]): ScoreSample[] => values.flatMap((v, i) => runs(`i${i}`, v))

describe('studentTCdf', () => {
  it('matches the closed forms for 1, 2 and 4 degrees of freedom', () => {
    // df 1 (Cauchy): F(t) = ½ + atan(t)/π
    // df 2: F(t) = ½ + t / (2√(2 + t²))
    // df 4: F(t) = ½ + (3/8) · u · (1 − u²/12) with u = t / √(1 + t²/4)
    for (const t of [-30, -4, -2.5, -1, -0.3, 0, 0.01, 0.7, 1, 2, 3.3, 10, 250]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12)
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12)
      const u = t / Math.sqrt(1 + (t * t) / 4)
      expect(studentTCdf(t, 4)).toBeCloseTo(0.5 + (3 / 8) * u * (1 - (u * u) / 12), 12)
    }
  })

  it('agrees with table values, keeping the digits of deep tails', () => {
    expect(studentTCdf(2, 10)).toBeCloseTo(0.9633059826146299, 12)
    // reference values (scipy.stats.t) for small probabilities: compare relative to their size
    expect(studentTCdf(-50, 3) / 8.808576020635984e-6).toBeCloseTo(1, 9)
    expect(studentTCdf(-40, 10) / 1.1404288715428768e-12).toBeCloseTo(1, 9)
    expect(studentTCdf(-1e5, 1) / 3.183098861731804e-6).toBeCloseTo(1, 9)
    // a fractional df: the distribution is defined for any df > 0
    expect(studentTCdf(0.5, 2.5)).toBeCloseTo(0.6711510400651426, 12)
  })

  it('tends to the standard normal as df grows, and is it at df = ∞', () => {
    // Φ(1.96) = 0.9750021048517795
    expect(studentTCdf(1.96, Number.POSITIVE_INFINITY)).toBeCloseTo(0.9750021048517795, 12)
    expect(studentTCdf(-1.96, Number.POSITIVE_INFINITY)).toBeCloseTo(1 - 0.9750021048517795, 12)
    expect(studentTCdf(1.96, 1e12)).toBeCloseTo(0.9750021048517795, 12)
    // df 20000 (scipy): 0.97724311902075
    expect(studentTCdf(2, 20000)).toBeCloseTo(0.97724311902075, 11)
  })

  it('is ½ at 0, 0 and 1 at the infinities, and rejects a df that is not positive', () => {
    expect(studentTCdf(0, 7)).toBe(0.5)
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0)
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1)
    expect(studentTCdf(Number.NaN, 3)).toBeNaN()
    expect(() => studentTCdf(1, 0)).toThrow(RangeError)
    expect(() => studentTCdf(1, -2)).toThrow(RangeError)
    expect(() => studentTCdf(1, Number.NaN)).toThrow(RangeError)
  })
})

describe('studentTQuantile', () => {
  it('gives the table values of t₀.₉₇₅', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 7)
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3026527, 7)
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451, 7)
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2621572, 7)
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.0452296, 7)
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966357, 9)
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959963985, 9)
  })

  it('inverts the CDF, symmetrically, including far in the tails', () => {
    for (const df of [0.5, 1, 3, 7.5, 30, 1000]) {
      for (const p of [1e-9, 0.001, 0.025, 0.3, 0.5, 0.6, 0.975, 0.999]) {
        const t = studentTQuantile(p, df)
        expect(studentTCdf(t, df) / p).toBeCloseTo(1, 8)
        // 1 − 1e-9 is not exact in floating point, so the symmetry is checked from 0.001 on
        if (p >= 0.001 && p !== 0.5) expect(-studentTQuantile(1 - p, df) / t).toBeCloseTo(1, 9)
      }
    }
    // scipy.stats.t.ppf(1e-6, 7) = −14.241469651981445
    expect(studentTQuantile(1e-6, 7)).toBeCloseTo(-14.241469651981445, 8)
  })

  it('is ±∞ at the ends and rejects a probability outside [0, 1]', () => {
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY)
    expect(studentTQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY)
    expect(studentTQuantile(0.5, 5)).toBe(0)
    expect(() => studentTQuantile(1.5, 5)).toThrow(RangeError)
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError)
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError)
  })
})

describe('compareScores', () => {
  it('computes the paired t statistics of five items without repetitions', () => {
    // item      i0  i1  i2  i3  i4
    // base       3   4   2   5   1    mean 15/5 = 3
    // candidate  2   5   4   8   6    mean 25/5 = 5
    // d         −1   1   2   3   5    mean 10/5 = 2 = delta
    // d − 2     −3  −1   0   1   3    Σ² = 9 + 1 + 0 + 1 + 9 = 20, sd² = 20/4 = 5, se = √(5/5) = 1
    // t = 2/1 = 2, df = 4
    // CI: t₀.₉₇₅,₄ = 2.7764451052 → 2 ± 2.7764451052 = [−0.7764451052, 4.7764451052]
    // p, from the df-4 closed form F(t) = ½ + (3/8)·u·(1 − u²/12), u = t/√(1 + t²/4) = 2/√2 = √2:
    //   F(2) = ½ + (3/8)·√2·(1 − 2/12) = ½ + (5/16)·√2, p = 2(1 − F(2)) = 1 − (5/8)·√2 = 0.1161165235
    // no repetitions: noise = 0, so −1 is a regression and the other four improvements
    const result = compareScores(single([3, 4, 2, 5, 1]), single([2, 5, 4, 8, 6]))
    expect(result.base).toEqual({ mean: 3, n: 5 })
    expect(result.candidate).toEqual({ mean: 5, n: 5 })
    expect(result.delta).toBe(2)
    expect(result.ci95![0]).toBeCloseTo(-0.7764451052, 9)
    expect(result.ci95![1]).toBeCloseTo(4.7764451052, 9)
    expect(result.pValue).toBeCloseTo(1 - (5 / 8) * Math.SQRT2, 12)
    expect(result.pValue).toBeCloseTo(0.1161165235, 9)
    expect(result).toMatchObject({ improved: 4, regressed: 1, unchanged: 0, missing: { base: 0, candidate: 0 }, noise: 0 })
  })

  it('averages repetitions per item and measures the noise from them', () => {
    // item   base runs (mean, Σ(x − mean)²)   candidate runs (mean, Σ²)   d = cand − base
    // a      1 2 3  (2, 2)                     5 6 7  (6, 2)                 4
    // b      4 5 6  (5, 2)                     3 4 5  (4, 2)                −1
    // c      5 6 7  (6, 2)                     1 3 5  (3, 8)                −3
    // means: base (2 + 5 + 6)/3 = 13/3, candidate (6 + 4 + 3)/3 = 13/3, delta (4 − 1 − 3)/3 = 0
    // s²_w = (2 + 2 + 2 + 2 + 2 + 8) / (6 groups × (3 − 1)) = 18/12 = 1.5
    // noise = 2·√(1.5/3 + 1.5/3) = 2·√1 = 2 → a (4) improved, c (−3) regressed, b (−1) unchanged
    // sd² of d = (16 + 1 + 9)/2 = 13, se = √(13/3) = 2.0816659995, t = 0 → p = 1
    // CI: t₀.₉₇₅,₂ = 4.3026527297; half width 4.3026527297 · 2.0816659995 = 8.9566858950
    const base = [...runs('a', 1, 2, 3), ...runs('b', 4, 5, 6), ...runs('c', 5, 6, 7)]
    const candidate = [...runs('a', 5, 6, 7), ...runs('b', 3, 4, 5), ...runs('c', 1, 3, 5)]
    const result = compareScores(base, candidate)
    expect(result.base.mean).toBeCloseTo(13 / 3, 12)
    expect(result.candidate.mean).toBeCloseTo(13 / 3, 12)
    expect(result.base.n).toBe(3)
    expect(result.delta).toBeCloseTo(0, 12)
    expect(result.noise).toBeCloseTo(2, 12)
    expect(result.ci95![0]).toBeCloseTo(-8.956685895, 8)
    expect(result.ci95![1]).toBeCloseTo(8.956685895, 8)
    expect(result.pValue).toBeCloseTo(1, 12)
    expect(result).toMatchObject({ improved: 1, regressed: 1, unchanged: 1, missing: { base: 0, candidate: 0 } })
    // the order of the samples (and the repetition numbers) changes nothing
    expect(compareScores([...base].reverse(), [...candidate].reverse())).toEqual(result)
  })

  it('uses the harmonic mean of unequal run counts, and single runs add no variance', () => {
    // item  base runs (r, mean, Σ²)   candidate runs (r, mean, Σ²)   d
    // x     1 3  (2, 2, 2)           5      (1, 5, 0)              3
    // y     4    (1, 4, 0)           2 4 6  (3, 4, 8)              0
    // s²_w = (2 + 8) / ((2 − 1) + (3 − 1)) = 10/3 (the single runs add neither squares nor df)
    // mean of 1/r: base (1/2 + 1)/2 = 3/4, candidate (1 + 1/3)/2 = 2/3
    // noise = 2·√(10/3 · (3/4 + 2/3)) = 2·√(10/3 · 17/12) = 2·√(170/36) = √170/3 = 4.3461349368 → both unchanged
    // d: 3, 0 → delta 1.5, sd² = (1.5² + 1.5²)/1 = 4.5, se = √(4.5/2) = 1.5, t = 1, df 1
    // p = 2·(1 − F₁(1)) = 2·(½ − atan(1)/π) = 2·¼ = 0.5; CI 1.5 ± 12.7062047362·1.5 = [−17.5593071043, 20.5593071043]
    const result = compareScores([...runs('x', 1, 3), ...runs('y', 4)], [...runs('x', 5), ...runs('y', 2, 4, 6)])
    expect(result.noise).toBeCloseTo(Math.sqrt(170) / 3, 12)
    expect(result.delta).toBe(1.5)
    expect(result.pValue).toBeCloseTo(0.5, 12)
    expect(result.ci95![0]).toBeCloseTo(-17.5593071043, 9)
    expect(result.ci95![1]).toBeCloseTo(20.5593071043, 9)
    expect(result).toMatchObject({ improved: 0, regressed: 0, unchanged: 2 })
  })

  it('counts the items missing on either side and compares the rest', () => {
    // base: a b c; candidate: b c d e. Paired: b, c. The base lacks d and e, the candidate lacks a.
    // a's repetitions (1, 5) are unpaired, so they don't count towards the noise: it stays 0.
    // b: 2 → 4 (d = 2), c: 3 → 4 (d = 1); means base 2.5, candidate 4, delta 1.5
    // sd² = (0.5² + 0.5²)/1 = 0.5, se = √(0.5/2) = 0.5, t = 3, df 1
    // p = 2·(½ − atan(3)/π) = 1 − 2·atan(3)/π = 0.2048327647
    // CI 1.5 ± 12.7062047362·0.5 = [−4.8531023681, 7.8531023681]
    const base = [...runs('a', 1, 5), ...runs('b', 2), ...runs('c', 3)]
    const candidate = [...runs('b', 4), ...runs('c', 4), ...runs('d', 1), ...runs('e', 0)]
    const result = compareScores(base, candidate)
    expect(result.missing).toEqual({ base: 2, candidate: 1 })
    expect(result.base).toEqual({ mean: 2.5, n: 2 })
    expect(result.candidate).toEqual({ mean: 4, n: 2 })
    expect(result.delta).toBe(1.5)
    expect(result.noise).toBe(0)
    expect(result.pValue).toBeCloseTo(1 - (2 * Math.atan(3)) / Math.PI, 12)
    expect(result.ci95![0]).toBeCloseTo(-4.8531023681, 9)
    expect(result.ci95![1]).toBeCloseTo(7.8531023681, 9)
    expect(result).toMatchObject({ improved: 2, regressed: 0, unchanged: 0 })
  })

  it('has no means, interval or p without paired items', () => {
    const empty = {
      base: { mean: null, n: 0 },
      candidate: { mean: null, n: 0 },
      delta: null,
      ci95: null,
      pValue: null,
      improved: 0,
      regressed: 0,
      unchanged: 0,
      noise: 0,
    }
    expect(compareScores([], [])).toEqual({ ...empty, missing: { base: 0, candidate: 0 } })
    // no item in common: both are counted as missing, not dropped
    expect(compareScores(runs('a', 1, 2), [...runs('b', 1), ...runs('c', 0)])).toEqual({ ...empty, missing: { base: 2, candidate: 1 } })
  })

  it('has means and a delta but no interval or p with one paired item', () => {
    // base a: 1 2 (mean 1.5, Σ² 0.5), candidate a: 4. delta 2.5
    // s²_w = 0.5/1, noise = 2·√(0.5/2 + 0.5/1) = 2·√0.75 = √3 = 1.732… < 2.5 → improved
    expect(compareScores(runs('a', 1, 2), runs('a', 4))).toEqual({
      base: { mean: 1.5, n: 1 },
      candidate: { mean: 4, n: 1 },
      delta: 2.5,
      ci95: null,
      pValue: null,
      improved: 1,
      regressed: 0,
      unchanged: 0,
      missing: { base: 0, candidate: 0 },
      noise: expect.closeTo(Math.sqrt(3), 12),
    })
  })

  it('collapses the interval when every difference is the same', () => {
    // d = 0.5 for all three items: sd = 0, the interval is [0.5, 0.5] and p = 0
    const shifted = compareScores(single([1, 2, 3]), single([1.5, 2.5, 3.5]))
    expect(shifted).toMatchObject({ delta: 0.5, ci95: [0.5, 0.5], pValue: 0, improved: 3, unchanged: 0 })
    // d = 0 everywhere: nothing changed, p = 1
    const same = compareScores(single([0.1, 0.7, 0.3]), single([0.1, 0.7, 0.3]))
    expect(same).toMatchObject({ delta: 0, ci95: [0, 0], pValue: 1, improved: 0, regressed: 0, unchanged: 3 })
    // (0.1 + 0.1 + 0.1)/3 is 0.10000000000000002 in floating point: equal differences are taken as they are
    expect(compareScores(single([0, 0, 0]), single([0.1, 0.1, 0.1]))).toMatchObject({ delta: 0.1, ci95: [0.1, 0.1], pValue: 0 })
  })

  it('rejects a value that is not a finite number', () => {
    expect(() => compareScores(runs('a', Number.NaN), runs('a', 1))).toThrow(RangeError)
    expect(() => compareScores(runs('a', 1), runs('a', Number.POSITIVE_INFINITY))).toThrow(/item a/)
  })

  it('compares 10,000 items × 5 repetitions × 3 scores', () => {
    // a fixed linear congruential generator keeps the data the same on every run
    let seed = 42
    const random = () => {
      seed = (seed * 1664525 + 1013904223) % 4294967296
      return seed / 4294967296
    }
    for (let score = 0; score < 3; score++) {
      const base: ScoreSample[] = []
      const candidate: ScoreSample[] = []
      for (let item = 0; item < 10_000; item++) {
        const level = random()
        for (let repetition = 0; repetition < 5; repetition++) {
          base.push({ itemId: `item-${item}`, repetition, value: level + 0.1 * random() })
          candidate.push({ itemId: `item-${item}`, repetition, value: level + 0.02 + 0.1 * random() })
        }
      }
      const result = compareScores(base, candidate)
      expect(result.base.n).toBe(10_000)
      expect(result.improved + result.regressed + result.unchanged).toBe(10_000)
      for (const value of [result.base.mean, result.candidate.mean, result.delta, result.pValue, ...result.ci95!, result.noise]) {
        expect(Number.isFinite(value)).toBe(true)
      }
      expect(result.noise).toBeGreaterThan(0)
    }
  })
})
