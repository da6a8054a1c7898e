import type { CompareItem, Dataset, DatasetItem, Experiment, ExperimentCompare, ScoreComparison } from '@sightline/core'

const T0 = Date.UTC(2026, 10, 30, 9)
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString()

export function datasetFixture(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'ds-golden',
    name: 'Golden answers',
    description: 'Questions our support team answered well, with the answer they approved.',
    metadata: null,
    version: 4,
    itemCount: 3,
    archivedAt: null,
    createdAt: at(0),
    updatedAt: at(90),
    ...overrides,
  }
}

export const datasetListFixture: Dataset[] = [
  datasetFixture(),
  datasetFixture({ id: 'ds-refunds', name: 'Refund questions', description: null, version: 1, itemCount: 42, updatedAt: at(30) }),
  datasetFixture({ id: 'ds-empty', name: 'Fresh set', description: 'Nothing in it yet.', version: 0, itemCount: 0 }),
  datasetFixture({ id: 'ds-old', name: 'Old set', archivedAt: at(100) }),
]

export function datasetItemFixture(overrides: Partial<DatasetItem> = {}): DatasetItem {
  return {
    id: 'item-1',
    datasetId: 'ds-golden',
    input: 'How do I reset my password?',
    expectedOutput: 'Open Settings → Security and choose "Reset password". A link arrives by email within a minute.',
    metadata: null,
    sourceTraceId: 'tr-reset-1',
    version: 1,
    createdAt: at(10),
    ...overrides,
  }
}

export const datasetItemsFixture: DatasetItem[] = [
  datasetItemFixture(),
  datasetItemFixture({
    id: 'item-2',
    input: { messages: [{ role: 'user', content: 'Can I get a refund after 30 days?' }] },
    expectedOutput: { answer: 'No, refunds are possible within 30 days of purchase.', policy: 'refunds-v2' },
    sourceTraceId: 'tr-refund-7',
    version: 3,
  }),
  datasetItemFixture({ id: 'item-3', input: 'Which plans include SSO?', expectedOutput: null, sourceTraceId: null, version: 4 }),
]

const stats = (mean: number | null, n = 50) => ({ mean, n })

export function experimentFixture(overrides: Partial<Experiment> = {}): Experiment {
  return {
    id: 'exp-base',
    name: 'gpt-4o-mini, prompt v3',
    datasetId: 'ds-golden',
    datasetVersion: 4,
    metadata: { model: 'gpt-4o-mini', prompt: 'v3' },
    evaluatorIds: ['ev-correct'],
    repetitions: 2,
    status: 'done',
    progress: { results: 100, expected: 100, errors: 1, pendingEvaluations: 0 },
    latencyMs: stats(1840, 100),
    cost: { total: 0.412, mean: 0.00412 },
    scores: [
      { name: 'accuracy', mean: 0.74, n: 99, missing: 1 },
      { name: 'helpfulness', mean: 0.81, n: 100, missing: 0 },
    ],
    createdAt: at(120),
    ...overrides,
  }
}

export const experimentListFixture: Experiment[] = [
  experimentFixture({
    id: 'exp-candidate',
    name: 'gpt-4.1, prompt v4',
    metadata: { model: 'gpt-4.1', prompt: 'v4' },
    latencyMs: stats(2310, 98),
    cost: { total: 1.28, mean: 0.0128 },
    progress: { results: 98, expected: 100, errors: 0, pendingEvaluations: 0 },
    scores: [
      { name: 'accuracy', mean: 0.82, n: 95, missing: 3 },
      { name: 'helpfulness', mean: 0.8, n: 98, missing: 0 },
    ],
    createdAt: at(180),
  }),
  experimentFixture(),
  experimentFixture({
    id: 'exp-running',
    name: 'claude, prompt v4',
    status: 'running',
    progress: { results: 37, expected: 100, errors: 2, pendingEvaluations: 12 },
    latencyMs: stats(1500, 37),
    cost: { total: 0.2, mean: 0.0054 },
    scores: [{ name: 'accuracy', mean: 0.7, n: 25, missing: 12 }],
    createdAt: at(200),
  }),
]

function comparison(name: string, overrides: Partial<ScoreComparison>): ScoreComparison {
  return {
    name,
    base: stats(0.74),
    candidate: stats(0.82),
    delta: 0.08,
    ci95: [0.03, 0.13],
    pValue: 0.002,
    improved: 11,
    regressed: 3,
    unchanged: 33,
    missing: { base: 0, candidate: 3 },
    noise: 0.05,
    ...overrides,
  }
}

export const experimentCompareFixture: ExperimentCompare = {
  base: { id: 'exp-base', name: 'gpt-4o-mini, prompt v3' },
  candidate: { id: 'exp-candidate', name: 'gpt-4.1, prompt v4' },
  items: 47,
  scores: [
    comparison('accuracy', {}),
    comparison('helpfulness', {
      base: stats(0.81),
      candidate: stats(0.8),
      delta: -0.01,
      ci95: [-0.04, 0.02],
      pValue: 0.51,
      improved: 4,
      regressed: 5,
      unchanged: 41,
      missing: { base: 0, candidate: 0 },
    }),
    comparison('tone', {
      base: stats(0.9),
      candidate: stats(0.78),
      delta: -0.12,
      ci95: [-0.2, -0.04],
      pValue: 0.004,
      improved: 1,
      regressed: 9,
      unchanged: 38,
      missing: { base: 2, candidate: 0 },
    }),
  ],
  latencyMs: comparison('', {
    base: stats(1840),
    candidate: stats(2310),
    delta: 470,
    ci95: [310, 630],
    pValue: 0.0001,
    improved: 8,
    regressed: 39,
    unchanged: 0,
    missing: { base: 0, candidate: 2 },
    noise: 0,
  }),
  cost: comparison('', {
    base: stats(0.00412),
    candidate: stats(0.0128),
    delta: 0.00868,
    ci95: [0.008, 0.0094],
    pValue: 0.0001,
    improved: 0,
    regressed: 47,
    unchanged: 0,
    missing: { base: 0, candidate: 2 },
    noise: 0,
  }),
}

export function compareItemFixture(overrides: Partial<CompareItem> = {}): CompareItem {
  return {
    itemId: 'item-1',
    input: 'How do I reset my password?',
    expectedOutput: 'Open Settings → Security and choose "Reset password".',
    base: {
      outputs: ['Go to Settings and click the reset link.', 'Go to Settings and choose Reset password.'],
      errors: [],
      scores: { accuracy: 0.5, helpfulness: 0.7 },
    },
    candidate: {
      outputs: ['Open Settings → Security and choose Reset password.', 'Open Settings → Security, then Reset password.'],
      errors: [],
      scores: { accuracy: 1, helpfulness: 0.8 },
    },
    difference: 0.5,
    change: 'improved',
    ...overrides,
  }
}

export const compareItemsFixture: CompareItem[] = [
  compareItemFixture(),
  compareItemFixture({
    itemId: 'item-2',
    input: { messages: [{ role: 'user', content: 'Can I get a refund after 30 days?' }] },
    expectedOutput: { answer: 'No, refunds are possible within 30 days of purchase.' },
    base: { outputs: ['No, refunds are possible within 30 days.'], errors: [], scores: { accuracy: 1, helpfulness: 0.9 } },
    candidate: { outputs: ['Yes, refunds are possible at any time.'], errors: [], scores: { accuracy: 0, helpfulness: 0.6 } },
    difference: -1,
    change: 'regressed',
  }),
  compareItemFixture({
    itemId: 'item-3',
    input: 'Which plans include SSO?',
    expectedOutput: null,
    base: { outputs: ['Business and Enterprise.'], errors: [], scores: { accuracy: 1 } },
    candidate: { outputs: [null], errors: ['rate limited by the provider (429)'], scores: {} },
    difference: null,
    change: 'missing',
  }),
]
