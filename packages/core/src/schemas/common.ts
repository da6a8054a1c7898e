import { z } from 'zod'

/** Epoch-millisecond bounds: 1973..5138. A smaller number is almost always epoch seconds. */
const MIN_EPOCH_MS = 1e11
const MAX_EPOCH_MS = 1e14

/** A time on the wire: ISO-8601 with offset, or epoch milliseconds. Parsed to epoch ms. */
export const timeInputSchema = z
  .union([
    z.iso.datetime({ offset: true, message: 'expected an ISO-8601 time with offset or epoch milliseconds' }),
    z
      .number()
      .int('epoch milliseconds must be a whole number')
      .min(MIN_EPOCH_MS, 'expected epoch milliseconds (this looks like seconds)')
      .max(MAX_EPOCH_MS, 'epoch milliseconds out of range'),
  ])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)))

export type TimeInput = z.input<typeof timeInputSchema>

const noNul = (s: string) => !s.includes('\u0000')
const NO_NUL = 'must not contain NUL (\\u0000) characters'

/** Text kept in a column of its own: PostgreSQL text cannot hold NUL, so neither store takes it. */
export const textSchema = z.string().refine(noNul, NO_NUL)

/** Ids are client-chosen strings (OTel 32-hex ids welcome). */
export const idSchema = textSchema.min(1, 'must not be empty').max(256, 'at most 256 characters')

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * Any JSON value. Bodies arrive through JSON.parse, so whatever is there is JSON already: walking
 * multi-MB payloads again would only cost ingest throughput.
 */
export const jsonValueSchema = z.custom<JsonValue>((v) => v !== undefined, 'expected a JSON value')

export const metadataSchema = z.record(textSchema.min(1).max(200), jsonValueSchema)

/** Whether a JSON value holds a NUL character in any string or key. */
export function jsonHasNul(v: unknown): boolean {
  const stack = [v]
  while (stack.length) {
    const x = stack.pop()
    if (typeof x === 'string') {
      if (!noNul(x)) return true
    } else if (x && typeof x === 'object') {
      for (const [k, child] of Object.entries(x)) {
        if (!noNul(k)) return true
        stack.push(child)
      }
    }
  }
  return false
}

type Frame = { value: object; depth: number; key: string | number | null; up: Frame | null }

/**
 * The path to the first object or array nested `max` levels below `root` (root is level 0), or
 * null. Iterative, so a value deep enough to overflow a recursive reader cannot overflow this.
 */
export function nestedPast(root: unknown, max: number): (string | number)[] | null {
  if (!root || typeof root !== 'object') return null
  const stack: Frame[] = [{ value: root, depth: 0, key: null, up: null }]
  while (stack.length) {
    const f = stack.pop()!
    if (f.depth >= max) {
      const path: (string | number)[] = []
      for (let at: Frame | null = f; at?.key != null; at = at.up) path.unshift(at.key)
      return path
    }
    for (const [key, child] of Object.entries(f.value))
      if (child && typeof child === 'object')
        stack.push({ value: child, depth: f.depth + 1, key: Array.isArray(f.value) ? Number(key) : key, up: f })
  }
  return null
}

/** Metadata stored as queryable JSON (PostgreSQL jsonb cannot hold NUL either). */
export const labelMetadataSchema = metadataSchema.refine((m) => !jsonHasNul(m), NO_NUL)

export const isoTimeSchema = z.string().describe('ISO-8601 time')

export const statusSchema = z.enum(['ok', 'error'])
export type Status = z.infer<typeof statusSchema>

export const toIso = (ms: number): string => new Date(ms).toISOString()
export const toIsoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : toIso(ms))

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone name such as "Europe/Berlin" (or "UTC"). */
export const timeZoneSchema = z.string().min(1).max(100).refine(isTimeZone, 'unknown IANA time zone')
