import { type JsonValue, readChatMessages } from '@sightline/core'
import { distance } from 'fastest-levenshtein'
import { z } from 'zod'
import { textOf } from '../subject'
import type { EvalSubject } from '../types'
import { bool, caseSensitiveField, comparable, defineKind, numeric, trimField } from './shared'

/** Keys sorted at every depth: two objects with the same fields compare equal whatever their order. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** A payload as compared: text as text (chat messages by content), other JSON in canonical form. */
export function comparableText(value: JsonValue | null | undefined): string {
  if (value == null || typeof value === 'string' || readChatMessages(value)) return textOf(value)
  if (typeof value === 'object' && !Array.isArray(value)) {
    const t = textOf(value)
    // `{ content }`-like objects read as their text; others as canonical JSON
    if (t !== JSON.stringify(value)) return t
  }
  return canonical(value)
}

const pair = (s: EvalSubject) => [comparableText(s.output), comparableText(s.expected)] as const

/** Scripts written without spaces: each character is a token. */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu

/** Words, numbers and punctuation marks as tokens; each CJK or Thai character alone. */
export function tokenize(text: string, caseSensitive: boolean): string[] {
  return comparable(text, caseSensitive).match(TOKEN) ?? []
}

const round = (x: number) => Math.round(x * 10_000) / 10_000

// ---- exact match -----------------------------------------------------------------------

export const exactMatch = defineKind({
  kind: 'exact-match',
  label: 'Exact match',
  description:
    'True when the output equals the expected output (case-sensitive and trimmed by default; JSON compared whatever its key order).',
  dataType: 'boolean',
  needsExpected: true,
  config: z.object({ caseSensitive: z.boolean().default(true), trim: z.boolean().default(true) }),
  fields: [caseSensitiveField(true), trimField],
  evaluate(subject, c) {
    let [a, b] = pair(subject)
    if (c.trim) [a, b] = [a.trim(), b.trim()]
    const ok = comparable(a, c.caseSensitive) === comparable(b, c.caseSensitive)
    return bool(ok, ok ? 'matches the expected output' : `differs: ${a.length} characters against ${b.length} expected`)
  },
})

// ---- Levenshtein -----------------------------------------------------------------------

/** Texts longer than this are compared on their start: the distance costs length × length / 32. */
export const MAX_EDIT_CHARS = 20_000

/**
 * Code points as single UTF-16 units (astral ones mapped to private-use characters), so an emoji
 * is one edit, not two. Both texts share the map.
 */
function asUnits(a: string, b: string): [string, string] {
  const astral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g
  if (!/[\uD800-\uDBFF]/.test(a + b)) return [a, b]
  const map = new Map<string, string>()
  const swap = (s: string) =>
    s.replace(astral, (ch) => {
      let u = map.get(ch)
      if (!u) map.set(ch, (u = String.fromCharCode(0xe000 + (map.size % 6400))))
      return u
    })
  return [swap(a), swap(b)]
}

export const levenshtein = defineKind({
  kind: 'levenshtein',
  label: 'Levenshtein similarity',
  description:
    'Similarity of the output to the expected output, 0 to 1: 1 − edit distance ÷ the longer length, in characters. 1 is identical.',
  dataType: 'numeric',
  needsExpected: true,
  config: z.object({ caseSensitive: z.boolean().default(true), trim: z.boolean().default(true) }),
  fields: [caseSensitiveField(true), trimField],
  evaluate(subject, c) {
    let [a, b] = pair(subject)
    if (c.trim) [a, b] = [a.trim(), b.trim()]
    ;[a, b] = asUnits(comparable(a, c.caseSensitive), comparable(b, c.caseSensitive))
    const cut = a.length > MAX_EDIT_CHARS || b.length > MAX_EDIT_CHARS
    if (cut) [a, b] = [a.slice(0, MAX_EDIT_CHARS), b.slice(0, MAX_EDIT_CHARS)]
    const longest = Math.max(a.length, b.length)
    if (longest === 0) return numeric(1, 'both empty')
    const d = distance(a, b)
    return numeric(round(1 - d / longest), `${d} edits over ${longest} characters${cut ? ` (the first ${MAX_EDIT_CHARS} compared)` : ''}`)
  },
})

// ---- BLEU ------------------------------------------------------------------------------

const ngrams = (tokens: string[], n: number): Map<string, number> => {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join('\u0000')
    counts.set(g, (counts.get(g) ?? 0) + 1)
  }
  return counts
}

/**
 * Sentence BLEU of a hypothesis against one reference: clipped n-gram precisions up to `maxN`,
 * their geometric mean over the orders the hypothesis is long enough for (effective order),
 * exponential smoothing of zero counts (sacrebleu's default for sentences: the k-th zero
 * precision counts as 1 / (2^k · n-grams)), times the brevity penalty.
 */
export function sentenceBleu(hyp: string[], ref: string[], maxN = 4): number {
  if (hyp.length === 0 || ref.length === 0) return hyp.length === ref.length ? 1 : 0
  let logSum = 0
  let orders = 0
  let k = 1
  for (let n = 1; n <= maxN; n++) {
    const total = hyp.length - n + 1
    if (total <= 0) break
    const refCounts = ngrams(ref, n)
    let matched = 0
    for (const [g, count] of ngrams(hyp, n)) matched += Math.min(count, refCounts.get(g) ?? 0)
    const p = matched > 0 ? matched / total : 1 / (2 ** k++ * total)
    logSum += Math.log(p)
    orders++
  }
  const bp = hyp.length > ref.length ? 1 : Math.exp(1 - ref.length / hyp.length)
  return bp * Math.exp(logSum / orders)
}

/** Token lists longer than this are cut: n-gram counting is linear, LCS is not. */
export const MAX_TOKENS = 5_000

const similarityConfig = z.object({
  caseSensitive: z.boolean().default(false),
})

export const bleu = defineKind({
  kind: 'bleu',
  label: 'BLEU',
  description:
    'Sentence BLEU of the output against the expected output, 0 to 1: n-gram overlap up to 4-grams, smoothed, with a brevity penalty. Words, numbers and punctuation are tokens; each Chinese, Japanese or Thai character too.',
  dataType: 'numeric',
  needsExpected: true,
  config: similarityConfig.extend({
    maxN: z
      .number({ error: 'maxN must be a number' })
      .int('maxN must be a whole number')
      .min(1, 'maxN must be 1 to 4')
      .max(4, 'maxN must be 1 to 4')
      .default(4),
  }),
  fields: [
    caseSensitiveField(false),
    { name: 'maxN', type: 'number', label: 'Longest n-gram', description: '1 to 4 (4 is the usual BLEU-4).', required: false, default: 4 },
  ],
  evaluate(subject, c) {
    const [a, b] = pair(subject)
    const hyp = tokenize(a, c.caseSensitive).slice(0, MAX_TOKENS)
    const ref = tokenize(b, c.caseSensitive).slice(0, MAX_TOKENS)
    return numeric(round(sentenceBleu(hyp, ref, c.maxN)), `${hyp.length} tokens against ${ref.length} expected`)
  },
})

// ---- ROUGE-L ---------------------------------------------------------------------------

/** Length of the longest common subsequence, in two rows of memory. */
export function lcsLength(a: string[], b: string[]): number {
  if (a.length < b.length) [a, b] = [b, a]
  let prev = new Uint32Array(b.length + 1)
  let cur = new Uint32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!)
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]!
}

export const rougeL = defineKind({
  kind: 'rouge-l',
  label: 'ROUGE-L',
  description:
    'ROUGE-L F-measure of the output against the expected output, 0 to 1: the longest common subsequence of tokens, as precision and recall combined (F1).',
  dataType: 'numeric',
  needsExpected: true,
  config: similarityConfig,
  fields: [caseSensitiveField(false)],
  evaluate(subject, c) {
    const [a, b] = pair(subject)
    const hyp = tokenize(a, c.caseSensitive).slice(0, MAX_TOKENS)
    const ref = tokenize(b, c.caseSensitive).slice(0, MAX_TOKENS)
    if (hyp.length === 0 || ref.length === 0)
      return numeric(hyp.length === ref.length ? 1 : 0, hyp.length === ref.length ? 'both empty' : 'one side is empty')
    const lcs = lcsLength(hyp, ref)
    const p = lcs / hyp.length
    const r = lcs / ref.length
    const f = lcs === 0 ? 0 : (2 * p * r) / (p + r)
    return numeric(round(f), `precision ${round(p)}, recall ${round(r)} (${lcs} common tokens)`)
  },
})
