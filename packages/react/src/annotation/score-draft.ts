import { scoreConfigViolation, type ApiIssue, type CompleteItem, type ScoreConfig, type ScoreValue } from '@sightline/core'

/** The reviewer's answers so far, by score config id; a missing key is unanswered. */
export type ScoreDraft = Readonly<Record<string, ScoreValue | undefined>>

/** Messages by score config id. */
export type ScoreErrors = Readonly<Record<string, string>>

export type CompleteScore = CompleteItem['scores'][number]

export const EMPTY_DRAFT: ScoreDraft = Object.freeze({})

/** Text configs are notes: optional. Every other config needs an answer. */
export function isRequired(config: ScoreConfig): boolean {
  return config.dataType !== 'text'
}

/** Whether the draft holds an answer for the config (blank text is no answer). */
export function isAnswered(config: ScoreConfig, draft: ScoreDraft): boolean {
  const value = draft[config.id]
  if (value === undefined) return false
  return typeof value !== 'string' || value.trim() !== ''
}

/** Why the config's current answer is not acceptable, or null. Range and option checks are the server's own. */
export function fieldError(config: ScoreConfig, draft: ScoreDraft, { requireAnswer }: { requireAnswer: boolean }): string | null {
  if (!isAnswered(config, draft)) {
    if (!requireAnswer || !isRequired(config)) return null
    return config.dataType === 'numeric'
      ? `Give ${config.name} a value`
      : config.dataType === 'boolean'
        ? `Answer ${config.name}: yes or no`
        : `Pick a ${config.name}`
  }
  const value = draft[config.id]!
  if (config.dataType === 'numeric' && typeof value === 'number' && !Number.isFinite(value)) return `${config.name} takes a number`
  return scoreConfigViolation(config, typeof value === 'string' && config.dataType === 'text' ? value.trim() : value)
}

/** Every problem of the draft; empty when it may be submitted. */
export function validateDraft(configs: readonly ScoreConfig[], draft: ScoreDraft): ScoreErrors {
  const errors: Record<string, string> = {}
  for (const config of configs) {
    const error = fieldError(config, draft, { requireAnswer: true })
    if (error) errors[config.id] = error
  }
  if (Object.keys(errors).length === 0 && configs.length > 0 && !configs.some((c) => isAnswered(c, draft))) {
    // The server takes at least one score; with only text configs, that means one note.
    errors[configs[0]!.id] = `Give at least one answer`
  }
  return errors
}

/** The `scores` of `completeQueueItem` for the answered configs, in config order. */
export function draftToScores(configs: readonly ScoreConfig[], draft: ScoreDraft): CompleteScore[] {
  return configs
    .filter((c) => isAnswered(c, draft))
    .map((c) => {
      const value = draft[c.id]!
      return { configId: c.id, value: typeof value === 'string' ? value.trim() : value }
    })
}

/**
 * Maps the server's 400 issues (`scores.0.value`) back to the fields of the scores that were sent.
 * Issues that name no score come back under `form`.
 */
export function issuesToErrors(issues: readonly ApiIssue[], sent: readonly CompleteScore[]): { fields: ScoreErrors; form: string[] } {
  const fields: Record<string, string> = {}
  const form: string[] = []
  for (const issue of issues) {
    const [head, index] = issue.path
    const configId = head === 'scores' && typeof index === 'number' ? sent[index]?.configId : undefined
    if (configId) fields[configId] ??= issue.message
    else form.push(issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)
  }
  return { fields, form }
}

/** The values number keys 1…n pick for a config, or null when number keys do not apply. */
export function numberKeyValues(config: ScoreConfig): readonly ScoreValue[] | null {
  switch (config.dataType) {
    case 'categorical':
      return config.categories?.length ? config.categories.slice(0, 9) : null
    case 'boolean':
      return [true, false]
    case 'numeric': {
      const { min, max } = config
      if (min == null || max == null) return null
      const step = config.step ?? 1
      const count = Math.floor((max - min) / step + 1e-9) + 1
      if (count < 2 || count > 9) return null
      return Array.from({ length: count }, (_, i) => Math.round((min + i * step) * 1e9) / 1e9)
    }
    case 'text':
      return null
  }
}

/**
 * The value number key `digit` picks: on an integer scale within 0–9 the digit is the value itself
 * (press 4 for "4 of 5"); otherwise the digit is the position (1 = first option).
 */
export function valueForNumberKey(config: ScoreConfig, digit: number): ScoreValue | undefined {
  const values = numberKeyValues(config)
  if (!values) return undefined
  const direct = config.dataType === 'numeric' && values.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 9)
  if (direct) return values.includes(digit) ? digit : undefined
  return digit >= 1 ? values[digit - 1] : undefined
}

/** The config number keys go to: the focused one if it takes them, else the first unanswered one that does. */
export function numberKeyTarget(configs: readonly ScoreConfig[], draft: ScoreDraft, focusedId: string | null): ScoreConfig | null {
  const focused = focusedId ? configs.find((c) => c.id === focusedId) : undefined
  if (focused && numberKeyValues(focused)) return focused
  return configs.find((c) => numberKeyValues(c) && !isAnswered(c, draft)) ?? null
}
