import { z } from 'zod'
import type { EvalContext, EvalDataType, EvalResult, EvalSubject, EvaluatorField } from '../types'

export const judgeConfigSchema = z.object({}).passthrough()
export type JudgeConfig = z.infer<typeof judgeConfigSchema>

/** Why a judge call failed: `auth` pauses the evaluator, `retry` is tried again later, others fail the run. */
export class JudgeError extends Error {
  readonly reason: 'auth' | 'retry' | 'config' | 'bad-reply'
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  constructor(reason: JudgeError['reason'], message: string, options: { status?: number; retryAfterMs?: number } = {}) {
    super(message)
    this.name = 'JudgeError'
    this.reason = reason
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

export const llmJudge = {
  kind: 'llm-judge',
  label: 'LLM judge',
  description: 'Asks a model to grade the answer.',
  config: judgeConfigSchema,
  fields: [] as EvaluatorField[],
  dataType: (_config: JudgeConfig): EvalDataType => 'boolean',
  run: async (_subject: EvalSubject, _config: JudgeConfig, _ctx: EvalContext): Promise<EvalResult> => {
    throw new JudgeError('config', 'not built yet')
  },
}
