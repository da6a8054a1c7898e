import { INTERVAL_MS, type Interval } from '@sightline/core'

export interface TimeFormatOptions {
  locale?: string | undefined
  timeZone?: string | undefined
}

const cache = new Map<string, Intl.DateTimeFormat>()
function formatter(options: Intl.DateTimeFormatOptions, { locale, timeZone }: TimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([options, locale ?? '', timeZone ?? ''])
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone && { timeZone }) })
    cache.set(key, f)
  }
  return f
}

/** Axis ticks: days for daily buckets, day and hour across several days, else the hour. */
export function tickFormat(interval: Interval, rangeMs: number, options: TimeFormatOptions): (t: number) => string {
  const f =
    INTERVAL_MS[interval] >= 86_400_000
      ? formatter({ month: 'short', day: 'numeric' }, options)
      : rangeMs > 86_400_000
        ? formatter({ month: 'short', day: 'numeric', hour: 'numeric' }, options)
        : formatter({ hour: 'numeric', minute: '2-digit' }, options)
  return (t) => f.format(t)
}

/** A bucket in full, for tooltips and data tables: "Nov 21, 2:00 PM – 3:00 PM" or "Nov 21". */
export function bucketLabel(from: number, to: number, interval: Interval, options: TimeFormatOptions): string {
  if (INTERVAL_MS[interval] >= 86_400_000) return formatter({ year: 'numeric', month: 'short', day: 'numeric' }, options).format(from)
  const f = formatter({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, options)
  return f.formatRange(from, to)
}

/** The whole range, for summaries: "Nov 19 – Nov 26, 2026". */
export function rangeLabel(from: number, to: number, options: TimeFormatOptions): string {
  return formatter({ year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, options).formatRange(from, to)
}
