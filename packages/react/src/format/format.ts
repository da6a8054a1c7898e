import { MISSING_VALUE } from '@sightline/core'

/** Shown where a value is missing (a running trace has no latency yet, an unpriced model no cost). */
export const MISSING = MISSING_VALUE

// One latency and one cost format for tables, viewers and charts alike.
export { formatCost, formatLatency } from '@sightline/core'

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
const grouped = new Intl.NumberFormat('en-US')

/** 950 → "950", 1234 → "1.2K", 3400000 → "3.4M". */
export function formatTokens(tokens: number | null | undefined): string {
  if (tokens == null || !Number.isFinite(tokens)) return MISSING
  return Math.abs(tokens) < 1000 ? String(Math.round(tokens)) : compact.format(tokens)
}

/** 1234567 → "1,234,567", for titles and detail views where the exact count matters. */
export function formatCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return MISSING
  return grouped.format(n)
}

export interface FormatTimeOptions {
  locale?: string | undefined
  timeZone?: string | undefined
  /** "short" leaves out the year, for dense tables; "medium" (the default) is the full time */
  length?: 'short' | 'medium' | undefined
}

const SHORT: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }
const MEDIUM: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' }

/** A trace time in the reader's locale and zone, e.g. "Nov 26, 2026, 6:59:03 PM". */
export function formatTime(iso: string | number | null | undefined, options: FormatTimeOptions = {}): string {
  if (iso == null) return MISSING
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return MISSING
  return dateTimeFormat(options).format(date)
}

// Building a formatter costs far more than using one; a list of 1,000 rows needs only two.
const formatters = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat({ locale, timeZone, length = 'medium' }: FormatTimeOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${length}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...(length === 'short' ? SHORT : MEDIUM), ...(timeZone && { timeZone }) })
    formatters.set(key, formatter)
  }
  return formatter
}
