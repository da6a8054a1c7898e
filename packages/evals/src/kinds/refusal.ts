import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, quote, textFrom } from './shared'

/**
 * Phrases of refusal and deflection, in English, French, German, Spanish, Portuguese and
 * Italian. Each needs the first person and a refusing verb, so "you cannot miss it" or "I can't
 * wait" do not count.
 */
const REFUSALS: RegExp[] = [
  /\bI(?: am|'m)? ?(?:really |truly )?(?:sorry|afraid),? but (?:I|that|this|it)\b[^.!?\n]{0,40}?\b(?:can't|cannot|can not|won't|unable|not able|not (?:something|allowed|permitted|appropriate))/i,
  /\bI(?: really)? (?:can't|cannot|can not|won't|will not|am unable to|'m unable to|am not able to|'m not able to|must decline to|have to decline to)(?: be able to)?(?: \w+){0,2}? (?:help(?! but\b)|assist|provide|do that|comply|fulfil|fulfill|answer|support|share|generate|create|write|give|engage|discuss|continue|participate)\b/i,
  /\b(?:that's|that is|this is|it's|it is) not something I (?:can|am able to|'m able to|will)\b/i,
  /\bI (?:must|have to|need to) (?:respectfully |politely )?(?:decline|refuse)\b/i,
  /\bI(?: am|'m) not (?:allowed|permitted|able|comfortable|in a position) to\b/i,
  /\bI (?:don't|do not) feel comfortable\b/i,
  /\b(?:against|violates?) (?:my|our|the|OpenAI's|Anthropic's) (?:guidelines|policies|policy|content policy|usage policies|programming|principles)\b/i,
  /\bas an? (?:AI|artificial intelligence|language model|large language model|LLM|AI language model|AI assistant|virtual assistant)\b/i,
  /\bI(?: am|'m) (?:just |only )?an? (?:AI|language model|large language model)\b/i,
  // French
  /\bje ne (?:peux|suis pas en mesure de|suis pas autorisé à) (?:pas )?(?:vous |t')?(?:aider|répondre|fournir|faire|donner|assister)/i,
  /\b(?:désolé|désolée),? (?:mais )?je ne (?:peux|suis)/i,
  /\ben tant qu'(?:IA|intelligence artificielle|assistant)/i,
  // German
  /\bich kann (?:Ihnen |dir |euch )?(?:dabei |damit |hier |leider )*(?:nicht|keine)\b[^.!?\n]{0,30}?(?:helfen|unterstützen|beantworten|geben|erstellen|liefern)/i,
  /\bes tut mir leid,? aber ich (?:kann|darf)\b/i,
  /\bals (?:eine |ein )?(?:KI|künstliche Intelligenz|Sprachmodell)\b/i,
  // Spanish
  /\bno puedo (?:ayudar|ayudarte|ayudarle|proporcionar|responder|hacer eso|dar|brindar|asistir)/i,
  /\blo siento,? (?:pero )?no (?:puedo|estoy)/i,
  /\bcomo (?:una |un )?(?:IA|inteligencia artificial|modelo de lenguaje|asistente virtual)\b/i,
  // Portuguese
  /\bnão posso (?:ajudar|te ajudar|fornecer|responder|fazer isso|dar)/i,
  /\b(?:desculpe|lamento),? (?:mas )?não (?:posso|consigo)/i,
  /\bcomo (?:uma |um )?(?:IA|inteligência artificial|modelo de linguagem)\b/i,
  // Italian
  /\bnon (?:posso|sono in grado di) (?:aiutar|fornir|risponder|far|dar)/i,
  /\bmi dispiace,? ma non (?:posso|sono)/i,
  /\bcome (?:un'|una |un )?(?:IA|intelligenza artificiale|modello linguistico)\b/i,
]

/** Refusals lead or close an answer; a long text is read at its start and its end. */
const HEAD = 4000
const TAIL = 1000

/** The refusing phrase a text holds, or null. */
export function findRefusal(text: string, extra: readonly string[] = []): string | null {
  const t = (text.length > HEAD + TAIL ? `${text.slice(0, HEAD)}\n${text.slice(-TAIL)}` : text).replace(/[’‘`´]/g, "'")
  for (const re of REFUSALS) {
    const m = re.exec(t)
    if (m) return m[0]
  }
  const lower = t.toLowerCase()
  for (const phrase of extra) if (lower.includes(phrase.toLowerCase())) return phrase
  return null
}

export const refusal = defineKind({
  kind: 'refusal',
  label: 'Refusal',
  description:
    'True when the answer refuses or deflects ("I can\'t help with that", "As an AI…"), in English, French, German, Spanish, Portuguese or Italian, or holds one of your own phrases.',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    extraPhrases: z
      .array(z.string().min(1, 'extraPhrases must not hold an empty phrase').max(200), { error: 'extraPhrases must be a list of phrases' })
      .max(100, 'extraPhrases may hold at most 100 phrases')
      .default([]),
  }),
  fields: [
    {
      name: 'extraPhrases',
      type: 'string-list',
      label: 'More refusing phrases',
      description: 'Also count these (case-insensitive), e.g. your product\'s own "Please contact support".',
      required: false,
      default: [],
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const phrase = findRefusal(textFrom(subject, c.field), c.extraPhrases)
    return bool(phrase !== null, phrase === null ? 'no refusal found' : `refusal: ${quote(phrase, 60)}`)
  },
})
