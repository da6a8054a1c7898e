import type { TraceSummary } from '@sightline/core'

const MODELS = [['gpt-4o-mini'], ['gpt-4o'], ['claude-sonnet-4-5'], ['gpt-4o-mini', 'text-embedding-3-small'], ['llama-3.1-8b']]
const NAMES = ['chat', 'answer-question', 'summarise-ticket', 'rag-search', 'classify-intent', 'draft-reply']
const USERS = ['ada', 'grace', 'linus', 'margaret', 'ken', null]
const START = Date.UTC(2026, 10, 26, 18, 0, 0)

/** A small deterministic generator (mulberry32), so stories look the same on every build. */
function random(seed: number): () => number {
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
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]
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
