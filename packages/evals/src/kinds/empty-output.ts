import { type JsonValue, readChatMessages } from '@sightline/core'
import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, payloadOf } from './shared'

const EMPTY_JSON = /^(\{\s*\}|\[\s*\]|null|""|'')$/

/** Why a payload is empty, or null when it holds something. */
export function emptiness(payload: JsonValue | null): string | null {
  if (payload == null) return 'no payload'
  if (typeof payload === 'string') {
    const t = payload.trim()
    if (!t) return payload ? 'only whitespace' : 'empty text'
    return EMPTY_JSON.test(t) ? `empty JSON text ${t}` : null
  }
  const messages = readChatMessages(payload)
  if (messages) return messages.some((m) => m.content.trim() || m.toolCalls?.length || m.parts.length) ? null : 'messages without content'
  if (Array.isArray(payload)) return payload.length ? null : 'an empty list'
  if (typeof payload === 'object') return Object.keys(payload).length ? null : 'an empty object'
  return null
}

export const emptyOutput = defineKind({
  kind: 'empty-output',
  label: 'Empty output',
  description:
    'True when the output is empty: missing, empty or only whitespace, empty JSON ({}, [], null, ""), or chat messages with no content and no tool call.',
  dataType: 'boolean',
  config: z.object({ field: fieldSchema }),
  fields: [fieldField],
  evaluate(subject, c) {
    const why = emptiness(payloadOf(subject, c.field))
    return bool(why !== null, why ?? 'not empty')
  },
})
