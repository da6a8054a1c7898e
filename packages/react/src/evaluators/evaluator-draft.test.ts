import { describe, expect, it } from 'vitest'
import {
  defaultConfig,
  formatFilter,
  getConfigValue,
  issuesToFormErrors,
  parseFilter,
  parseList,
  setConfigValue,
  validateEvaluator,
} from './evaluator-draft'
import { evaluatorKindsFixture } from './test-utils/fixtures'

const judge = evaluatorKindsFixture.find((k) => k.kind === 'llm-judge')!

describe('config paths', () => {
  it('reads and writes dotted names as nested objects, pruning emptied ones', () => {
    const config = setConfigValue({ model: 'm' }, 'output.dataType', 'boolean')
    expect(config).toEqual({ model: 'm', output: { dataType: 'boolean' } })
    expect(getConfigValue(config, 'output.dataType')).toBe('boolean')
    expect(getConfigValue(config, 'model.nothing')).toBeUndefined()
    expect(setConfigValue(config, 'output.dataType', undefined)).toEqual({ model: 'm' })
    expect(defaultConfig(judge)).toEqual({ model: 'gpt-4o-mini', output: { dataType: 'numeric' } })
  })
})

describe('parseFilter', () => {
  it('takes key=value lines (repeated keys become lists) or a JSON object, and round-trips', () => {
    const lines = parseFilter('environment = production\ntags=vip\n\ntags=beta')
    expect(lines).toEqual({ ok: true, value: { environment: 'production', tags: ['vip', 'beta'] } })
    expect(formatFilter(lines.ok ? lines.value : undefined)).toBe('environment=production\ntags=vip\ntags=beta')
    expect(parseFilter('{"environment": "production", "minLatencyMs": 500}')).toEqual({
      ok: true,
      value: { environment: 'production', minLatencyMs: 500 },
    })
    expect(parseFilter('  ')).toEqual({ ok: true, value: undefined })
  })

  it('says what is wrong', () => {
    expect(parseFilter('production')).toEqual({ ok: false, error: 'Line 1: write key=value, e.g. environment=production' })
    expect(parseFilter('[1]')).toMatchObject({ ok: false })
    expect(parseFilter('{"a": {"b": 1}}')).toEqual({ ok: false, error: '"a" must be a string, a number or a list of strings' })
    expect(parseFilter('{"a": ')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON/) })
  })
})

describe('lists, checks and issues', () => {
  it('splits lists by line, or by comma on one line', () => {
    expect(parseList('a, b ,,c')).toEqual(['a', 'b', 'c'])
    expect(parseList('I cannot, sorry\nno')).toEqual(['I cannot, sorry', 'no'])
  })

  it('checks names, the kind, required settings and ranges', () => {
    expect(validateEvaluator({ name: ' ', kind: '', sampleRate: 2, delaySeconds: 1.5 }, undefined)).toEqual({
      name: 'Give the evaluator a name',
      kind: 'Pick a kind',
      sampleRate: 'A share between 0 and 1',
      delaySeconds: 'Whole seconds, 0 to 86400',
    })
    expect(validateEvaluator({ name: 'j', kind: 'llm-judge', config: { model: 'm', prompt: '', output: {} } }, judge)).toEqual({
      'config.output.dataType': 'Verdict type is required',
    })
    // A cleared text is an answer (equals takes ""); untouched, it is missing.
    expect(validateEvaluator({ name: 'j', kind: 'llm-judge', config: { model: 'm' } }, judge)).toMatchObject({
      'config.prompt': 'Prompt is required',
    })
  })

  it('puts server issues at the deepest known field, preview paths included', () => {
    const keys = ['name', 'filter', 'config.output.categories', 'config.prompt']
    expect(
      issuesToFormErrors(
        [
          { path: ['config', 'output', 'categories', 2], message: 'duplicate' },
          { path: ['evaluator', 'config', 'prompt'], message: 'needs {{output}}' },
          { path: ['filter', 'plan'], message: 'unknown filter' },
          { path: ['config', 'other'], message: 'unexpected' },
        ],
        keys,
      ),
    ).toEqual({
      'config.output.categories': 'duplicate',
      'config.prompt': 'needs {{output}}',
      filter: 'unknown filter',
      '': 'config.other: unexpected',
    })
  })
})
