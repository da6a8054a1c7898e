import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { evaluatorKinds, parseEvaluatorConfig, runEvaluator } from '../run-evaluator'
import { EvalSkip } from '../types'
import { OFFLINE_KINDS } from './index'
import { span, subject } from './test-utils/subject'

/** The least config each kind takes. */
const MINIMAL: Record<string, Record<string, unknown>> = {
  contains: { value: 'Paris' },
  'not-contains': { value: 'London' },
  'starts-with': { value: 'The' },
  equals: { value: 'x' },
  regex: { pattern: 'P\\w+' },
  'json-schema': { schema: { type: 'object' } },
  length: { max: 100 },
  language: { expected: 'en' },
  latency: { max: 1000 },
  cost: { max: 1 },
  tokens: { max: 1000 },
}

const rich = subject({
  input: [{ role: 'user', content: 'What is the capital of France? Answer in a full sentence.' }],
  output: [{ role: 'assistant', content: 'The capital of France is Paris, a city on the river Seine.' }],
  expected: 'Paris is the capital of France.',
  metrics: { latencyMs: 800, cost: 0.002, inputTokens: 20, outputTokens: 15, totalTokens: 35 },
  spans: [
    span({
      id: 'g',
      type: 'generation',
      modelParameters: { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }] },
      output: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }] as never,
    }),
    span({ id: 't', type: 'tool', name: 'f', status: 'ok' }),
  ],
})

describe('OFFLINE_KINDS', () => {
  it('has unique kebab-case names, labels and descriptions', () => {
    const names = OFFLINE_KINDS.map((k) => k.kind)
    expect(new Set(names).size).toBe(names.length)
    for (const k of OFFLINE_KINDS) {
      expect(k.kind).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(k.label.length).toBeGreaterThan(0)
      expect(k.description.length).toBeGreaterThan(20)
    }
    expect(names).toHaveLength(23)
  })

  it('describes, in its form fields, only config keys the schema knows, with defaults the schema accepts', () => {
    for (const k of OFFLINE_KINDS) {
      const shape = (k.config as unknown as z.ZodObject).shape
      expect(shape, k.kind).toBeDefined()
      for (const f of k.fields) {
        expect(Object.keys(shape), `${k.kind}.${f.name}`).toContain(f.name)
        if (f.type === 'enum') expect(f.options?.length, `${k.kind}.${f.name}`).toBeGreaterThan(0)
        if (f.default !== undefined)
          expect(k.config.safeParse({ ...MINIMAL[k.kind], [f.name]: f.default }).success, `${k.kind}.${f.name}`).toBe(true)
      }
      // every key the schema takes is in the form
      expect(Object.keys(shape).sort(), k.kind).toEqual(k.fields.map((f) => f.name).sort())
    }
  })

  it('runs each kind through the dispatcher, with a value of its data type', async () => {
    for (const k of OFFLINE_KINDS) {
      const parsed = parseEvaluatorConfig(k.kind, MINIMAL[k.kind] ?? {})
      expect(parsed, k.kind).toMatchObject({ ok: true, dataType: k.dataType })
      if (!parsed.ok) continue
      const r = await runEvaluator(k.kind, parsed.config, rich)
      expect(r.dataType, k.kind).toBe(k.dataType)
      expect(typeof r.value, k.kind).toBe(k.dataType === 'numeric' ? 'number' : 'boolean')
      if (typeof r.value === 'number') expect(r.value >= 0 && r.value <= 1, k.kind).toBe(true)
      expect(typeof r.comment, k.kind).toBe('string')
    }
  })

  it('skips the kinds that need an expected output when there is none', async () => {
    const needing = OFFLINE_KINDS.filter((k) => k.needsExpected).map((k) => k.kind)
    expect(needing.sort()).toEqual(['bleu', 'exact-match', 'levenshtein', 'rouge-l'])
    for (const kind of needing) await expect(runEvaluator(kind, {}, { ...rich, expected: null })).rejects.toThrow(EvalSkip)
  })

  it('reports config problems by field, through the dispatcher', () => {
    expect(parseEvaluatorConfig('regex', { pattern: '(a+)+' })).toMatchObject({ ok: false, issues: [{ path: ['pattern'] }] })
    expect(parseEvaluatorConfig('contains', {})).toMatchObject({
      ok: false,
      issues: [{ path: ['value'], message: 'value must be a string' }],
    })
  })

  it('is listed by evaluatorKinds in picker order', () => {
    expect(
      evaluatorKinds()
        .slice(0, 3)
        .map((k) => k.kind),
    ).toEqual(['contains', 'not-contains', 'starts-with'])
  })
})
