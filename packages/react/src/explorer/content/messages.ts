import { type JsonValue, maybeParseJson, readChatMessages } from '@sightline/core'

/** Longer strings stay text: parsing a multi-megabyte string again is not worth it for display. */
const MAX_PARSED_LENGTH = 5_000_000

/** A payload string holding JSON, parsed for display; anything else is kept. */
export const parseJsonText = (value: JsonValue): JsonValue => maybeParseJson(value, MAX_PARSED_LENGTH)

/** The text of the last message with one of `roles`, else of the whole value when it is a string. */
export function lastMessageText(value: JsonValue | null | undefined, roles: readonly string[]): string | null {
  if (typeof value === 'string') return value
  const messages = readChatMessages(value)
  if (!messages) return null
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!
    if (roles.includes(message.role) && message.content) return message.content
  }
  return null
}
