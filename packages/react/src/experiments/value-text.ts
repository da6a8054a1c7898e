import type { JsonValue } from '@sightline/core'

/** A payload as text: a string as it is, anything else as indented JSON; null as "". */
export function valueText(value: JsonValue | null | undefined): string {
  if (value == null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}
