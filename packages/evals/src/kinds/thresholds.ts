import { z } from 'zod'
import type { EvalMetrics, EvalSubject, EvaluatorField } from '../types'
import { EvalSkip } from '../types'
import { bool, defineKind, type KindResult } from './shared'

const bound = (name: string, integer: boolean) => {
  const n = z.number({ error: `${name} must be a number` }).min(0, `${name} must not be negative`)
  return (integer ? n.int(`${name} must be a whole number`) : n).optional()
}

type Range = { min?: number | undefined; max?: number | undefined }

/** At least one bound, min ≤ max. */
function checkRange(c: Range, ctx: z.RefinementCtx) {
  if (c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', message: 'set min, max or both', path: ['max'] })
  else if (c.min !== undefined && c.max !== undefined && c.min > c.max)
    ctx.addIssue({ code: 'custom', message: 'min must not be greater than max', path: ['max'] })
}

const rangeFields = (unit: string): EvaluatorField[] => [
  { name: 'max', type: 'number', label: `Maximum (${unit})`, description: 'Inclusive; none when empty.', required: false },
  { name: 'min', type: 'number', label: `Minimum (${unit})`, description: 'Inclusive; none when empty.', required: false },
]

function judge(measured: number, c: Range, show: (n: number) => string, unit = ''): KindResult {
  const ok = (c.min === undefined || measured >= c.min) && (c.max === undefined || measured <= c.max)
  const bounds = [c.min !== undefined && `min ${show(c.min)}`, c.max !== undefined && `max ${show(c.max)}`].filter(Boolean).join(', ')
  return bool(ok, `${show(measured)}${unit} (${bounds})`)
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 })

export const latency = defineKind({
  kind: 'latency',
  label: 'Latency',
  description: 'True when the latency (of the trace, or of the span scored), in milliseconds, is within min and max. Skipped when unknown.',
  dataType: 'boolean',
  config: z.object({ min: bound('min', false), max: bound('max', false) }).superRefine(checkRange),
  fields: rangeFields('ms'),
  evaluate(subject, c) {
    const ms = subject.metrics.latencyMs
    if (ms == null) throw new EvalSkip('latency is not known (no end time)')
    return judge(ms, c, (n) => `${fmt(n)} ms`)
  },
})

export const cost = defineKind({
  kind: 'cost',
  label: 'Cost',
  description: 'True when the cost, in USD, is within min and max. Skipped when unknown.',
  dataType: 'boolean',
  config: z.object({ min: bound('min', false), max: bound('max', false) }).superRefine(checkRange),
  fields: rangeFields('USD'),
  evaluate(subject, c) {
    const usd = subject.metrics.cost
    if (usd == null) throw new EvalSkip('cost is not known (no usage with a known price)')
    return judge(usd, c, (n) => `$${fmt(n)}`)
  },
})

export const TOKEN_COUNTS = ['total', 'input', 'output'] as const
type Which = (typeof TOKEN_COUNTS)[number]

/** The count asked for; a missing total is input + output when both are known. */
function tokensOf(m: EvalMetrics, which: Which): number | null {
  if (which === 'input') return m.inputTokens
  if (which === 'output') return m.outputTokens
  return m.totalTokens ?? (m.inputTokens != null && m.outputTokens != null ? m.inputTokens + m.outputTokens : null)
}

export const tokens = defineKind({
  kind: 'tokens',
  label: 'Tokens',
  description: 'True when the token count (total, input or output) is within min and max. Skipped when unknown.',
  dataType: 'boolean',
  config: z
    .object({
      which: z.enum(TOKEN_COUNTS, { error: 'which must be "total", "input" or "output"' }).default('total'),
      min: bound('min', true),
      max: bound('max', true),
    })
    .superRefine(checkRange),
  fields: [
    {
      name: 'which',
      type: 'enum',
      label: 'Count',
      description: 'Which tokens to count.',
      required: false,
      options: [...TOKEN_COUNTS],
      default: 'total',
    },
    ...rangeFields('tokens'),
  ],
  evaluate(subject: EvalSubject, c) {
    const n = tokensOf(subject.metrics, c.which)
    if (n == null) throw new EvalSkip(`${c.which} token count is not known`)
    return judge(n, c, fmt, ` ${c.which} tokens`)
  },
})
