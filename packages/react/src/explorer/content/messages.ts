import type { JsonValue } from '@sightline/core'

export interface ViewToolCall {
  id?: string
  name: string
  arguments?: JsonValue
}

/** A chat message as the viewer shows it; built from the stored `{ role, content, toolCalls? }` and common variants. */
export interface ViewMessage {
  role: string
  text: string
  /** content parts that are not text (images, files…), shown as JSON */
  parts: JsonValue[]
  toolCalls: ViewToolCall[]
  /** the call a tool result answers */
  toolCallId?: string
}

type JsonObject = { [key: string]: JsonValue }
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined)

/** Strings holding JSON (OpenAI sends tool arguments so) are parsed; anything else is kept. */
export function maybeParseJson(v: JsonValue): JsonValue {
  if (typeof v !== 'string' || v.length > 5_000_000) return v
  const t = v.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return v
  try {
    return JSON.parse(t) as JsonValue
  } catch {
    return v
  }
}

function toolCallOf(raw: JsonValue): ViewToolCall | null {
  if (!isObject(raw)) return null
  const fn = isObject(raw.function) ? raw.function : raw
  const name = str(fn.name) ?? str(raw.toolName) ?? 'tool'
  const args = fn.arguments ?? raw.arguments ?? raw.args ?? raw.input
  const id = str(raw.id) ?? str(raw.toolCallId)
  return { ...(id !== undefined && { id }), name, ...(args !== undefined && { arguments: maybeParseJson(args) }) }
}

function messageOf(raw: JsonValue): ViewMessage | null {
  if (!isObject(raw)) return null
  const m = isObject(raw.message) ? raw.message : raw
  const role = str(m.role)
  if (role === undefined) return null
  const texts: string[] = []
  const parts: JsonValue[] = []
  const content = m.content ?? m.parts ?? null
  if (typeof content === 'string') texts.push(content)
  else if (Array.isArray(content))
    for (const part of content) {
      if (typeof part === 'string') texts.push(part)
      else if (isObject(part) && typeof part.text === 'string') texts.push(part.text)
      else if (part !== null) parts.push(part)
    }
  else if (content !== null) parts.push(content)
  const calls = m.toolCalls ?? m.tool_calls
  const toolCalls = Array.isArray(calls) ? calls.map(toolCallOf).filter((c): c is ViewToolCall => c !== null) : []
  const toolCallId = str(m.toolCallId) ?? str(m.tool_call_id)
  return { role, text: texts.join('\n'), parts, toolCalls, ...(toolCallId !== undefined && { toolCallId }) }
}

/**
 * The chat messages a payload holds (a list of messages, `{ messages: [...] }`, or one message),
 * or null when it is something else.
 */
export function asMessages(value: JsonValue | null | undefined): ViewMessage[] | null {
  if (value == null) return null
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.messages)
      ? value.messages
      : isObject(value)
        ? [value]
        : null
  if (!list || list.length === 0) return null
  const messages: ViewMessage[] = []
  for (const item of list) {
    const message = messageOf(item)
    if (!message) return null
    messages.push(message)
  }
  return messages
}

/** The text of the last message with one of `roles`, else of the whole value when it is a string. */
export function lastMessageText(value: JsonValue | null | undefined, roles: readonly string[]): string | null {
  if (typeof value === 'string') return value
  const messages = asMessages(value)
  if (!messages) return null
  for (let i = messages.length - 1; i >= 0; i--) if (roles.includes(messages[i].role) && messages[i].text) return messages[i].text
  return null
}
