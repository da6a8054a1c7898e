import type { Agreement, EvalRun, Evaluator, EvaluatorKind } from '@sightline/core'
import { evalRunFixture, evaluatorFixture, evaluatorKindsFixture } from '../packages/react/src/evaluators/test-utils/fixtures'
import { random } from './fixtures'

export {
  categoricalAgreementFixture,
  emptyAgreementFixture,
  evalRunsFixture,
  evaluatorFixture,
  evaluatorKindsFixture,
  evaluatorListFixture,
  numericAgreementFixture,
  previewResultFixture,
  weakBooleanAgreementFixture,
} from '../packages/react/src/evaluators/test-utils/fixtures'

const KIND_IDS = evaluatorKindsFixture.map((k) => k.kind)
const STATUSES = ['active', 'active', 'active', 'inactive', 'paused'] as const

/** `count` evaluators of every kind and status, deterministic. */
export function makeEvaluators(count: number, seed = 7): Evaluator[] {
  const next = random(seed)
  return Array.from({ length: count }, (_, i) => {
    const status = STATUSES[Math.floor(next() * STATUSES.length)]!
    const done = Math.round(next() * 200_000)
    return evaluatorFixture({
      id: `ev-${i}`,
      name: `${['Helpfulness', 'Refusal', 'Tone', 'Groundedness', 'PII leak', 'Language'][i % 6]} evaluator with a rather long name #${i + 1}`,
      kind: KIND_IDS[i % KIND_IDS.length]!,
      scoreName: `score-${i}`,
      status,
      active: status === 'active',
      pausedReason: status === 'paused' ? 'cost guard: more than 1,000 runs in the last hour (maxRunsPerHour)' : null,
      sampleRate: Math.round(next() * 100) / 100,
      stats: {
        done,
        errors: Math.round(next() ** 4 * 900),
        skipped: Math.round(next() * 50),
        pending: Math.round(next() ** 2 * 5000),
        p50DurationMs: Math.round(next() * 8000),
        cost24h: next() * 40,
        lastRunAt: new Date(Date.UTC(2026, 11, 1, 9) - i * 60_000).toISOString(),
      },
    })
  })
}

/** `count` runs, with long errors on the failed ones. */
export function makeRuns(count: number): EvalRun[] {
  return Array.from({ length: count }, (_, i) =>
    evalRunFixture(
      i,
      i % 6 === 2
        ? { error: `judge answered 429 Too Many Requests: ${'rate limit exceeded for the organisation, '.repeat(3)}retry after 20 s` }
        : {},
    ),
  )
}

/** A kind with a field of every type, and many kinds, for the form's huge state. */
export const manyKinds: EvaluatorKind[] = [
  ...evaluatorKindsFixture,
  ...Array.from({ length: 14 }, (_, i) => ({
    kind: `custom-${i}`,
    label: `Custom check ${i + 1}`,
    description: 'A team-specific check registered on this server, with a description long enough to wrap onto two lines.',
    dataType: (['boolean', 'numeric', 'categorical'] as const)[i % 3]!,
    needsExpected: i % 4 === 0,
    fields: [
      { name: 'threshold', type: 'number' as const, label: 'Threshold', required: true, default: 0.5 },
      { name: 'labels', type: 'string-list' as const, label: 'Labels', required: false },
    ],
  })),
]

/** Twelve categories: a wide heat map. */
export const wideAgreement: Agreement = (() => {
  const labels = ['billing', 'bug', 'feature', 'how-to', 'account', 'security', 'refund', 'outage', 'praise', 'spam', 'legal', 'other']
  const next = random(3)
  const matrix = labels.map((_, r) => labels.map((_, c) => (r === c ? 40 + Math.round(next() * 60) : Math.round(next() ** 3 * 25))))
  const n = matrix.flat().reduce((a, b) => a + b, 0)
  const agreed = labels.reduce((a, _, i) => a + matrix[i]![i]!, 0)
  // κ = (observed − chance) / (1 − chance), chance from the row and column totals.
  const chance =
    labels.reduce((a, _, i) => a + matrix[i]!.reduce((x, y) => x + y, 0) * matrix.reduce((x, row) => x + row[i]!, 0), 0) / n ** 2
  const cohenKappa = (agreed / n - chance) / (1 - chance)
  return { dataType: 'categorical', human: 'topic', n, agreement: agreed / n, cohenKappa, confusion: { labels, matrix } }
})()
