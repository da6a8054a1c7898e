import type { Attrs } from './otlp-types'

type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)

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
      const part = path[k]!
      if (k === path.length - 1) at[part] = value
      else at = (isObj(at[part]) ? at[part] : (at[part] = {})) as Obj
    }
  }
  const list = items.filter(Boolean)
  return list.length ? list : undefined
}
