import type { EvaluatorKind } from '@sightline/core'
import { llmJudge } from './judge'
import { OFFLINE_KINDS } from './kinds'
import { type ConfigIssue, type EvalContext, type EvalDataType, type EvalResult, EvalSkip, type EvalSubject } from './types'

const offline = new Map(OFFLINE_KINDS.map((k) => [k.kind, k]))

/** Every kind with its form fields: what `GET /api/v1/evaluators/kinds` serves. */
export function evaluatorKinds(): EvaluatorKind[] {
  return [
    ...OFFLINE_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label,
      description: k.description,
      dataType: k.dataType,
      needsExpected: k.needsExpected ?? false,
      fields: k.fields,
    })),
    {
      kind: llmJudge.kind,
      label: llmJudge.label,
      description: llmJudge.description,
      // its config's output.dataType decides; boolean is the form's default
      dataType: 'boolean',
      needsExpected: false,
      fields: llmJudge.fields,
    },
  ]
}

export type ConfigCheck = { ok: true; config: Record<string, unknown>; dataType: EvalDataType } | { ok: false; issues: ConfigIssue[] }

/** Checks a config against its kind and fills its defaults; issues name the config's fields. */
export function parseEvaluatorConfig(kind: string, config: unknown): ConfigCheck {
  const schema = kind === llmJudge.kind ? llmJudge.config : offline.get(kind)?.config
  if (!schema) {
    const known = [...offline.keys(), llmJudge.kind].join(', ')
    return { ok: false, issues: [{ path: [], message: `unknown evaluator kind "${kind}": use one of ${known}` }] }
  }
  const parsed = schema.safeParse(config ?? {})
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    }
  const data = parsed.data as Record<string, unknown>
  const dataType = kind === llmJudge.kind ? llmJudge.dataType(data as never) : offline.get(kind)!.dataType
  return { ok: true, config: data, dataType }
}

/**
 * Runs one evaluator on one subject. `config` must have passed `parseEvaluatorConfig`. Throws
 * EvalSkip when the subject lacks what the kind needs and JudgeError when a judge call fails.
 */
export async function runEvaluator(
  kind: string,
  config: Record<string, unknown>,
  subject: EvalSubject,
  ctx: EvalContext = {},
): Promise<EvalResult> {
  if (kind === llmJudge.kind) return llmJudge.run(subject, config as never, ctx)
  const k = offline.get(kind)
  if (!k) throw new Error(`unknown evaluator kind "${kind}"`)
  if (k.needsExpected && subject.expected == null) throw new EvalSkip(`${kind} compares with an expected output, and this one has none`)
  const result = k.evaluate(subject, config)
  return { ...result, comment: result.comment ?? null, usage: null, cost: null }
}
