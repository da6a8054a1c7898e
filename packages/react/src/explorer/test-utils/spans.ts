import type { Score, Span, SpanSkeleton } from '@sightline/core'

const T0 = Date.UTC(2026, 10, 26, 18, 0, 0)
const iso = (ms: number) => new Date(ms).toISOString()

/** A complete span skeleton; tests override only the fields they look at. */
export function skeleton(overrides: Partial<SpanSkeleton> & { id: string }, at = 0): SpanSkeleton {
  return {
    traceId: 'trace-1',
    parentId: null,
    name: `span ${overrides.id}`,
    type: 'span',
    startTime: T0 + at,
    endTime: T0 + at + 100,
    completionStartTime: null,
    latencyMs: 100,
    model: null,
    provider: null,
    usage: null,
    cost: null,
    status: 'ok',
    statusMessage: null,
    inputSize: 10,
    outputSize: 10,
    ...overrides,
  }
}

/** A span with payloads (its times ISO strings, as full spans have them). */
export function fullSpan(overrides: Partial<Span> & { id: string }, at = 0): Span {
  const { inputSize: _i, outputSize: _o, ...base } = skeleton({ id: overrides.id }, at)
  return {
    ...base,
    startTime: iso(base.startTime),
    endTime: iso(base.endTime!),
    completionStartTime: null,
    input: null,
    output: null,
    modelParameters: null,
    attributes: null,
    ...overrides,
  }
}

/** `count` spans in a tree of random depth (deterministic), listed in shuffled order. */
export function manySpans(count: number, seed = 1): SpanSkeleton[] {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const spans: SpanSkeleton[] = []
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `s${Math.max(0, i - 1 - Math.floor(next() * Math.min(i, 8)))}`
    spans.push(skeleton({ id: `s${i}`, parentId: parent, name: `step ${i}`, type: i % 5 === 0 ? 'generation' : 'span' }, i))
  }
  for (let i = spans.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[spans[i], spans[j]] = [spans[j]!, spans[i]!]
  }
  return spans
}

export function score(overrides: Partial<Score> & { id: string }): Score {
  return {
    projectId: 'default',
    traceId: 'trace-1',
    spanId: null,
    name: 'user_feedback',
    dataType: 'boolean',
    value: true,
    comment: null,
    correction: null,
    source: 'feedback',
    authorId: null,
    metadata: null,
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...overrides,
  }
}

/** Hostile strings: each must show as text, never run, load or style anything. */
export const INJECTIONS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '[click me](javascript:window.__pwned=1)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<style>body { display: none }</style>',
  '<a href="javascript:alert(1)">x</a>',
  '![pixel](https://tracker.example/pixel.png)',
] as const

/** Elements none of the injections may create. */
export const FORBIDDEN_SELECTOR =
  'script, img, style, iframe, object, embed, a[href^="javascript"], a[href^="data"], [onerror], [style*="display: none"]'
