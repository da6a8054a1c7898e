import safeRegex from 'safe-regex2'
import { z } from 'zod'
import { bool, caseSensitiveField, comparable, defineKind, fieldField, fieldSchema, MAX_TEXT, quote, textFrom, trimField } from './shared'
import type { EvaluatorField } from '../types'

const valueSchema = z
  .string({ error: 'value must be a string' })
  .min(1, 'value must not be empty')
  .max(10_000, 'value must be at most 10,000 characters')

const valueField = (description: string): EvaluatorField => ({ name: 'value', type: 'text', label: 'Text', description, required: true })

export const contains = defineKind({
  kind: 'contains',
  label: 'Contains',
  description: 'True when the text contains the given value.',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema, value: valueSchema, caseSensitive: z.boolean().default(false) }),
  fields: [valueField('The text to look for.'), caseSensitiveField(false), fieldField],
  evaluate(subject, c) {
    const at = comparable(textFrom(subject, c.field), c.caseSensitive).indexOf(comparable(c.value, c.caseSensitive))
    return bool(at >= 0, at >= 0 ? `found ${quote(c.value)} at ${at}` : `${quote(c.value)} not found`)
  },
})

/** Passes (true) when the value is absent: true means "does not contain", the check held. */
export const notContains = defineKind({
  kind: 'not-contains',
  label: 'Does not contain',
  description: 'True when the text does not contain the given value (the check passed); false when the value is found.',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema, value: valueSchema, caseSensitive: z.boolean().default(false) }),
  fields: [valueField('The text that must not appear.'), caseSensitiveField(false), fieldField],
  evaluate(subject, c) {
    const at = comparable(textFrom(subject, c.field), c.caseSensitive).indexOf(comparable(c.value, c.caseSensitive))
    return bool(at < 0, at >= 0 ? `found ${quote(c.value)} at ${at}` : `${quote(c.value)} is absent`)
  },
})

export const startsWith = defineKind({
  kind: 'starts-with',
  label: 'Starts with',
  description: 'True when the text starts with the given value (leading whitespace ignored unless trim is off).',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema, value: valueSchema, caseSensitive: z.boolean().default(false), trim: z.boolean().default(true) }),
  fields: [valueField('The text the answer must start with.'), caseSensitiveField(false), trimField, fieldField],
  evaluate(subject, c) {
    let text = textFrom(subject, c.field)
    if (c.trim) text = text.trimStart()
    const ok = comparable(text, c.caseSensitive).startsWith(comparable(c.value, c.caseSensitive))
    return bool(ok, ok ? `starts with ${quote(c.value)}` : `starts with ${quote(text.slice(0, c.value.length))}`)
  },
})

export const equals = defineKind({
  kind: 'equals',
  label: 'Equals',
  description: 'True when the whole text equals the given value (case-sensitive and trimmed by default).',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    value: z.string({ error: 'value must be a string' }).max(100_000, 'value must be at most 100,000 characters'),
    caseSensitive: z.boolean().default(true),
    trim: z.boolean().default(true),
  }),
  fields: [
    { name: 'value', type: 'text', label: 'Text', description: 'The text the whole answer must equal (may be empty).', required: true },
    caseSensitiveField(true),
    trimField,
    fieldField,
  ],
  evaluate(subject, c) {
    const text = textFrom(subject, c.field)
    const [a, b] = c.trim ? [text.trim(), c.value.trim()] : [text, c.value]
    const ok = comparable(a, c.caseSensitive) === comparable(b, c.caseSensitive)
    return bool(ok, ok ? 'equal' : `differs: ${a.length} characters against ${b.length} expected`)
  },
})

// ---- regex ---------------------------------------------------------------------------------

const REGEX_FLAGS = /^[imsu]*$/
export const DEFAULT_REGEX_MAX_CHARS = 10_000

/**
 * Whether a pattern may backtrack catastrophically (nested quantifiers, star height > 1), by
 * safe-regex2. Its parser does not know lookbehinds: they are checked as plain groups, which is
 * stricter, never looser.
 */
export function isSafePattern(pattern: string): boolean {
  return safeRegex(pattern.replace(/\(\?<[=!]/g, '(?:'))
}

export const regex = defineKind({
  kind: 'regex',
  label: 'Regex',
  description:
    'True when a regular expression matches somewhere in the text. Patterns that can backtrack catastrophically are refused, and only the first maxChars characters are examined.',
  dataType: 'boolean',
  config: z
    .object({
      field: fieldSchema,
      pattern: z
        .string({ error: 'pattern must be a string' })
        .min(1, 'pattern must not be empty')
        .max(1000, 'pattern must be at most 1,000 characters'),
      flags: z
        .string({ error: 'flags must be a string' })
        .regex(REGEX_FLAGS, 'flags may only hold i, m, s and u (g and y keep state between runs)')
        .refine((f) => new Set(f).size === f.length, 'flags must not repeat a flag')
        .default(''),
      maxChars: z.number().int().min(1).max(MAX_TEXT, `maxChars must be at most ${MAX_TEXT}`).default(DEFAULT_REGEX_MAX_CHARS),
    })
    .superRefine((c, ctx) => {
      try {
        new RegExp(c.pattern, c.flags)
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `pattern is not a valid regular expression: ${(e as Error).message}` })
        return
      }
      if (!isSafePattern(c.pattern))
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message:
            'pattern may backtrack catastrophically (a quantified group inside a quantified group, e.g. (a+)+): rewrite it without nested repetition',
        })
    }),
  fields: [
    { name: 'pattern', type: 'string', label: 'Pattern', description: 'A JavaScript regular expression, without slashes.', required: true },
    {
      name: 'flags',
      type: 'string',
      label: 'Flags',
      description: 'Any of i (ignore case), m (multiline), s (dot matches newlines), u (Unicode).',
      required: false,
      default: '',
    },
    {
      name: 'maxChars',
      type: 'number',
      label: 'Characters examined',
      description: 'Only the start of longer texts is searched.',
      required: false,
      default: DEFAULT_REGEX_MAX_CHARS,
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const text = textFrom(subject, c.field)
    const examined = text.length > c.maxChars ? text.slice(0, c.maxChars) : text
    const m = new RegExp(c.pattern, c.flags).exec(examined)
    if (m) return bool(true, `matched ${quote(m[0])} at ${m.index}`)
    return bool(false, text.length > c.maxChars ? `no match in the first ${c.maxChars} of ${text.length} characters` : 'no match')
  },
})
