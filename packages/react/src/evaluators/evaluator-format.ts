import { MISSING } from '../format/format'

/** A score value for people: true/false, numbers to 3 decimals, labels as they are. */
export function formatScoreValue(value: string | number | boolean | null | undefined): string {
  if (value == null) return MISSING
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000)
  return value
}

/** 1 → "100 %", 0.25 → "25 %", 0.005 → "0.5 %" */
export function formatShare(share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return MISSING
  const percent = share * 100
  return `${percent >= 10 || Number.isInteger(percent) ? Math.round(percent) : percent.toPrecision(2)} %`
}
