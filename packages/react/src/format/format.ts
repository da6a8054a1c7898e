/** Shown where a value is missing (a running trace has no latency yet, an unpriced model no cost). */
export const MISSING = '—'

/** 850 → "850 ms", 1234 → "1.2 s", 125000 → "2 min 5 s". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return MISSING
  if (Math.round(ms) < 1000) return `${Math.max(0, Math.round(ms))} ms`
  const seconds = ms / 1000
  // Decided on the rounded figure so 59,960 ms reads "1 min 0 s", never "60.0 s".
  if (Math.round(seconds * 10) < 600) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })

/**
 * 0.0012 → "$0.0012", 0.5 → "$0.50", 12.345 → "$12.35".
 * Under a dollar two significant digits are kept: single LLM calls cost fractions of a cent.
 */
export function formatCost(cost: number | null | undefined): string {
  if (cost == null || !Number.isFinite(cost)) return MISSING
  if (cost === 0) return '$0'
  const sign = cost < 0 ? '-' : ''
  const abs = Math.abs(cost)
  if (abs >= 0.995) return sign + usd.format(abs)
  if (abs < 0.000001) return `${sign}<$0.000001`
  return `${sign}$${abs.toPrecision(2)}`
}

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
  locale?: string
  timeZone?: string
  /** "short" leaves out the year, for dense tables; "medium" (the default) is the full time */
  length?: 'short' | 'medium'
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
