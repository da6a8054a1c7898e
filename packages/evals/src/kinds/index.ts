import type { OfflineKind } from '../types'
import { emptyOutput } from './empty-output'
import { jsonSchema, jsonValid } from './json'
import { language } from './language'
import { length } from './length'
import { pii } from './pii'
import { profanity } from './profanity'
import { refusal } from './refusal'
import { secrets } from './secrets'
import { bleu, exactMatch, levenshtein, rougeL } from './similarity'
import { contains, equals, notContains, regex, startsWith } from './text-match'
import { cost, latency, tokens } from './thresholds'
import { toolCallValid, toolError } from './tools'

/** Every offline kind, in the order a picker lists them. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export const OFFLINE_KINDS: OfflineKind<any>[] = [
  contains,
  notContains,
  startsWith,
  equals,
  regex,
  jsonValid,
  jsonSchema,
  length,
  emptyOutput,
  refusal,
  language,
  pii,
  secrets,
  profanity,
  exactMatch,
  levenshtein,
  bleu,
  rougeL,
  toolError,
  toolCallValid,
  latency,
  cost,
  tokens,
]
