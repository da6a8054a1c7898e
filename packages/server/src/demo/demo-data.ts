import type { IngestBatch, ScoreInput, SpanInput, TraceInput } from '@sightline/core'
import { countTokens, fakeComplete, hashString, seededRandom } from './fake-model'

const DAY = 86_400_000

/** Prices in USD per million tokens, for demo costs only. */
const MODELS = [
  { model: 'gpt-4o', provider: 'openai', input: 2.5, output: 10 },
  { model: 'gpt-4o-mini', provider: 'openai', input: 0.15, output: 0.6 },
  { model: 'claude-3-5-sonnet', provider: 'anthropic', input: 3, output: 15 },
  { model: 'gemini-1.5-flash', provider: 'google', input: 0.075, output: 0.3 },
] as const
type Model = (typeof MODELS)[number]

const QUESTIONS = [
  'How do I change my billing plan?',
  'Where do nightly exports go?',
  'What is the API rate limit?',
  'Do you support single sign-on?',
  'Can I recover a deleted project?',
  'How do I invite a teammate?',
  'Why was my card declined?',
  'Can I get an invoice with my VAT number?',
  'Is my order #4821 shipped yet?',
  'Summarize this support ticket for me.',
  'Which regions is my data stored in?',
  'How do I rotate my API key?',
]
const PLANS = ['free', 'free', 'pro', 'pro', 'enterprise']
const REGIONS = ['eu', 'us', 'us', 'apac']
const REASONS = ['wrong answer', 'too slow', 'not helpful', 'made something up']

export interface ExchangeOptions {
  traceId: string
  name: 'chat' | 'rag-qa' | 'support-agent' | 'summarize'
  question: string
  start: number
  model: Model
  rnd: () => number
  /** a tool call that fails (support-agent) */
  fail?: boolean
}

// Every list chosen from is non-empty.
const choose = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!

const usd = (tokens: number, perMillion: number) => Math.round(tokens * perMillion * 1e4) / 1e10

/** The spans of one assistant exchange, shaped like a real app's instrumentation. */
export function buildExchange(o: ExchangeOptions): { spans: SpanInput[]; answer: string; end: number } {
  const spans: SpanInput[] = []
  const id = (n: string) => `${o.traceId}-${n}`
  let t = o.start
  const root = id('root')
  const generation = (name: string, parentId: string, messages: { role: string; content: string }[]) => {
    const c = fakeComplete(messages.map((m) => m.content).join('\n'))
    const start = t
    t += c.latencyMs
    spans.push({
      id: id(name),
      traceId: o.traceId,
      parentId,
      name,
      type: 'generation',
      startTime: start,
      endTime: t,
      completionStartTime: start + c.firstTokenMs,
      model: o.model.model,
      provider: o.model.provider,
      modelParameters: { temperature: 0.2, max_tokens: 1024 },
      usage: { input: c.inputTokens, output: c.outputTokens, total: c.inputTokens + c.outputTokens },
      cost: { input: usd(c.inputTokens, o.model.input), output: usd(c.outputTokens, o.model.output) },
      input: messages,
      output: [{ role: 'assistant', content: c.text }],
    })
    return c.text
  }
  const system = { role: 'system', content: 'You are the support assistant of Acme Cloud. Answer briefly and cite docs.' }
  let answer: string

  if (o.name === 'rag-qa') {
    const emb = t
    t += 40 + Math.round(o.rnd() * 60)
    const tokens = countTokens(o.question)
    spans.push({
      id: id('embed'),
      traceId: o.traceId,
      parentId: root,
      name: 'embed-query',
      type: 'embedding',
      startTime: emb,
      endTime: t,
      model: 'text-embedding-3-small',
      provider: 'openai',
      usage: { input: tokens, total: tokens },
      cost: { input: usd(tokens, 0.02) },
      input: o.question,
    })
    const ret = t
    t += 30 + Math.round(o.rnd() * 120)
    const docs = [1, 2, 3].map((k) => ({ id: `doc-${(hashString(o.question) + k) % 97}`, score: Math.round((0.9 - k * 0.07) * 100) / 100 }))
    spans.push({
      id: id('retrieve'),
      traceId: o.traceId,
      parentId: root,
      name: 'retrieve',
      type: 'retriever',
      startTime: ret,
      endTime: t,
      input: { query: o.question, topK: 3 },
      output: docs,
      attributes: { index: 'help-center-v3' },
    })
    answer = generation('generate-answer', root, [
      system,
      { role: 'user', content: `${o.question}\n\nContext: ${docs.map((d) => d.id).join(', ')}` },
    ])
  } else if (o.name === 'support-agent') {
    generation('plan', root, [system, { role: 'user', content: o.question }])
    const tool = t
    t += 80 + Math.round(o.rnd() * 400)
    spans.push({
      id: id('tool'),
      traceId: o.traceId,
      parentId: root,
      name: 'lookup_order',
      type: 'tool',
      startTime: tool,
      endTime: t,
      input: { orderId: '4821' },
      output: o.fail ? null : { status: 'shipped', carrier: 'DHL' },
      status: o.fail ? 'error' : 'ok',
      statusMessage: o.fail ? 'upstream orders service timed out after 5s' : null,
    })
    answer = o.fail
      ? 'Sorry, I could not look that up right now. Please try again in a minute.'
      : generation('answer', root, [system, { role: 'user', content: o.question }, { role: 'tool', content: '{"status":"shipped"}' }])
  } else {
    answer = generation(o.name === 'chat' ? 'chat-completion' : 'summarize', root, [system, { role: 'user', content: o.question }])
  }
  spans.unshift({
    id: root,
    traceId: o.traceId,
    parentId: null,
    name: o.name,
    type: o.name === 'support-agent' ? 'agent' : 'chain',
    startTime: o.start,
    endTime: t,
    input: o.question,
    output: answer,
    status: o.fail ? 'error' : 'ok',
  })
  return { spans, answer, end: t }
}

export interface GenerateOptions {
  /** number of traces */
  traces: number
  /** the newest trace starts a little before this */
  now: number
  /** how far back traces go */
  days?: number | undefined
  seed?: number | undefined
}

/**
 * Realistic demo traffic: multi-turn sessions of users with segments (plan, region), four
 * models, RAG and agent traces with tool calls, errors, three releases, and end-user feedback
 * (with a regression: gemini on release 1.5.0 gets more thumbs-down).
 */
export function generateDemoData({ traces, now, days = 14, seed = 7 }: GenerateOptions): Required<IngestBatch> {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]) => choose(rnd, xs)
  const out: Required<IngestBatch> = { traces: [], spans: [], scores: [] }
  const users = Array.from({ length: Math.max(5, Math.ceil(traces / 8)) }, (_, i) => ({
    id: `user-${String(i + 1).padStart(3, '0')}`,
    plan: pick(PLANS),
    region: pick(REGIONS),
  }))
  let n = 0
  while (n < traces) {
    const user = pick(users)
    const sessionId = `session-${seed}-${n}`
    const turns = Math.min(traces - n, 1 + Math.floor(rnd() * 4))
    let t = now - Math.floor(rnd() * days * DAY) - 60_000
    const ageDays = (now - t) / DAY
    const release = ageDays > 9 ? '1.4.0' : ageDays > 4 ? '1.5.0' : '1.6.0'
    const model = MODELS[Math.floor(rnd() * rnd() * MODELS.length * 1.3) % MODELS.length]!
    const name = pick(['chat', 'rag-qa', 'rag-qa', 'support-agent', 'summarize'] as const)
    for (let turn = 0; turn < turns; turn++, n++) {
      const traceId = `tr-${seed}-${String(n).padStart(6, '0')}`
      const question = pick(QUESTIONS)
      const fail = name === 'support-agent' && rnd() < 0.15
      const { spans, answer, end } = buildExchange({ traceId, name, question, start: t, model, rnd, fail })
      const trace: TraceInput = {
        id: traceId,
        name,
        userId: user.id,
        sessionId,
        environment: rnd() < 0.9 ? 'production' : 'staging',
        release,
        version: name === 'rag-qa' ? 'prompt-v7' : 'prompt-v3',
        tags: rnd() < 0.2 ? ['beta'] : [],
        metadata: { plan: user.plan, region: user.region, turn: turn + 1 },
        input: question,
        output: answer,
      }
      out.traces.push(trace)
      out.spans.push(...spans)
      if (rnd() < 0.35)
        out.scores.push(feedback(traceId, user.id, rnd, fail || (model.model === 'gemini-1.5-flash' && release === '1.5.0')))
      if (rnd() < 0.25)
        out.scores.push({
          id: `${traceId}-helpfulness`,
          traceId,
          name: 'helpfulness',
          value: Math.round((0.45 + rnd() * 0.55) * 100) / 100,
          source: 'eval',
          comment: 'LLM-as-judge (demo)',
        })
      t = end + 20_000 + Math.floor(rnd() * 120_000)
    }
  }
  return out
}

function feedback(traceId: string, userId: string, rnd: () => number, troubled: boolean): ScoreInput {
  const up = rnd() > (troubled ? 0.75 : 0.2)
  return {
    id: `${traceId}-fb-${userId}`,
    traceId,
    name: 'user_feedback',
    value: up,
    source: 'feedback',
    authorId: userId,
    ...(up ? {} : { comment: choose(rnd, REASONS), metadata: { reasons: [choose(rnd, REASONS)] } }),
  }
}

export { MODELS as DEMO_MODELS }
