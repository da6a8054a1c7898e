import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, textFrom } from './shared'

export const LENGTH_UNITS = ['chars', 'words', 'tokens'] as const
export type LengthUnit = (typeof LENGTH_UNITS)[number]

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/** Scripts written without spaces between words (and that a tokenizer spends about one token per character on). */
const ONE_PER_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+)*/gu

/**
 * Words: runs of letters and digits ("it's", "e.g" count once; punctuation is no word). Text in
 * scripts written without spaces (Chinese, Japanese, Thai) is split by Unicode word segmentation,
 * piece by piece: the segmenter slows down quadratically on long strings.
 */
export function countWords(text: string): number {
  let n = 0
  for (const [piece] of text.matchAll(/\S+/g)) {
    if (ONE_PER_CHAR.test(piece)) {
      // slices of 1,000 characters: a word cut in two at a slice's edge counts twice, rarely
      for (let i = 0; i < piece.length; i += 1000) for (const s of wordSegmenter.segment(piece.slice(i, i + 1000))) if (s.isWordLike) n++
    } else for (const _ of piece.matchAll(WORD)) n++
  }
  return n
}
const PIECES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]|\p{N}+|[\p{L}\p{M}]+|[^\s\p{L}\p{M}\p{N}]/gu

/**
 * An estimate of a BPE tokenizer's count (GPT-4-like, within about 20 % on English prose), with
 * no tokenizer shipped: a word of up to 7 letters is one token (common words are), a longer one
 * a token per 5 letters; digits a token per 3, each CJK or Thai character and each punctuation
 * mark one.
 */
export function estimateTokens(text: string): number {
  let n = 0
  for (const [piece] of text.matchAll(PIECES)) {
    if (ONE_PER_CHAR.test(piece)) n += 1
    else if (/^\p{N}/u.test(piece)) n += Math.ceil(piece.length / 3)
    else if (/^[\p{L}\p{M}]/u.test(piece)) n += piece.length <= 7 ? 1 : Math.ceil(piece.length / 5)
    else n += 1
  }
  return n
}

/** Characters are Unicode code points: an emoji or "é" counts once, as a reader would count it (mostly). */
export function measure(text: string, unit: LengthUnit): number {
  if (unit === 'words') return countWords(text)
  if (unit === 'tokens') return estimateTokens(text)
  let n = 0
  for (const _ of text) n++
  return n
}

const bound = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must not be negative`)
    .optional()

export const length = defineKind({
  kind: 'length',
  label: 'Length',
  description:
    'True when the text length, in characters, words or (estimated) tokens, is within min and max (both inclusive). The comment gives the measured length.',
  dataType: 'boolean',
  config: z
    .object({
      field: fieldSchema,
      unit: z.enum(LENGTH_UNITS, { error: 'unit must be "chars", "words" or "tokens"' }).default('chars'),
      min: bound('min'),
      max: bound('max'),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'set min, max or both', path: ['max'] })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
      message: 'min must not be greater than max',
      path: ['max'],
    }),
  fields: [
    {
      name: 'unit',
      type: 'enum',
      label: 'Unit',
      description:
        'chars: Unicode characters; words: Unicode word segmentation; tokens: an estimate (about one token per common English word).',
      required: false,
      options: [...LENGTH_UNITS],
      default: 'chars',
    },
    { name: 'min', type: 'number', label: 'Minimum', description: 'Inclusive; none when empty.', required: false },
    { name: 'max', type: 'number', label: 'Maximum', description: 'Inclusive; none when empty.', required: false },
    fieldField,
  ],
  evaluate(subject, c) {
    const n = measure(textFrom(subject, c.field), c.unit)
    const unit = c.unit === 'chars' ? 'characters' : c.unit === 'tokens' ? 'tokens (estimated)' : 'words'
    const range = [c.min !== undefined && `min ${c.min}`, c.max !== undefined && `max ${c.max}`].filter(Boolean).join(', ')
    const ok = (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max)
    return bool(ok, `${n} ${unit} (${range})`)
  },
})
