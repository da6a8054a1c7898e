import type { CompareItem, Dataset, DatasetItem, Experiment, ExperimentCompare } from '@sightline/core'
import {
  compareItemFixture,
  datasetFixture,
  datasetItemFixture,
  experimentCompareFixture,
  experimentFixture,
} from '../packages/react/src/experiments/test-utils/fixtures'
import { random } from './fixtures'

export {
  compareItemsFixture,
  datasetFixture,
  datasetItemsFixture,
  datasetListFixture,
  experimentCompareFixture,
  experimentListFixture,
} from '../packages/react/src/experiments/test-utils/fixtures'

const WORDS = 'the refund policy allows returns within thirty days of purchase unless the item was used or damaged by the customer'.split(
  ' ',
)
const sentence = (next: () => number, words: number) =>
  Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')

/** `count` datasets with long names and many versions, deterministic. */
export function makeDatasets(count: number, seed = 3): Dataset[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) =>
    datasetFixture({
      id: `ds-${i}`,
      name: `${['Golden answers', 'Refunds', 'Escalations', 'Multilingual', 'Tool calls'][i % 5]} — a dataset with a rather long name #${i + 1}`,
      description: i % 3 ? sentence(next, 30) : null,
      version: 1 + Math.floor(next() * 400),
      itemCount: Math.floor(next() * 50_000),
    }),
  )
}

/** `count` items, some with long text and nested JSON. */
export function makeDatasetItems(count: number, seed = 5): DatasetItem[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) =>
    datasetItemFixture({
      id: `item-${i}`,
      input:
        i % 4 === 0
          ? { messages: [{ role: 'user', content: sentence(next, 40) }], context: { plan: 'pro', locale: 'de-DE' } }
          : sentence(next, 12 + Math.floor(next() * 200)),
      expectedOutput: i % 7 === 0 ? null : sentence(next, 20 + Math.floor(next() * 120)),
      sourceTraceId: i % 5 === 0 ? null : `tr-${(i * 7919).toString(16).padStart(8, '0')}`,
      version: 1 + (i % 40),
    }),
  )
}

/** `count` experiments with many scores, some still running. */
export function makeExperiments(count: number, seed = 11): Experiment[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) => {
    const expected = 500 * (1 + (i % 3))
    const results = i % 6 === 0 ? Math.floor(next() * expected) : expected
    return experimentFixture({
      id: `exp-${i}`,
      name: `${['gpt-4.1', 'gpt-4o-mini', 'claude-sonnet', 'llama-3.3-70b'][i % 4]}, prompt v${1 + (i % 9)}, temperature ${(next() * 1.2).toFixed(1)} #${i + 1}`,
      status: results < expected ? 'running' : i % 11 === 0 ? 'scoring' : 'done',
      repetitions: 1 + (i % 3),
      progress: { results, expected, errors: Math.floor(next() ** 3 * 40), pendingEvaluations: i % 11 === 0 ? 120 : 0 },
      latencyMs: { mean: 400 + next() * 6000, n: results },
      cost: { total: next() * 40, mean: next() * 0.05 },
      scores: ['accuracy', 'helpfulness', 'groundedness', 'tone', 'refusal', 'format'].map((name) => ({
        name,
        mean: next(),
        n: results,
        missing: Math.floor(next() ** 4 * 30),
      })),
    })
  })
}

/** A comparison over many scores, a few of them with too few items for an interval. */
export function makeCompare(scores: number, seed = 13): ExperimentCompare {
  const next = random(seed)
  return {
    ...experimentCompareFixture,
    items: 4_812,
    scores: Array.from({ length: scores }, (_, i) => {
      const delta = (next() - 0.5) * 0.3
      const half = 0.01 + next() * 0.08
      return {
        ...experimentCompareFixture.scores[0]!,
        name: `score-${i + 1}-${['accuracy', 'helpfulness', 'groundedness', 'tone'][i % 4]}`,
        base: { mean: 0.5 + next() * 0.3, n: 4_812 },
        candidate: { mean: 0.5 + next() * 0.3, n: 4_800 },
        delta: i % 9 === 8 ? null : delta,
        ci95: i % 9 >= 7 ? null : ([delta - half, delta + half] as [number, number]),
        pValue: next() ** 3,
        improved: Math.floor(next() * 900),
        regressed: Math.floor(next() * 900),
        unchanged: Math.floor(next() * 3000),
        missing: { base: Math.floor(next() ** 3 * 50), candidate: Math.floor(next() ** 3 * 50) },
      }
    }),
  }
}

/** `count` compared items with long outputs and five repetitions a side. */
export function makeCompareItems(count: number, seed = 17): CompareItem[] {
  const next = random(seed)
  const changes = ['improved', 'regressed', 'unchanged', 'missing'] as const
  return Array.from({ length: count }, (_, i) => {
    const base = Array.from({ length: 5 }, () => sentence(next, 30 + Math.floor(next() * 120)))
    return compareItemFixture({
      itemId: `item-${i}`,
      input: sentence(next, 40),
      expectedOutput: sentence(next, 60),
      base: { outputs: base, errors: [], scores: { accuracy: next(), helpfulness: next() } },
      candidate: {
        outputs: base.map((text) => text.replace(/refund/g, 'return').replace(/thirty/g, '30')),
        errors: i % 5 === 0 ? ['timeout after 30 s'] : [],
        scores: { accuracy: next(), helpfulness: next() },
      },
      difference: (next() - 0.5) * 2,
      change: changes[i % 4]!,
    })
  })
}
