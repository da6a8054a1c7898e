import type { Agreement, EvalRun, Evaluator, EvaluatorKind, EvaluatorPreviewResult } from '@sightline/core'

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0)
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString()

/** Kinds as `GET /evaluators/kinds` lists them: offline checks and the LLM judge with nested output fields. */
export const evaluatorKindsFixture: EvaluatorKind[] = [
  {
    kind: 'contains',
    label: 'Contains',
    description: 'Whether the output contains any (or all) of the given phrases.',
    dataType: 'boolean',
    needsExpected: false,
    fields: [
      { name: 'phrases', type: 'string-list', label: 'Phrases', description: 'One per line.', required: true },
      { name: 'mode', type: 'enum', label: 'Match', required: true, options: ['any', 'all'], default: 'any' },
      { name: 'caseSensitive', type: 'boolean', label: 'Case-sensitive', required: false, default: false },
    ],
  },
  {
    kind: 'regex',
    label: 'Regular expression',
    description: 'Whether the output matches a pattern.',
    dataType: 'boolean',
    needsExpected: false,
    fields: [{ name: 'pattern', type: 'string', label: 'Pattern', description: 'JavaScript syntax, without slashes.', required: true }],
  },
  {
    kind: 'levenshtein',
    label: 'Edit distance',
    description: 'Similarity of the output to the expected output, 0 to 1.',
    dataType: 'numeric',
    needsExpected: true,
    fields: [{ name: 'maxLength', type: 'number', label: 'Longest text compared', required: false, default: 10000 }],
  },
  {
    kind: 'llm-judge',
    label: 'LLM judge',
    description: 'A model grades the trace with your prompt and explains why.',
    dataType: 'numeric',
    needsExpected: false,
    fields: [
      { name: 'model', type: 'string', label: 'Model', required: true, default: 'gpt-4o-mini' },
      {
        name: 'prompt',
        type: 'text',
        label: 'Prompt',
        description: 'Use {{input}}, {{output}} and {{expected}}.',
        required: true,
      },
      {
        name: 'output.dataType',
        type: 'enum',
        label: 'Verdict type',
        required: true,
        options: ['numeric', 'boolean', 'categorical'],
        default: 'numeric',
      },
      { name: 'output.categories', type: 'string-list', label: 'Categories', description: 'For categorical verdicts.', required: false },
      {
        name: 'modelParameters',
        type: 'json',
        label: 'Model parameters',
        description: 'A JSON object, e.g. {"temperature": 0}.',
        required: false,
      },
    ],
  },
]

export function evaluatorFixture(overrides: Partial<Evaluator> = {}): Evaluator {
  return {
    id: 'ev-helpful',
    name: 'Helpfulness judge',
    kind: 'llm-judge',
    config: { model: 'gpt-4o-mini', prompt: 'Is this answer helpful? {{output}}', output: { dataType: 'numeric' } },
    scoreName: 'helpfulness',
    target: 'trace',
    filter: { environment: 'production' },
    sampleRate: 0.25,
    delaySeconds: 10,
    active: true,
    maxRunsPerHour: 500,
    status: 'active',
    pausedReason: null,
    archivedAt: null,
    createdAt: iso(-86_400_000),
    updatedAt: iso(-3_600_000),
    stats: { done: 1204, errors: 7, skipped: 31, pending: 4, p50DurationMs: 1840, cost24h: 0.4213, lastRunAt: iso(-60_000) },
    ...overrides,
  }
}

export const evaluatorListFixture: Evaluator[] = [
  evaluatorFixture(),
  evaluatorFixture({
    id: 'ev-refusal',
    name: 'Refusal check',
    kind: 'contains',
    config: { phrases: ["I can't help", 'I cannot'], mode: 'any' },
    scoreName: 'refusal',
    filter: null,
    sampleRate: 1,
    stats: { done: 5321, errors: 0, skipped: 0, pending: 0, p50DurationMs: 1, cost24h: 0, lastRunAt: iso(-5_000) },
  }),
  evaluatorFixture({
    id: 'ev-tone',
    name: 'Tone judge',
    status: 'paused',
    pausedReason: 'the judge failed 20 times in a row: 401 from the model provider',
    stats: { done: 88, errors: 20, skipped: 0, pending: 140, p50DurationMs: 2300, cost24h: 0.05, lastRunAt: iso(-7_200_000) },
  }),
  evaluatorFixture({
    id: 'ev-old',
    name: 'Old regex',
    kind: 'regex',
    config: { pattern: 'TODO' },
    active: false,
    status: 'inactive',
    stats: undefined,
  }),
]

export function evalRunFixture(i: number, overrides: Partial<EvalRun> = {}): EvalRun {
  const status = (['done', 'done', 'error', 'done', 'skipped', 'pending'] as const)[i % 6]!
  return {
    traceId: `trace-${String(i).padStart(5, '0')}`,
    spanId: null,
    status,
    scoreId: status === 'done' ? `score-${i}` : null,
    value: status === 'done' ? Math.round(((i * 37) % 100) / 10) / 10 : null,
    error: status === 'error' ? 'judge answered with no number (attempt 3 of 3)' : status === 'skipped' ? 'over maxRunsPerHour' : null,
    attempts: status === 'error' ? 3 : status === 'pending' ? 0 : 1,
    durationMs: status === 'pending' ? null : 800 + ((i * 131) % 3000),
    usage: status === 'done' ? { input: 812, output: 64, total: 876 } : null,
    cost: status === 'done' ? 0.00021 : null,
    scheduledAt: iso(-i * 61_000),
    finishedAt: status === 'pending' ? null : iso(-i * 61_000 + 3_000),
    ...overrides,
  }
}

export const evalRunsFixture: EvalRun[] = Array.from({ length: 6 }, (_, i) => evalRunFixture(i))

export const categoricalAgreementFixture: Agreement = {
  dataType: 'categorical',
  human: 'correctness',
  n: 120,
  agreement: 0.7,
  cohenKappa: 0.52,
  confusion: {
    labels: ['correct', 'partial', 'wrong'],
    matrix: [
      [50, 8, 2],
      [10, 20, 6],
      [4, 6, 14],
    ],
  },
}

export const weakBooleanAgreementFixture: Agreement = {
  dataType: 'boolean',
  human: 'helpful',
  n: 40,
  agreement: 0.6,
  cohenKappa: 0.21,
  confusion: {
    labels: ['false', 'true'],
    matrix: [
      [8, 10],
      [6, 16],
    ],
  },
}

export const numericAgreementFixture: Agreement = {
  dataType: 'numeric',
  human: 'helpfulness',
  n: 86,
  pearson: 0.81,
  spearman: 0.77,
  mae: 0.12,
}

export const emptyAgreementFixture: Agreement = {
  dataType: 'boolean',
  human: 'helpful',
  n: 0,
  agreement: null,
  cohenKappa: null,
  confusion: { labels: [], matrix: [] },
}

export const previewResultFixture: EvaluatorPreviewResult = {
  value: 0.8,
  dataType: 'numeric',
  comment: 'The answer names the exact menu path and the 24-hour window, but does not mention the audit log.',
  usage: { input: 912, output: 58, total: 970 },
  cost: 0.00019,
  scoreName: 'helpfulness',
  traceId: 'trace-00042',
  spanId: null,
  durationMs: 1530,
}
