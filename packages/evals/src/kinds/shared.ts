import type { JsonValue } from '@sightline/core'
import { z } from 'zod'
import { textOf } from '../subject'
import type { EvalResult, EvalSubject, EvaluatorField, OfflineKind } from '../types'

export type KindResult = Omit<EvalResult, 'usage' | 'cost'>

/** Text kinds read the output unless told to read the input. */
export const FIELDS_READ = ['output', 'input'] as const
export type FieldRead = (typeof FIELDS_READ)[number]

export const fieldSchema = z.enum(FIELDS_READ, { error: 'field must be "output" or "input"' }).default('output')

export const fieldField: EvaluatorField = {
  name: 'field',
  type: 'enum',
  label: 'Read',
  description: 'Which payload to read as text: the output (default) or the input.',
  required: false,
  options: [...FIELDS_READ],
  default: 'output',
}

/** The payload a text kind reads. */
export const payloadOf = (subject: EvalSubject, field: FieldRead): JsonValue | null => (field === 'input' ? subject.input : subject.output)

/** The payload a text kind reads, as text (chat messages joined, `{ content }` by that field…). */
export const textFrom = (subject: EvalSubject, field: FieldRead): string => textOf(payloadOf(subject, field))

export const bool = (value: boolean, comment: string | null = null): KindResult => ({ value, dataType: 'boolean', comment })
export const numeric = (value: number, comment: string | null = null): KindResult => ({ value, dataType: 'numeric', comment })

/** Long texts are examined up to this many characters, so one huge payload cannot stall a worker. */
export const MAX_TEXT = 200_000

export const caseSensitiveField = (byDefault: boolean): EvaluatorField => ({
  name: 'caseSensitive',
  type: 'boolean',
  label: 'Case sensitive',
  description: `Tell "Paris" from "paris" (${byDefault ? 'on' : 'off'} by default).`,
  required: false,
  default: byDefault,
})

export const trimField: EvaluatorField = {
  name: 'trim',
  type: 'boolean',
  label: 'Trim',
  description: 'Ignore leading and trailing whitespace (on by default).',
  required: false,
  default: true,
}

/** A short, quoted excerpt for comments: never the whole payload. */
export const quote = (s: string, max = 40): string => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s)

/** Text as compared: NFC (a composed "é" equals "e" + combining accent), lower-cased unless case matters. */
export const comparable = (s: string, caseSensitive: boolean): string => {
  const n = s.normalize('NFC')
  return caseSensitive ? n : n.toLowerCase()
}

/**
 * A kind with its config's parsed type inferred from its schema. The dispatcher runs `evaluate`
 * only on a config that passed `config`.
 */
export function defineKind<S extends z.ZodType>(kind: Omit<OfflineKind<z.output<S>>, 'config'> & { config: S }): OfflineKind<z.output<S>> {
  return kind as OfflineKind<z.output<S>>
}
