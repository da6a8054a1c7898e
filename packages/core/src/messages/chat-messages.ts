import type { JsonValue } from '../schemas/common'

export interface ChatToolCall {
  id?: string
  name: string
  arguments?: JsonValue
}

/** The one chat message shape Sightline stores (ingest normalises to it) and the viewer renders. */
export interface ChatMessage {
  role: string
  content: string
  toolCalls?: ChatToolCall[]
}

/** A message read for display: what the stored shape folds away is kept. */
export interface ChatMessageView extends ChatMessage {
  /** content parts that are not text (images, files…), to show as JSON; stored messages fold them into `content` */
  parts: JsonValue[]
  /** the call a tool result answers */
  toolCallId?: string
}

type Obj = { [key: string]: unknown }
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v))

/** Strings holding JSON (OpenAI sends tool arguments so, OTel attributes carry messages so) are parsed; anything else is kept. */
export function maybeParseJson<T>(value: T, maxLength = Number.POSITIVE_INFINITY): T | JsonValue {
  if (typeof value !== 'string' || value.length > maxLength) return value
  const t = value.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return value
  try {
    return JSON.parse(t) as JsonValue
  } catch {
    return value
  }
}

/** Lists, and the `{ "0": …, "1": … }` objects that rebuilt flattened keys produce. */
const asList = (v: unknown): unknown[] | undefined =>
  Array.isArray(v) ? v : isObj(v) && Object.keys(v).every((k) => /^\d+$/.test(k)) ? Object.values(v) : undefined

/** OpenAI `{ id, function: { name, arguments } }`, OpenInference `{ tool_call: { id, function } }`, AI SDK `{ toolCallId, toolName, input }`. */
function toolCallOf(c: Obj): ChatToolCall {
  const nested = isObj(c.tool_call) ? c.tool_call : undefined
  const fn = isObj(c.function) ? c.function : nested && isObj(nested.function) ? nested.function : c
  const id = c.id ?? c.toolCallId ?? nested?.id
  const args = fn.arguments ?? c.arguments ?? c.args ?? c.input
  return {
    ...(id !== undefined && { id: String(id) }),
    name: String(fn.name ?? c.toolName ?? c.name ?? 'tool'),
    ...(args !== undefined && { arguments: maybeParseJson(args) as JsonValue }),
  }
}

/**
 * One message in any of the known shapes → `{ role, content, toolCalls? }`. With `view`, parts
 * that are not text stay apart (else they become JSON text in `content`) and the answered call's id is kept.
 */
function messageOf(raw: Obj, view: true): ChatMessageView
function messageOf(raw: Obj, view: false): ChatMessage
function messageOf(raw: Obj, view: boolean): ChatMessage | ChatMessageView {
  const m = isObj(raw.message) ? raw.message : raw // OpenInference nests under `message`
  const role = String(m.role ?? 'user')
  const texts: string[] = []
  const parts: JsonValue[] = []
  const calls: ChatToolCall[] = []
  let toolResult = false
  let toolCallId = str(m.toolCallId) ?? str(m.tool_call_id)
  const other = (p: unknown) => (view ? parts.push(p as JsonValue) : texts.push(text(p)))
  const part = (p: unknown) => {
    if (typeof p === 'string') texts.push(p)
    else if (!isObj(p)) {
      if (p != null) other(p)
    } else if (p.type === 'tool_call' || p.type === 'tool-call') calls.push(toolCallOf(p))
    else if (p.type === 'tool_call_response' || p.type === 'tool-result') {
      toolResult = true
      toolCallId ??= str(p.toolCallId) ?? str(p.id)
      const result = p.response ?? p.result ?? p.output
      // AI SDK results come wrapped as { type: 'json' | 'text', value }
      texts.push(text(isObj(result) && 'type' in result && 'value' in result ? result.value : result))
    } else if (typeof p.content === 'string' || typeof p.text === 'string') texts.push(String(p.content ?? p.text))
    else if (isObj(p.message_content)) texts.push(text(p.message_content.text))
    else other(p)
  }
  const list = asList(m.parts) ?? asList(m.content) ?? asList(m.contents)
  if (list) list.forEach(part)
  else if (typeof m.content === 'string') texts.push(m.content)
  else if (m.content != null) other(m.content)
  for (const c of asList(m.tool_calls ?? m.toolCalls) ?? []) if (isObj(c)) calls.push(toolCallOf(c))
  const message: ChatMessage = {
    role: toolResult && role === 'user' ? 'tool' : role,
    content: texts.filter(Boolean).join('\n'),
    ...(calls.length > 0 && { toolCalls: calls }),
  }
  return view ? { ...message, parts, ...(toolCallId !== undefined && { toolCallId }) } : message
}

/** One message in any known shape → the stored shape; anything that is not an object is a user message. */
export function normalizeChatMessage(raw: unknown): ChatMessage {
  return isObj(raw) ? messageOf(raw, false) : { role: 'user', content: text(raw) }
}

/**
 * What ingest stores: a list of messages (or `{ messages: [...] }`, or JSON text of either) in the
 * stored shape, or undefined when the value is neither.
 */
export function normalizeChatMessages(value: unknown): ChatMessage[] | undefined {
  const v = maybeParseJson(value)
  if (Array.isArray(v)) return v.map(normalizeChatMessage)
  if (isObj(v) && Array.isArray(v.messages)) return v.messages.map(normalizeChatMessage)
  return undefined
}

const hasRole = (v: unknown): v is Obj => isObj(v) && typeof (isObj(v.message) ? v.message : v).role === 'string'

/**
 * The chat messages a payload holds, for display (a list of messages, `{ messages: [...] }`, or one
 * message), or null when it is something else: every item must be an object with a role.
 */
export function readChatMessages(value: JsonValue | null | undefined): ChatMessageView[] | null {
  if (value == null) return null
  const list = Array.isArray(value) ? value : isObj(value) ? (Array.isArray(value.messages) ? value.messages : [value]) : null
  if (!list?.length) return null
  const messages: ChatMessageView[] = []
  for (const item of list) {
    if (!hasRole(item)) return null
    messages.push(messageOf(item, true))
  }
  return messages
}
