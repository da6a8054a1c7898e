import type { ClaimResponse, Queue, QueueItem, QueueStats, ScoreConfig, Span, TraceDetail } from '@sightline/core'
import type { QueueWithCounts } from '../use-queues'

// Deterministic review data for tests and stories: no clock, no randomness.

const CREATED = '2026-11-26T18:00:00.000Z'

function config(c: Partial<ScoreConfig> & Pick<ScoreConfig, 'id' | 'name' | 'dataType'>): ScoreConfig {
  return { min: null, max: null, step: null, categories: null, description: null, archivedAt: null, createdAt: CREATED, ...c }
}

/** The demo queue's rubric. */
export const verdictConfig = config({
  id: 'cfg-verdict',
  name: 'verdict',
  dataType: 'categorical',
  categories: ['correct', 'partly correct', 'hallucinated'],
  description: 'Is the answer supported by the sources?',
})
export const qualityConfig = config({
  id: 'cfg-quality',
  name: 'quality',
  dataType: 'numeric',
  min: 1,
  max: 5,
  step: 1,
  description: 'Overall, 1 (bad) to 5 (great)',
})
export const noteConfig = config({ id: 'cfg-note', name: 'note', dataType: 'text', description: 'What should change?' })
export const groundedConfig = config({
  id: 'cfg-grounded',
  name: 'grounded',
  dataType: 'boolean',
  description: 'Does every claim cite a source?',
})
export const confidenceConfig = config({
  id: 'cfg-confidence',
  name: 'confidence',
  dataType: 'numeric',
  min: 0,
  max: 1,
  step: 0.25,
  description: 'How sure are you?',
})

export const reviewConfigs: readonly ScoreConfig[] = [verdictConfig, qualityConfig, noteConfig]
export const allTypeConfigs: readonly ScoreConfig[] = [verdictConfig, qualityConfig, groundedConfig, confidenceConfig, noteConfig]

export const reviewQueue: Queue = {
  id: 'q-neg',
  name: 'Negative feedback',
  description: 'Answers end users gave a thumbs-down',
  scoreConfigIds: reviewConfigs.map((c) => c.id),
  reviewersPerItem: 1,
  leaseSeconds: 300,
  rules: [{ kind: 'negative-feedback' }],
  archivedAt: null,
  createdAt: CREATED,
}

const QUESTIONS = [
  'How do I rotate my API key?',
  'Can I export my invoices as CSV?',
  'Why was my card declined?',
  'Do you support single sign-on?',
  'Where do nightly exports go?',
]
const ANSWERS = [
  'Open **Settings → API keys**, press *Rotate*, then update your clients within 24 hours. [docs: api-keys]',
  'Yes: Billing → Invoices → Export lets you pick CSV or PDF. [docs: billing]',
  'Cards are declined by the bank; we cannot see why. Try another card or call your bank.',
  'SSO (SAML and OIDC) is on the Enterprise plan. [docs: sso]',
  'Nightly exports go to the bucket set under Settings → Exports. [docs: exports]',
]

function span(s: Partial<Span> & Pick<Span, 'id' | 'traceId' | 'name' | 'type' | 'startTime'>): Span {
  return {
    parentId: null,
    endTime: s.startTime,
    completionStartTime: null,
    latencyMs: 0,
    model: null,
    provider: null,
    modelParameters: null,
    usage: null,
    cost: null,
    input: null,
    output: null,
    status: 'ok',
    statusMessage: null,
    attributes: null,
    ...s,
  }
}

/** A RAG exchange: retrieve, then one model call with the sources in its prompt. */
export function ragTrace(index: number): TraceDetail {
  const id = `trace-${index}`
  const question = QUESTIONS[index % QUESTIONS.length]!
  const answer = ANSWERS[index % ANSWERS.length]!
  const t = (ms: number) => new Date(Date.UTC(2026, 10, 26, 18, 59, 0) + index * 60_000 + ms).toISOString()
  const docs = [
    { id: 'doc-1', title: 'Help center: API keys', score: 0.82, text: 'Rotate a key under Settings → API keys.' },
    { id: 'doc-2', title: 'Help center: Billing', score: 0.61, text: 'Invoices can be exported as CSV or PDF.' },
  ]
  return {
    trace: {
      id,
      projectId: 'default',
      name: 'rag-qa',
      startTime: t(0),
      endTime: t(2100),
      userId: 'demo-user',
      sessionId: `session-${index}`,
      environment: 'production',
      release: '1.6.0',
      version: null,
      tags: ['rag'],
      metadata: { plan: 'pro', region: 'eu' },
      status: 'ok',
      latencyMs: 2100,
      inputTokens: 812,
      outputTokens: 64,
      totalTokens: 876,
      cost: 0.00021,
      spanCount: 3,
      errorCount: 0,
      models: ['gpt-4o-mini'],
      input: question,
      output: answer,
    },
    spans: [
      span({
        id: `${id}-root`,
        traceId: id,
        name: 'rag-qa',
        type: 'chain',
        startTime: t(0),
        endTime: t(2100),
        latencyMs: 2100,
        input: question,
        output: answer,
      }),
      span({
        id: `${id}-retrieve`,
        traceId: id,
        parentId: `${id}-root`,
        name: 'retrieve',
        type: 'retriever',
        startTime: t(10),
        endTime: t(180),
        latencyMs: 170,
        input: { query: question, topK: 2 },
        output: docs,
      }),
      span({
        id: `${id}-answer`,
        traceId: id,
        parentId: `${id}-root`,
        name: 'answer',
        type: 'generation',
        startTime: t(200),
        endTime: t(2090),
        latencyMs: 1890,
        model: 'gpt-4o-mini',
        provider: 'openai',
        usage: { input: 812, output: 64, total: 876, cacheRead: null, cacheWrite: null, reasoning: null },
        cost: { input: 0.00012, output: 0.00009, total: 0.00021, source: 'computed' },
        input: [
          { role: 'system', content: 'You are the support assistant of Acme Cloud. Answer briefly and cite docs.' },
          { role: 'user', content: `Sources:\n${docs.map((d) => `- ${d.title}: ${d.text}`).join('\n')}\n\nQuestion: ${question}` },
        ],
        output: [{ role: 'assistant', content: answer }],
      }),
    ],
    scores: [
      {
        id: `fb-${index}`,
        projectId: 'default',
        traceId: id,
        spanId: null,
        name: 'user-feedback',
        dataType: 'boolean',
        value: false,
        comment: 'It made this up.',
        correction: null,
        source: 'feedback',
        authorId: 'demo-user',
        metadata: null,
        createdAt: t(5000),
        updatedAt: t(5000),
      },
    ],
  }
}

/** A claimed item: the reviewer's lease runs out at `expiresAt`. */
export function claimedTask(index: number, expiresAt = '2026-11-26T20:05:00.000Z', reviewer = 'ann'): ClaimResponse {
  const trace = ragTrace(index)
  const item: QueueItem = {
    id: `item-${index}`,
    queueId: reviewQueue.id,
    traceId: trace.trace.id,
    spanId: null,
    status: 'in_progress',
    leases: [{ reviewer, expiresAt }],
    completedBy: [],
    skippedBy: [],
    createdAt: CREATED,
  }
  return { item, trace, reviewer }
}

export const queueStatsFixture: QueueStats = {
  counts: { total: 40, pending: 21, inProgress: 2, done: 14, skipped: 3 },
  reviewers: [
    { reviewer: 'ann', done: 9, skipped: 1, medianSeconds: 42, lastHour: 6, lastAt: '2026-11-26T19:58:00.000Z' },
    { reviewer: 'bob', done: 5, skipped: 2, medianSeconds: 187.5, lastHour: 0, lastAt: '2026-11-26T17:10:00.000Z' },
  ],
}

export const queueListFixture: QueueWithCounts[] = [
  { ...reviewQueue, counts: queueStatsFixture.counts },
  {
    ...reviewQueue,
    id: 'q-sample',
    name: 'Weekly sample',
    description: '2% of production traces, for calibration',
    rules: [{ kind: 'filter', filter: { environment: 'production' }, sampleRate: 0.02 }],
    counts: { total: 120, pending: 120, inProgress: 0, done: 0, skipped: 0 },
  },
  {
    ...reviewQueue,
    id: 'q-done',
    name: 'Launch review',
    description: null,
    counts: { total: 25, pending: 0, inProgress: 0, done: 25, skipped: 0 },
  },
]
