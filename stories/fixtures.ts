import type { Score, SessionDetail, Span, Trace, TraceSummary } from '@sightline/core'

const MODELS = [['gpt-4o-mini'], ['gpt-4o'], ['claude-sonnet-4-5'], ['gpt-4o-mini', 'text-embedding-3-small'], ['llama-3.1-8b']]
const NAMES = ['chat', 'answer-question', 'summarise-ticket', 'rag-search', 'classify-intent', 'draft-reply']
const USERS = ['ada', 'grace', 'linus', 'margaret', 'ken', null]
const START = Date.UTC(2026, 10, 26, 18, 0, 0)

/** A small deterministic generator (mulberry32), so stories look the same on every build. */
export function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` trace summaries, newest first, like the first pages of the trace list. */
export function makeTraces(count: number, seed = 1): TraceSummary[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  return Array.from({ length: count }, (_, i) => {
    const start = START - i * 37_000 - Math.floor(next() * 30_000)
    const latencyMs = Math.round(200 + next() ** 2 * 12_000)
    const inputTokens = Math.round(50 + next() * 4000)
    const outputTokens = Math.round(20 + next() * 900)
    const failed = next() < 0.08
    const running = i < 2 && next() < 0.5
    const models = pick(MODELS)
    return {
      id: `trace-${String(i).padStart(5, '0')}`,
      projectId: 'default',
      name: pick(NAMES),
      startTime: new Date(start).toISOString(),
      endTime: running ? null : new Date(start + latencyMs).toISOString(),
      userId: pick(USERS),
      sessionId: `session-${Math.floor(i / 4)}`,
      environment: 'production',
      release: '2026.11.3',
      version: 'prompt-v7',
      tags: failed ? ['needs-review'] : [],
      metadata: {},
      status: failed ? 'error' : 'ok',
      latencyMs: running ? null : latencyMs,
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens,
      cost: models[0] === 'llama-3.1-8b' ? null : Number(((inputTokens * 0.15 + outputTokens * 0.6) / 1e6).toFixed(8)),
      spanCount: 2 + Math.floor(next() * 12),
      errorCount: failed ? 1 + Math.floor(next() * 2) : 0,
      models,
      inputPreview: 'How do I reset my password?',
      outputPreview: failed ? null : 'Open Settings → Security and choose "Reset password".',
    }
  })
}

export const traces25 = makeTraces(25)
export const traces1000 = makeTraces(1000, 7)

// Trace viewer and session fixtures: full spans with payloads, so stories need no network.

const VIEWER_START = Date.UTC(2026, 10, 26, 18, 30, 0)
const at = (ms: number) => new Date(VIEWER_START + ms).toISOString()

function span(s: Partial<Span> & Pick<Span, 'id' | 'name'> & { start: number; end: number | null }): Span {
  const { start, end, ...rest } = s
  return {
    traceId: 'trace-rag',
    parentId: null,
    type: 'span',
    startTime: at(start),
    endTime: end === null ? null : at(end),
    completionStartTime: null,
    latencyMs: end === null ? null : end - start,
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
    ...rest,
  }
}

function summaryOf(id: string, name: string, spans: Span[], extra: Partial<TraceSummary> = {}): TraceSummary {
  const end = Math.max(...spans.map((s) => Date.parse(s.endTime ?? s.startTime)))
  const billable = spans.filter((s) => s.type === 'generation' || s.type === 'embedding')
  const inputTokens = billable.reduce((n, s) => n + (s.usage?.input ?? 0), 0)
  const outputTokens = billable.reduce((n, s) => n + (s.usage?.output ?? 0), 0)
  return {
    id,
    projectId: 'default',
    name,
    startTime: at(0),
    endTime: new Date(end).toISOString(),
    userId: 'ada',
    sessionId: 'session-42',
    environment: 'production',
    release: '2026.11.3',
    version: 'prompt-v7',
    tags: [],
    metadata: { plan: 'pro' },
    status: spans.some((s) => s.status === 'error') ? 'error' : 'ok',
    latencyMs: end - VIEWER_START,
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    cost: billable.reduce((n, s) => n + (s.cost?.total ?? 0), 0),
    spanCount: spans.length,
    errorCount: spans.filter((s) => s.status === 'error').length,
    models: [...new Set(spans.map((s) => s.model).filter((m): m is string => !!m))],
    inputPreview: 'How do I rotate my API key?',
    outputPreview: 'Open Settings → API keys and choose "Rotate".',
    ...extra,
  }
}

const question = 'How do I rotate my API key?'
const answer =
  'Open **Settings → API keys** and choose *Rotate*. The old key keeps working for 24 hours.\n\n- Update your servers\n- Revoke the old key\n\nSee [the docs](https://docs.example.com/keys).'

/** A typical RAG answer: embed the question, retrieve documents, generate with them. */
export const ragSpans: Span[] = [
  span({ id: 'rag-root', name: 'rag-qa', type: 'chain', start: 0, end: 1840, input: question, output: answer }),
  span({
    id: 'rag-embed',
    parentId: 'rag-root',
    name: 'embed-query',
    type: 'embedding',
    start: 12,
    end: 80,
    model: 'text-embedding-3-small',
    provider: 'openai',
    usage: { input: 9, output: null, total: 9, cacheRead: null, cacheWrite: null, reasoning: null },
    cost: { input: 0.00000018, output: null, total: 0.00000018, source: 'computed' },
    input: question,
  }),
  span({
    id: 'rag-retrieve',
    parentId: 'rag-root',
    name: 'retrieve',
    type: 'retriever',
    start: 82,
    end: 190,
    input: { query: question, topK: 3 },
    attributes: { index: 'help-center-v3' },
    output: [
      { id: 'doc-12', score: 0.91, text: 'API keys can be rotated under Settings → API keys…' },
      { id: 'doc-40', score: 0.84, text: 'Revoking a key…' },
      { id: 'doc-7', score: 0.77, text: 'Key scopes…' },
    ],
  }),
  span({
    id: 'rag-generate',
    parentId: 'rag-root',
    name: 'generate-answer',
    type: 'generation',
    start: 195,
    end: 1835,
    completionStartTime: at(620),
    model: 'gpt-4o-mini',
    provider: 'openai',
    modelParameters: { temperature: 0.2, max_tokens: 1024 },
    usage: { input: 812, output: 96, total: 908, cacheRead: 512, cacheWrite: null, reasoning: null },
    cost: { input: 0.0001218, output: 0.0000576, total: 0.0001794, source: 'computed' },
    input: [
      { role: 'system', content: 'You are the support assistant of Acme Cloud. Answer briefly and cite docs.' },
      { role: 'user', content: `${question}\n\nContext: doc-12, doc-40, doc-7` },
    ],
    output: [{ role: 'assistant', content: answer }],
    attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' },
  }),
]
export const ragTrace = summaryOf('trace-rag', 'rag-qa', ragSpans)

/** An agent that plans, calls tools (one fails, then succeeds on retry) and answers. */
export const agentSpans: Span[] = [
  span({
    id: 'ag-root',
    traceId: 'trace-agent',
    name: 'support-agent',
    type: 'agent',
    start: 0,
    end: 4200,
    input: 'Is my order #4821 shipped yet?',
    output: 'Yes — it shipped with DHL yesterday.',
  }),
  span({
    id: 'ag-plan',
    traceId: 'trace-agent',
    parentId: 'ag-root',
    name: 'plan',
    type: 'generation',
    start: 10,
    end: 900,
    completionStartTime: at(300),
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    usage: { input: 640, output: 48, total: 688, cacheRead: null, cacheWrite: null, reasoning: null },
    cost: { input: 0.00192, output: 0.00072, total: 0.00264, source: 'provided' },
    input: [{ role: 'user', content: 'Is my order #4821 shipped yet?' }],
    output: [{ role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: { orderId: '4821' } }] }],
  }),
  span({
    id: 'ag-tool-1',
    traceId: 'trace-agent',
    parentId: 'ag-root',
    name: 'lookup_order',
    type: 'tool',
    start: 910,
    end: 3910,
    status: 'error',
    statusMessage: 'upstream orders service timed out after 3s',
    input: { orderId: '4821' },
  }),
  span({
    id: 'ag-tool-2',
    traceId: 'trace-agent',
    parentId: 'ag-root',
    name: 'lookup_order (retry)',
    type: 'tool',
    start: 3920,
    end: 4010,
    input: { orderId: '4821' },
    output: { status: 'shipped', carrier: 'DHL' },
  }),
  span({
    id: 'ag-guard',
    traceId: 'trace-agent',
    parentId: 'ag-root',
    name: 'pii-guardrail',
    type: 'guardrail',
    start: 4015,
    end: 4030,
    output: { passed: true },
  }),
  span({
    id: 'ag-answer',
    traceId: 'trace-agent',
    parentId: 'ag-root',
    name: 'answer',
    type: 'generation',
    start: 4030,
    end: 4195,
    completionStartTime: at(4080),
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    usage: { input: 720, output: 22, total: 742, cacheRead: null, cacheWrite: null, reasoning: null },
    cost: { input: 0.00216, output: 0.00033, total: 0.00249, source: 'provided' },
    input: [
      { role: 'user', content: 'Is my order #4821 shipped yet?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_2', name: 'lookup_order', arguments: { orderId: '4821' } }] },
      { role: 'tool', content: '{"status":"shipped","carrier":"DHL"}', toolCallId: 'call_2' },
    ],
    output: [{ role: 'assistant', content: 'Yes — it shipped with DHL yesterday.' }],
  }),
]
export const agentTrace = summaryOf('trace-agent', 'support-agent', agentSpans)

/** A failed trace: the model call errors, and one span's parent never arrived (an orphan). */
export const errorSpans: Span[] = [
  span({
    id: 'er-root',
    traceId: 'trace-error',
    name: 'summarize',
    type: 'chain',
    start: 0,
    end: 30_050,
    status: 'error',
    statusMessage: 'generation failed',
    input: 'Summarize ticket #991',
  }),
  span({
    id: 'er-gen',
    traceId: 'trace-error',
    parentId: 'er-root',
    name: 'summarize-ticket',
    type: 'generation',
    start: 20,
    end: 30_020,
    model: 'gpt-4o',
    provider: 'openai',
    status: 'error',
    statusMessage: '429 Too Many Requests: rate limit reached for gpt-4o in organization org-… on tokens per min. Limit: 30000.',
    input: [{ role: 'user', content: 'Summarize ticket #991: <script>alert("x")</script> customer cannot log in' }],
  }),
  span({ id: 'er-orphan', traceId: 'trace-error', parentId: 'lost-span', name: 'post-process', start: 30_030, end: 30_040 }),
]
export const errorTrace = summaryOf('trace-error', 'summarize', errorSpans)

export const viewerScores: Score[] = [
  {
    id: 'fb-1',
    projectId: 'default',
    traceId: 'trace-rag',
    spanId: null,
    name: 'user_feedback',
    dataType: 'boolean',
    value: false,
    comment: 'It forgot to say where the old key stops working.',
    correction: null,
    source: 'feedback',
    authorId: 'ada',
    metadata: { reasons: ['Incomplete'] },
    createdAt: at(60_000),
    updatedAt: at(60_000),
  },
  {
    id: 'ev-1',
    projectId: 'default',
    traceId: 'trace-rag',
    spanId: 'rag-generate',
    name: 'faithfulness',
    dataType: 'numeric',
    value: 0.92,
    comment: 'Every claim in the answer is supported by the retrieved documents.',
    correction: null,
    source: 'eval',
    authorId: null,
    metadata: null,
    createdAt: at(90_000),
    updatedAt: at(90_000),
  },
]

/** `count` skeleton-less spans (payloads included but tiny) in a tree of random depth. */
export function makeHugeSpans(count: number, seed = 3): Span[] {
  const next = random(seed)
  const out: Span[] = []
  for (let i = 0; i < count; i++) {
    const r = next()
    const parent = i === 0 ? null : r < 0.3 ? i - 1 : r < 0.8 ? Math.max(0, i - 1 - Math.floor(next() * 50)) : Math.floor(next() * i)
    const type = i === 0 ? 'agent' : (['span', 'generation', 'tool', 'retriever'] as const)[Math.floor(next() * 4)]!
    out.push(
      span({
        id: `h${i}`,
        traceId: 'trace-huge',
        parentId: parent === null ? null : `h${parent}`,
        name: `${type}-step-${i}`,
        type,
        start: i * 5,
        end: i * 5 + 1 + Math.floor(next() * 400),
        model: type === 'generation' ? 'gpt-4o-mini' : null,
        input: { step: i },
      }),
    )
  }
  return out
}

const session = (id: string, spans: Span[], input: Trace['input'], output: Trace['output'], offset: number): Trace => {
  const { inputPreview: _i, outputPreview: _o, ...t } = summaryOf(id, 'rag-qa', spans, { startTime: at(offset) })
  return { ...t, input, output }
}

/** A three-turn conversation, with feedback on the last turn. */
export const sessionFixture: SessionDetail = {
  session: {
    id: 'session-42',
    traceCount: 3,
    startTime: at(0),
    endTime: at(200_000),
    userIds: ['ada'],
    totalTokens: 2724,
    cost: 0.00054,
    errorCount: 0,
  },
  traces: [
    session('turn-1', ragSpans, question, answer, 0),
    session('turn-2', ragSpans, 'And how long does the old one keep working?', 'For **24 hours** after you rotate it.', 60_000),
    session(
      'turn-3',
      ragSpans,
      [{ role: 'user', content: 'Can I shorten that?' }],
      [{ role: 'assistant', content: 'Not yet — revoke the old key by hand if you need it gone now.' }],
      120_000,
    ),
  ],
  scores: [{ ...viewerScores[0]!, id: 'fb-s', traceId: 'turn-3', comment: 'Wish it could.' }],
}
