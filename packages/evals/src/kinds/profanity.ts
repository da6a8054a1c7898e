import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity'
import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, MAX_TEXT, textFrom } from './shared'

let matcher: RegExpMatcher | null = null
// built on first use: the dataset compiles a few hundred patterns
const getMatcher = () => (matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers }))

/** The profane words a text holds (their dictionary form: "fuck" for "f*ck", "fucking"), counted once per place. */
export function findProfanity(text: string, allow: readonly string[] = []): Map<string, number> {
  const examined = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
  const allowed = new Set(allow.map((w) => w.toLowerCase()))
  const seen = new Set<string>()
  const words = new Map<string, number>()
  for (const m of getMatcher().getAllMatches(examined, true)) {
    const at = `${m.startIndex}:${m.endIndex}`
    const word = englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? 'profanity'
    if (seen.has(at) || allowed.has(word)) continue
    seen.add(at)
    words.set(word, (words.get(word) ?? 0) + 1)
  }
  return words
}

/** "f***": enough to know which word, without printing it. */
const mask = (w: string) => w[0] + '*'.repeat(Math.max(0, w.length - 1))

export const profanity = defineKind({
  kind: 'profanity',
  label: 'Profanity',
  description:
    'True when the text holds English profanity, leetspeak and look-alike spellings ("sh1t") included, by the obscenity package\'s English list. The comment names the words, masked.',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    allow: z.array(z.string().min(1).max(50), { error: 'allow must be a list of words' }).max(200).default([]),
  }),
  fields: [
    {
      name: 'allow',
      type: 'string-list',
      label: 'Allowed words',
      description: 'Words not to count, in their dictionary form (e.g. "ass" for a donkey farm).',
      required: false,
      default: [],
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const words = findProfanity(textFrom(subject, c.field), c.allow)
    const list = [...words].map(([w, n]) => `${mask(w)} ×${n}`)
    return bool(list.length > 0, list.length ? `found: ${list.join(', ')}` : 'no profanity found')
  },
})
