import type { JsonValue } from '@sightline/core'
import type { AttrValue, Attrs } from './otlp-types'

/** The one chat message shape Sightline stores and the viewer renders. */
export interface ChatMessage {
  role: string
  content: string
  toolCalls?: { id?: string; name: string; arguments?: JsonValue }[]
}

type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v))

/** Strings that look like JSON are parsed; anything else is returned as is. */
export function maybeJson(v: AttrValue | undefined): AttrValue | undefined {
  if (typeof v !== 'string') return v
  const t = v.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return v
  try {
    return JSON.parse(t) as AttrValue
  } catch {
    return v
  }
}

const MAX_INDEX = 1000
export const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Rebuilds `prefix.<i>.<path>` attributes (e.g. `gen_ai.prompt.0.role`) into a list of nested
 * objects. Indices past 1000 and prototype keys are ignored.
 */
export function unflatten(attrs: Attrs, prefix: string): Obj[] | undefined {
  const items: Obj[] = []
  const start = `${prefix}.`
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(start)) continue
    const [index, ...path] = key.slice(start.length).split('.')
    const i = Number(index)
    if (!Number.isInteger(i) || i < 0 || i > MAX_INDEX || !path.length || path.some((p) => UNSAFE_KEYS.has(p))) continue
    let at: Obj = (items[i] ??= {})
    for (let k = 0; k < path.length; k++) {
      const part = path[k]
      if (k === path.length - 1) at[part] = value
      else at = (isObj(at[part]) ? at[part] : (at[part] = {})) as Obj
    }
  }
  const list = items.filter(Boolean)
  return list.length ? list : undefined
}

function toolCall(c: Obj): NonNullable<ChatMessage['toolCalls']>[number] {
  const fn = isObj(c.function)
    ? c.function
    : isObj(c.tool_call) && isObj((c.tool_call as Obj).function)
      ? ((c.tool_call as Obj).function as Obj)
      : c
  const id = c.id ?? c.toolCallId ?? (isObj(c.tool_call) ? (c.tool_call as Obj).id : undefined)
  const args = fn.arguments ?? c.arguments ?? c.args ?? c.input
  return {
    ...(id !== undefined ? { id: String(id) } : {}),
    name: String(fn.name ?? c.toolName ?? c.name ?? 'tool'),
    ...(args !== undefined ? { arguments: maybeJson(args as AttrValue) as JsonValue } : {}),
  }
}

/** Lists, and the `{ "0": …, "1": … }` objects that rebuilt flattened keys produce. */
const asList = (v: unknown): unknown[] | undefined =>
  Array.isArray(v) ? v : isObj(v) && Object.keys(v).every((k) => /^\d+$/.test(k)) ? Object.values(v) : undefined

/** One message in any of the known shapes → `{ role, content, toolCalls? }`. */
function normalizeMessage(raw: unknown): ChatMessage {
  if (!isObj(raw)) return { role: 'user', content: text(raw) }
  const m = isObj(raw.message) ? raw.message : raw // OpenInference nests under `message`
  const role = String(m.role ?? 'user')
  const texts: string[] = []
  const calls: NonNullable<ChatMessage['toolCalls']> = []
  let toolResult = false
  const part = (p: unknown) => {
    if (!isObj(p)) return texts.push(text(p))
    const type = p.type as string | undefined
    if (type === 'tool_call' || type === 'tool-call') calls.push(toolCall(p))
    else if (type === 'tool_call_response' || type === 'tool-result') {
      toolResult = true
      const result = p.response ?? p.result ?? p.output
      // AI SDK results come wrapped as { type: 'json' | 'text', value }
      texts.push(text(isObj(result) && 'type' in result && 'value' in result ? result.value : result))
    } else if (typeof p.content === 'string' || typeof p.text === 'string') texts.push(String(p.content ?? p.text))
    else if (isObj(p.message_content)) texts.push(text((p.message_content as Obj).text))
    else texts.push(text(p))
  }
  const parts = asList(m.parts) ?? asList(m.content) ?? asList(m.contents)
  if (parts) parts.forEach(part)
  else if (m.content !== undefined) texts.push(text(m.content))
  for (const c of asList(m.tool_calls ?? m.toolCalls) ?? []) if (isObj(c)) calls.push(toolCall(c))
  return {
    role: toolResult && role === 'user' ? 'tool' : role,
    content: texts.filter(Boolean).join('\n'),
    ...(calls.length ? { toolCalls: calls } : {}),
  }
}

export function normalizeMessages(value: unknown): ChatMessage[] | undefined {
  const v = maybeJson(value as AttrValue)
  if (Array.isArray(v)) return v.map(normalizeMessage)
  if (isObj(v) && Array.isArray(v.messages)) return (v.messages as unknown[]).map(normalizeMessage)
  return undefined
}
