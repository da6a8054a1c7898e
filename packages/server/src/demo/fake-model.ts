/**
 * A deterministic stand-in for an LLM: the same prompt always gets the same answer, token
 * counts and latency, so demos and tests are repeatable without any model or network.
 */
export interface FakeCompletion {
  text: string
  inputTokens: number
  outputTokens: number
  latencyMs: number
  firstTokenMs: number
}

export function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const OPENERS = ['Here is what I found.', 'Good question.', 'Short answer first, then the details.', 'Based on the documents I have,']
const BODIES = [
  'You can change it under Settings → Billing; the change applies from the next invoice.',
  'Exports run nightly and land in your bucket as Parquet files, partitioned by day.',
  'The API allows 600 requests per minute per key; a 429 reply carries Retry-After.',
  'Single sign-on is available on the Pro and Enterprise plans through SAML or OIDC.',
  'Deleted projects stay recoverable for 30 days; after that the data is purged.',
  'You can invite teammates from the Members page; each invite link expires after 7 days.',
]

export const countTokens = (text: string) => Math.max(1, Math.ceil(text.split(/\s+/).filter(Boolean).length * 1.3))

export function fakeComplete(prompt: string): FakeCompletion {
  const rnd = seededRandom(hashString(prompt))
  const text = `${OPENERS[Math.floor(rnd() * OPENERS.length)]} ${BODIES[Math.floor(rnd() * BODIES.length)]}`
  const outputTokens = countTokens(text)
  const firstTokenMs = Math.round(150 + rnd() * 450)
  return {
    text,
    inputTokens: countTokens(prompt) + 120,
    outputTokens,
    firstTokenMs,
    latencyMs: firstTokenMs + outputTokens * Math.round(12 + rnd() * 20),
  }
}
