import { type JsonValue, readChatMessages } from '@sightline/core'
import { z } from 'zod'
import type { EvalSubject, EvaluatorField } from '../types'
import { compileSchema, describeErrors, schemaProblem } from './json-schema-check'
import { bool, defineKind, type FieldRead, fieldField, fieldSchema, payloadOf } from './shared'

const FENCE = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/

export type JsonRead = { ok: true; value: JsonValue } | { ok: false; reason: string }

/**
 * The JSON a payload holds: a string is parsed (after trimming, and without its Markdown code
 * fence when `allowCodeFence`), chat messages by their joined content, and any other structured
 * value is JSON already.
 */
export function readJson(payload: JsonValue | null, allowCodeFence: boolean): JsonRead {
  if (payload == null) return { ok: false, reason: 'there is no payload' }
  let text: string
  if (typeof payload === 'string') text = payload
  else {
    const messages = readChatMessages(payload)
    if (!messages) return { ok: true, value: payload }
    text = messages.map((m) => m.content).join('\n')
  }
  text = text.trim()
  if (allowCodeFence) text = FENCE.exec(text)?.[1]?.trim() ?? text
  if (!text) return { ok: false, reason: 'the text is empty' }
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue }
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${(e as Error).message}` }
  }
}

const fenceField: EvaluatorField = {
  name: 'allowCodeFence',
  type: 'boolean',
  label: 'Allow a code fence',
  description: 'Accept JSON wrapped in a Markdown ```json fence, as models often write it.',
  required: false,
  default: false,
}

const kindOf = (v: JsonValue) =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`

export const jsonValid = defineKind({
  kind: 'json-valid',
  label: 'Valid JSON',
  description: 'True when the text parses as JSON (a payload that is already structured JSON counts).',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema, allowCodeFence: z.boolean().default(false) }),
  fields: [fenceField, fieldField],
  evaluate(subject, c) {
    const r = readJson(payloadOf(subject, c.field), c.allowCodeFence)
    return r.ok ? bool(true, `valid JSON: ${kindOf(r.value)}`) : bool(false, r.reason)
  },
})

const schemaConfig = z
  .custom<JsonValue>((v) => v !== undefined && v !== null, 'schema is required: a JSON Schema object')
  .superRefine((s, ctx) => {
    if (typeof s !== 'object' || Array.isArray(s)) {
      ctx.addIssue({ code: 'custom', message: 'schema must be a JSON Schema object' })
      return
    }
    const problem = schemaProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: `schema is not a valid JSON Schema: ${problem}` })
  })

export const jsonSchema = defineKind({
  kind: 'json-schema',
  label: 'Matches a JSON Schema',
  description: 'True when the text is JSON that fits the given JSON Schema (draft-07; formats such as email and date-time are checked).',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema, schema: schemaConfig, allowCodeFence: z.boolean().default(false) }),
  fields: [
    {
      name: 'schema',
      type: 'json',
      label: 'JSON Schema',
      description: 'The schema the JSON must fit, e.g. {"type":"object","required":["answer"]}.',
      required: true,
    },
    fenceField,
    fieldField,
  ],
  evaluate(subject: EvalSubject, c: { field: FieldRead; schema: JsonValue; allowCodeFence: boolean }) {
    const r = readJson(payloadOf(subject, c.field), c.allowCodeFence)
    if (!r.ok) return bool(false, r.reason)
    const validate = compileSchema(c.schema)
    return validate(r.value) ? bool(true, 'fits the schema') : bool(false, describeErrors(validate.errors))
  },
})
