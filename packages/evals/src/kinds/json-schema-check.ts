import type { JsonValue } from '@sightline/core'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS: bundlers and Node hand its function over as the default or as `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

/** Draft 2019-09 and 2020-12 schemas are read as draft-07 (what OpenAI tool schemas are): their URI alone is dropped. */
const NEWER_DRAFTS = /^https?:\/\/json-schema\.org\/draft\/(2019-09|2020-12)\/schema#?$/

const MAX_CACHED = 200
let ajv: Ajv | null = null
const cache = new Map<string, ValidateFunction>()

function newAjv(): Ajv {
  // strict off: schemas written for other validators carry keywords ajv does not know (examples, x-…).
  const a = new Ajv({ allErrors: true, strict: false, validateSchema: true, addUsedSchema: false })
  addFormats(a)
  return a
}

/**
 * A compiled validator for a JSON Schema, cached by its text. Ajv keeps every compiled schema,
 * so past MAX_CACHED a fresh instance replaces it rather than growing without end.
 * Throws with ajv's message when the schema is not a valid one.
 */
export function compileSchema(schema: JsonValue): ValidateFunction {
  const key = JSON.stringify(schema)
  const hit = cache.get(key)
  if (hit) return hit
  if (!ajv || cache.size >= MAX_CACHED) {
    ajv = newAjv()
    cache.clear()
  }
  let s = schema
  if (s && typeof s === 'object' && !Array.isArray(s) && typeof s.$schema === 'string' && NEWER_DRAFTS.test(s.$schema)) {
    const { $schema: _, ...rest } = s
    s = rest
  }
  if (typeof s !== 'boolean' && (s === null || typeof s !== 'object' || Array.isArray(s)))
    throw new Error('a schema must be an object or a boolean')
  const validate = ajv.compile(s as object | boolean)
  cache.set(key, validate)
  return validate
}

/** Why a schema is refused, or null when it compiles. */
export function schemaProblem(schema: JsonValue): string | null {
  try {
    compileSchema(schema)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** "/path message" for the first few errors; values are never echoed. */
export function describeErrors(errors: ErrorObject[] | null | undefined, max = 3): string {
  if (!errors?.length) return ''
  const shown = errors.slice(0, max).map((e) => {
    // the unexpected key's name helps and is not a value
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : ''
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`
  })
  const more = errors.length > max ? `; and ${errors.length - max} more` : ''
  return shown.join('; ') + more
}
