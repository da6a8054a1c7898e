import type { Page, TraceSortField } from '@sightline/core'
import { InvalidCursorError } from './types'

/** Keyset cursors: the last row's sort value and id, so pages stay stable while data arrives. */
export interface Cursor {
  sort: string
  value: number
  id: string
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url')
}

export function decodeCursor(raw: string, sort: string): Cursor {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursorError('cursor is not one this server made')
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[1] !== 'number' || typeof parsed[2] !== 'string')
    throw new InvalidCursorError('cursor is not one this server made')
  if (parsed[0] !== sort) throw new InvalidCursorError(`cursor belongs to sort "${parsed[0]}", not "${sort}"`)
  return { sort, value: parsed[1], id: parsed[2] }
}

/** One page from `limit + 1` fetched rows: the extra row only says whether there is a next page. */
export function pageOf<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (last: R) => Cursor): Page<T> {
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  // With more rows than the limit, the page is full and has a last row.
  return { data: page.map(map), nextCursor: more ? encodeCursor(cursorOf(page[page.length - 1]!)) : null }
}

/** Sort keys never null, so keyset comparisons hold: missing latency or cost sorts as -1. */
export const SORT_COLUMNS: Record<TraceSortField, string> = {
  startTime: 'start_time',
  latencyMs: 'COALESCE(latency_ms, -1)',
  cost: 'COALESCE(cost, -1)',
  totalTokens: 'total_tokens',
}

export const PREVIEW_CHARS = 300

/** A short text preview of a JSON payload for list rows. */
export function preview(json: string | null): string | null {
  if (json == null) return null
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return json.slice(0, PREVIEW_CHARS)
  }
  const text = typeof value === 'string' ? value : (lastMessageText(value) ?? json)
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text
}

/** Chat payloads preview as their last message's text. */
function lastMessageText(value: unknown): string | null {
  const list = Array.isArray(value) ? value : (value as { messages?: unknown })?.messages
  if (!Array.isArray(list) || list.length === 0) return null
  const last = list[list.length - 1] as { content?: unknown }
  return typeof last?.content === 'string' ? last.content : null
}
