import type { EvalResult, EvalUsage, EvaluatorField, JsonValue, Span } from '@sightline/core'
import type { z } from 'zod'

export type { EvalResult, EvalUsage, EvaluatorField }

/** What a score's value reads as: what an evaluator writes. */
export type EvalDataType = EvalResult['dataType']

/** The measures of a trace (or of the span scored) that threshold kinds read. */
export interface EvalMetrics {
  latencyMs: number | null
  cost: number | null
  inputTokens: number | null
  outputTokens: number | null
  totalTokens: number | null
}

/**
 * What an evaluator looks at: one trace, or one generation span in it. Built from a trace by
 * `subjectFromTrace`, from an experiment's result by the experiment runner.
 */
export interface EvalSubject {
  input: JsonValue | null
  output: JsonValue | null
  /** the expected output: an experiment item's, or an end user's correction on a live trace */
  expected?: JsonValue | null | undefined
  metadata: Record<string, JsonValue>
  metrics: EvalMetrics
  /** the trace's spans: tool kinds read tool spans, judge prompts read `{{span.<field>}}` */
  spans: Span[]
  /** the span scored (target "generation"), null for the whole trace */
  span: Span | null
}

/** Why a config or a run was refused, by path in the config. */
export interface ConfigIssue {
  path: (string | number)[]
  message: string
}

/** A kind that needs no network: a pure function of the subject and its config. */
export interface OfflineKind<C = unknown> {
  kind: string
  label: string
  description: string
  dataType: EvalDataType
  /** needs `subject.expected` (scores `skipped` without it) */
  needsExpected?: boolean
  /** validates and fills defaults; its issues name config fields */
  config: z.ZodType<C>
  /** the form's fields, in order */
  fields: EvaluatorField[]
  evaluate(subject: EvalSubject, config: C): Omit<EvalResult, 'usage' | 'cost'>
}

/** The subject does not have what the kind needs (no expected output, no tool span…): the run is skipped, not failed. */
export class EvalSkip extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EvalSkip'
  }
}

/** What a run may use beyond the subject: only the judge needs any of it. */
export interface EvalContext {
  /** the judge's HTTP client (tests and browsers pass their own) */
  fetch?: ((url: string, init?: RequestInit) => Promise<Response>) | undefined
  /** reads the server's environment: a judge's `apiKeyEnv` names a variable there */
  env?: ((name: string) => string | undefined) | undefined
  /** the USD cost of a judge call, when the model's price is known */
  priceOf?: ((model: string, usage: EvalUsage) => number | null) | undefined
  signal?: AbortSignal | undefined
}
