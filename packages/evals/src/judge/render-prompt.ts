import type { JsonValue } from '@sightline/core'
import { textOf } from '../subject'
import type { EvalSubject } from '../types'

// `{{{name}}}` reads as `{{name}}`: mustache users write it to avoid escaping, and nothing is escaped here.
const VARIABLE = /\{\{\{\s*([^{}]*?)\s*\}\}\}|\{\{\s*([^{}]*?)\s*\}\}/g

/**
 * Fills a judge prompt's variables from the subject: `{{input}}`, `{{output}}`, `{{expected}}`
 * as text (`textOf`), `{{metadata.<key>}}` and `{{span.<field>}}` (the span scored; empty for a
 * whole trace) as text, objects as JSON. Nested fields take dotted paths (`{{span.usage.input}}`);
 * a metadata key with dots in it is found too. Unknown variables render as nothing.
 *
 * One pass, no escaping, no sections or code: a variable's value is never read as a template, so
 * a trace's text cannot pull in other fields.
 */
export function renderPrompt(template: string, subject: EvalSubject): string {
  return template.replace(VARIABLE, (_match, triple: string | undefined, double: string | undefined) =>
    variableText((triple ?? double ?? '').trim(), subject),
  )
}

function variableText(name: string, subject: EvalSubject): string {
  if (name === 'input') return textOf(subject.input)
  if (name === 'output') return textOf(subject.output)
  if (name === 'expected') return textOf(subject.expected)
  const [root, ...path] = name.split('.')
  if (path.length === 0) return ''
  if (root === 'metadata') return asText(lookup(subject.metadata, path))
  if (root === 'span' && subject.span) return asText(lookup(subject.span as unknown as JsonValue, path))
  return ''
}

/** Reads a dotted path, preferring the longest key that exists (`a.b` before `a` → `b`); own fields only. */
function lookup(value: JsonValue | undefined, path: string[]): JsonValue | undefined {
  if (path.length === 0) return value
  if (value === null || typeof value !== 'object') return undefined
  for (let i = path.length; i > 0; i--) {
    const key = path.slice(0, i).join('.')
    if (Object.hasOwn(value, key)) {
      const found = lookup((value as Record<string, JsonValue>)[key], path.slice(i))
      if (found !== undefined) return found
    }
  }
  return undefined
}

function asText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
