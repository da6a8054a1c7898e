import { INTERVAL_MS, type Interval } from '@sightline/core'

const DAY = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

/** Milliseconds to add to UTC to get the wall-clock time in `tz` at instant `t`. */
export function tzOffset(t: number, tz: string): number {
  if (tz === 'UTC') return 0
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(tz, f)
  }
  // The formatter above always yields these six parts.
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)])) as Record<
    'year' | 'month' | 'day' | 'hour' | 'minute' | 'second',
    number
  >
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(t / 1000) * 1000
}

/** The start of the bucket holding a wall-clock time (its fields read as UTC): weeks start on Monday, months on the 1st. */
function floorWall(wall: number, interval: Interval): number {
  if (interval === '1mo') {
    // Not Date.UTC(year, month, 1): it reads years below 100 as 19xx.
    const d = new Date(wall)
    d.setUTCDate(1)
    return d.setUTCHours(0, 0, 0, 0)
  }
  if (interval === '1w') {
    const day = Math.floor(wall / DAY) * DAY
    return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY
  }
  const size = INTERVAL_MS[interval]
  return Math.floor(wall / size) * size
}

/** The start of the bucket holding `t`: wall-clock aligned in `tz`. */
export function alignDown(t: number, interval: Interval, tz: string): number {
  const offset = tzOffset(t, tz)
  const wall = floorWall(t + offset, interval)
  const guess = wall - offset
  // Across a DST change the offset at the bucket start differs from the one at t.
  const fixed = wall - tzOffset(guess, tz)
  return fixed > t ? guess : fixed
}

/**
 * Bucket starts from the bucket holding `from` until one covers `to`, then the end. Days start
 * at local midnight (so a DST day is 23 or 25 hours), weeks at Monday's, months at the 1st's;
 * shorter buckets are fixed lengths. Callers bound the count (MAX_METRIC_CELLS) before asking.
 */
export function bucketBoundaries(from: number, to: number, interval: Interval, tz: string): number[] {
  const size = INTERVAL_MS[interval]
  let last = alignDown(from, interval, tz)
  const out = [last]
  while (last < to) {
    // Half a bucket past the next start lands inside the next bucket whatever its length.
    last = size >= DAY ? alignDown(last + size * 1.5, interval, tz) : last + size
    out.push(last)
  }
  return out
}
