import type { ApiIssue, Evaluator, EvaluatorField, EvaluatorInput, EvaluatorKind, JsonValue } from '@sightline/core'

/** Trace-list filters as an evaluator takes them: `{ environment: "production" }`. */
export type EvaluatorFilter = NonNullable<EvaluatorInput['filter']>
export type EvaluatorConfig = Record<string, JsonValue>

/** Messages by field key: `name`, `kind`, `filter`, `sampleRate`, `config.prompt`, `config.output.dataType`… */
export type EvaluatorFormErrors = Readonly<Record<string, string>>

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export const EMPTY_EVALUATOR: EvaluatorInput = Object.freeze({ name: '', kind: '', config: {} })

/** The key a config field's messages and inputs go by. */
export const configKey = (field: Pick<EvaluatorField, 'name'>) => `config.${field.name}`

const isObject = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A config value by dotted name: `output.dataType` reads `config.output.dataType`. */
export function getConfigValue(config: EvaluatorInput['config'], name: string): JsonValue | undefined {
  let at: JsonValue | undefined = config
  for (const part of name.split('.')) {
    if (!isObject(at)) return undefined
    at = at[part]
  }
  return at
}

/** A copy of the config with the dotted name set (`undefined` removes it, and objects it leaves empty). */
export function setConfigValue(config: EvaluatorInput['config'], name: string, value: JsonValue | undefined): EvaluatorConfig {
  const [head, ...tail] = name.split('.') as [string, ...string[]]
  const next: EvaluatorConfig = { ...config }
  if (tail.length === 0) {
    if (value === undefined) delete next[head]
    else next[head] = value
    return next
  }
  const inner = setConfigValue(isObject(next[head]) ? next[head] : {}, tail.join('.'), value)
  if (Object.keys(inner).length === 0) delete next[head]
  else next[head] = inner
  return next
}

/** A kind's defaults, for a freshly picked kind. */
export function defaultConfig(kind: EvaluatorKind | undefined): EvaluatorConfig {
  let config: EvaluatorConfig = {}
  for (const field of kind?.fields ?? []) if (field.default !== undefined) config = setConfigValue(config, field.name, field.default)
  return config
}

/**
 * Whether a required field holds an answer: empty lists are none, but a cleared text is one (some
 * kinds take "", e.g. equals; the server says when a text may not be empty).
 */
export function hasValue(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return false
  if (Array.isArray(value)) return value.length > 0
  return true
}

// --- Text forms of list, JSON and filter fields -------------------------------------------------

/** "a, b" or one item a line; blanks are dropped. */
export function parseList(text: string): string[] {
  const parts = text.includes('\n') ? text.split('\n') : text.split(',')
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

export const formatList = (value: JsonValue | undefined): string => (Array.isArray(value) ? value.map(String).join('\n') : '')

/** A JSON value; blank is none. */
export function parseJson(text: string): Parsed<JsonValue | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue }
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` }
  }
}

export const formatJson = (value: JsonValue | undefined): string => (value === undefined ? '' : JSON.stringify(value, null, 2))

/**
 * Trace-list filters, as `key=value` lines (a key on several lines takes them all) or a JSON
 * object such as `{"environment": "production"}`. Blank is no filter.
 */
export function parseFilter(text: string): Parsed<EvaluatorFilter | undefined> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: undefined }
  if (trimmed.startsWith('{')) {
    const parsed = parseJson(trimmed)
    if (!parsed.ok) return parsed
    if (!isObject(parsed.value)) return { ok: false, error: 'The filter must be a JSON object' }
    const filter: EvaluatorFilter = {}
    for (const [key, v] of Object.entries(parsed.value)) {
      if (typeof v === 'string' || typeof v === 'number') filter[key] = v
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) filter[key] = v as string[]
      else return { ok: false, error: `"${key}" must be a string, a number or a list of strings` }
    }
    return { ok: true, value: filter }
  }
  const filter: EvaluatorFilter = {}
  for (const [i, raw] of trimmed.split('\n').entries()) {
    const line = raw.trim()
    if (line === '') continue
    const at = line.indexOf('=')
    const key = at > 0 ? line.slice(0, at).trim() : ''
    if (!key) return { ok: false, error: `Line ${i + 1}: write key=value, e.g. environment=production` }
    const value = line.slice(at + 1).trim()
    const before = filter[key]
    filter[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [String(before)]), value]
  }
  return { ok: true, value: filter }
}

export function formatFilter(filter: EvaluatorFilter | null | undefined): string {
  if (!filter) return ''
  return Object.entries(filter)
    .flatMap(([key, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${key}=${x}`))
    .join('\n')
}

// --- Validation and server issues ---------------------------------------------------------------

/** What the browser can tell before saving: names, the kind, required config fields, ranges. */
export function validateEvaluator(value: EvaluatorInput, kind: EvaluatorKind | undefined): EvaluatorFormErrors {
  const errors: Record<string, string> = {}
  if (!value.name.trim()) errors.name = 'Give the evaluator a name'
  if (!value.kind) errors.kind = 'Pick a kind'
  for (const field of kind?.fields ?? [])
    if (field.required && !hasValue(getConfigValue(value.config, field.name))) errors[configKey(field)] = `${field.label} is required`
  const rate = value.sampleRate
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) errors.sampleRate = 'A share between 0 and 1'
  const delay = value.delaySeconds
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0 && delay <= 86_400)) errors.delaySeconds = 'Whole seconds, 0 to 86400'
  return errors
}

/**
 * Server issues by field key. Paths are those of the evaluator (`['config', 'pattern']`), or of a
 * preview body (`['evaluator', 'config', 'pattern']`); issues of no known field go under "".
 */
export function issuesToFormErrors(issues: readonly ApiIssue[] | undefined, knownKeys: readonly string[]): EvaluatorFormErrors {
  const errors: Record<string, string> = {}
  for (const issue of issues ?? []) {
    const path = issue.path[0] === 'evaluator' ? issue.path.slice(1) : issue.path
    // The deepest known field along the path: ['config', 'output', 'categories', 2] belongs to config.output.categories.
    let key = ''
    for (let n = path.length; n > 0; n--) {
      const candidate = path.slice(0, n).join('.')
      if (knownKeys.includes(candidate)) {
        key = candidate
        break
      }
    }
    const message = key ? issue.message : path.length ? `${path.join('.')}: ${issue.message}` : issue.message
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message
  }
  return errors
}

/** An evaluator's settings as form input, for editing it. */
export function evaluatorToInput(evaluator: Evaluator): EvaluatorInput {
  return {
    name: evaluator.name,
    kind: evaluator.kind,
    config: evaluator.config,
    ...(evaluator.scoreName !== null && { scoreName: evaluator.scoreName }),
    target: evaluator.target,
    ...(evaluator.filter !== null && { filter: evaluator.filter }),
    sampleRate: evaluator.sampleRate,
    delaySeconds: evaluator.delaySeconds,
    active: evaluator.active,
    maxRunsPerHour: evaluator.maxRunsPerHour,
  }
}
