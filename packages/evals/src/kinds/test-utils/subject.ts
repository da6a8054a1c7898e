import type { JsonValue, Span } from '@sightline/core'
import type { EvalSubject, OfflineKind } from '../../types'

/** A subject with what a test gives; the rest empty. */
export function subject(over: Partial<EvalSubject> = {}): EvalSubject {
  return {
    input: null,
    output: null,
    metadata: {},
    metrics: { latencyMs: null, cost: null, inputTokens: null, outputTokens: null, totalTokens: null },
    spans: [],
    span: null,
    ...over,
  }
}

export const out = (output: JsonValue | null, over: Partial<EvalSubject> = {}) => subject({ output, ...over })

/** A span with what a test gives. */
export function span(over: Partial<Span> = {}): Span {
  return {
    id: 's1',
    traceId: 't1',
    parentId: null,
    name: 'span',
    type: 'span',
    startTime: '2026-01-01T00:00:00.000Z',
    endTime: null,
    completionStartTime: null,
    latencyMs: null,
    model: null,
    provider: null,
    modelParameters: null,
    usage: null,
    cost: null,
    input: null,
    output: null,
    status: 'ok',
    statusMessage: null,
    attributes: null,
    ...over,
  }
}

/** Parses the config as the dispatcher does and runs the kind. */
export function run<C>(kind: OfflineKind<C>, s: EvalSubject, config: unknown = {}) {
  return kind.evaluate(s, kind.config.parse(config))
}

/** The messages of a refused config, joined. */
export function configError(kind: OfflineKind<unknown>, config: unknown): string {
  const r = kind.config.safeParse(config)
  if (r.success) throw new Error('config was accepted')
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ')
}
