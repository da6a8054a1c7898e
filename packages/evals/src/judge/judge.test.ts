import { describe, expect, it } from 'vitest'
import { type EvalContext, EvalSkip } from '../types'
import { type JudgeConfig, JudgeError, judgeConfigSchema, llmJudge } from './index'
import { completion, fakeEndpoint, json, subject, toolCompletion } from './test-utils/fake-endpoint'

const KEY = 'sk-test-abcdefghijklmnop'

const config = (over: Record<string, unknown> = {}): JudgeConfig =>
  judgeConfigSchema.parse({
    baseUrl: 'https://judge.example/v1/',
    model: 'gpt-4o-mini',
    apiKeyEnv: 'JUDGE_KEY',
    prompt: 'Q: {{input}}\nA: {{output}}\nIs it right?',
    output: { dataType: 'boolean' },
    ...over,
  })

const ctx = (fetch: EvalContext['fetch'], over: Partial<EvalContext> = {}): EvalContext => ({
  fetch,
  env: (name) => (name === 'JUDGE_KEY' ? KEY : undefined),
  ...over,
})

async function judgeError(promise: Promise<unknown>): Promise<JudgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(JudgeError)
  expect((error as JudgeError).message).not.toContain(KEY)
  return error as JudgeError
}

describe('llmJudge config', () => {
  it('fills defaults and reads its data type from output', () => {
    const parsed = config({ output: { dataType: 'numeric' } })
    expect(parsed.temperature).toBe(0)
    expect(parsed.output).toEqual({ dataType: 'numeric', min: 0, max: 1 })
    expect(llmJudge.dataType(parsed)).toBe('numeric')
    expect(llmJudge.dataType(config())).toBe('boolean')
    expect(judgeConfigSchema.safeParse({ ...config(), apiKeyEnv: undefined }).success).toBe(true)
  })

  const issues = (over: Record<string, unknown>) => {
    const result = judgeConfigSchema.safeParse({
      baseUrl: 'https://x.example/v1',
      model: 'm',
      prompt: 'p',
      output: { dataType: 'boolean' },
      ...over,
    })
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }

  it('explains what is wrong', () => {
    expect(issues({ baseUrl: 'ftp://x.example' })).toEqual(['baseUrl: baseUrl must be an http(s) URL, e.g. https://api.openai.com/v1'])
    expect(issues({ apiKeyEnv: 'sk-123 456' })[0]).toMatch(/^apiKeyEnv: apiKeyEnv must be the name of an environment variable/)
    expect(issues({ output: { dataType: 'categorical', categories: ['good'] } })).toEqual([
      'output.categories: a categorical judge needs output.categories: at least 2 labels',
    ])
    expect(issues({ output: { dataType: 'categorical', categories: ['a', 'a'] } })).toEqual([
      'output.categories: category "a" is listed twice',
    ])
    expect(issues({ output: { dataType: 'numeric', min: 5 } })).toEqual([
      'output.max: output.min (5) must be below output.max (1); they default to 0 and 1',
    ])
    expect(issues({ output: { dataType: 'stars' } })).toEqual([
      'output.dataType: output.dataType must be "boolean", "numeric" or "categorical"',
    ])
    expect(issues({ output: undefined })[0]).toMatch(/^output: output is required/)
    expect(issues({ prompt: '  ' })).toEqual(['prompt: prompt is required'])
    expect(issues({ temperature: 3 })).toEqual(['temperature: temperature is 0 to 2'])
  })

  it('refuses a key in the config and unknown settings', () => {
    expect(issues({ apiKey: KEY })).toEqual([
      ': "apiKey" is not stored: put the API key in an environment variable of the server and name that variable in apiKeyEnv',
    ])
    expect(issues({ temprature: 0 })).toEqual([': unknown judge setting: temprature'])
  })

  it('lists form fields for every setting, nested ones by path', () => {
    expect(llmJudge.fields.map((f) => f.name)).toEqual([
      'baseUrl',
      'model',
      'apiKeyEnv',
      'prompt',
      'output.dataType',
      'output.min',
      'output.max',
      'output.categories',
      'temperature',
      'maxTokens',
    ])
  })
})

describe('llmJudge.run', () => {
  it('asks for structured output and reads { reasoning, score }', async () => {
    const endpoint = fakeEndpoint(completion(JSON.stringify({ reasoning: 'Paris is right.', score: true })))
    const result = await llmJudge.run(
      subject(),
      config({ maxTokens: 300 }),
      ctx(endpoint.fetch, { priceOf: (model, usage) => (model === 'gpt-4o-mini' ? usage.total / 1_000_000 : null) }),
    )
    expect(result).toEqual({
      value: true,
      dataType: 'boolean',
      comment: 'Paris is right.',
      usage: { input: 100, output: 20, total: 120 },
      cost: 120 / 1_000_000,
    })

    expect(endpoint.requests).toHaveLength(1)
    const [request] = endpoint.requests
    expect(request!.url).toBe('https://judge.example/v1/chat/completions')
    expect(request!.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(request!.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0,
      max_tokens: 300,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'evaluation',
          strict: true,
          schema: {
            type: 'object',
            required: ['reasoning', 'score'],
            additionalProperties: false,
            properties: { score: { type: 'boolean' } },
          },
        },
      },
    })
    const messages = request!.body.messages as { role: string; content: string }[]
    expect(messages[0]!.role).toBe('system')
    expect(messages[0]!.content).toContain('"reasoning"')
    expect(messages[1]).toEqual({ role: 'user', content: 'Q: What is the capital of France?\nA: Paris.\nIs it right?' })
    expect(request!.body).not.toHaveProperty('tools')
  })

  it('sends no key for endpoints without one and leaves cost null without a price', async () => {
    const endpoint = fakeEndpoint(completion('{"reasoning":"ok","score":0.75}'))
    const result = await llmJudge.run(subject(), config({ apiKeyEnv: undefined, output: { dataType: 'numeric' } }), {
      fetch: endpoint.fetch,
    })
    expect(endpoint.requests[0]!.headers.has('authorization')).toBe(false)
    expect(result).toMatchObject({ value: 0.75, dataType: 'numeric', cost: null })
    expect(endpoint.requests[0]!.body.response_format).toMatchObject({
      json_schema: { schema: { properties: { score: { type: 'number', minimum: 0, maximum: 1 } } } },
    })
  })

  it('falls back to a forced tool call when structured output is refused', async () => {
    const endpoint = fakeEndpoint(
      json({ error: { message: 'response_format json_schema is not supported' } }, 400),
      toolCompletion({ reasoning: 'Fits.', score: 'good' }),
    )
    const result = await llmJudge.run(
      subject(),
      config({ output: { dataType: 'categorical', categories: ['good', 'bad'] } }),
      ctx(endpoint.fetch),
    )
    expect(result).toMatchObject({
      value: 'good',
      dataType: 'categorical',
      comment: 'Fits.',
      usage: { input: 100, output: 20, total: 120 },
    })
    expect(endpoint.requests).toHaveLength(2)
    const second = endpoint.requests[1]!.body
    expect(second).not.toHaveProperty('response_format')
    expect(second).toMatchObject({
      tools: [
        {
          type: 'function',
          function: { name: 'submit_evaluation', parameters: { properties: { score: { type: 'string', enum: ['good', 'bad'] } } } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'submit_evaluation' } },
    })
  })

  it('falls back on a 404/422 only when it names the feature', async () => {
    const refused = fakeEndpoint(
      json({ error: { message: 'unknown field: response_format' } }, 422),
      toolCompletion({ reasoning: 'ok', score: false }),
    )
    expect((await llmJudge.run(subject(), config(), ctx(refused.fetch))).value).toBe(false)
    const missing = fakeEndpoint(json({ error: { message: 'model "gpt-9" not found' } }, 404))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(missing.fetch)))
    expect(error.reason).toBe('config')
    expect(error.status).toBe(404)
    expect(error.message).toBe(
      'the judge endpoint https://judge.example/v1/chat/completions refused the request with HTTP 404: model "gpt-9" not found — check baseUrl and model "gpt-4o-mini"',
    )
    expect(missing.requests).toHaveLength(1)
  })

  it('asks for plain JSON when tools are refused too, and reads it out of a fence', async () => {
    const endpoint = fakeEndpoint(
      json({ error: { message: 'response_format is not supported' } }, 400),
      json({ error: { message: 'tools are not supported' } }, 400),
      completion('Here you go:\n```json\n{"reasoning": "Short but {correct}.", "score": "4"}\n```'),
    )
    const result = await llmJudge.run(subject(), config({ output: { dataType: 'numeric', min: 1, max: 5 } }), ctx(endpoint.fetch))
    expect(result).toMatchObject({ value: 4, comment: 'Short but {correct}.' })
    const plain = endpoint.requests[2]!.body
    expect(plain).not.toHaveProperty('response_format')
    expect(plain).not.toHaveProperty('tools')
    expect((plain.messages as { content: string }[])[0]!.content).toContain('"minimum":1')
  })

  it('reads a tool call from a 200 reply without JSON content', async () => {
    const endpoint = fakeEndpoint(toolCompletion({ reasoning: 'No.', score: 'false' }))
    expect(await llmJudge.run(subject(), config(), ctx(endpoint.fetch))).toMatchObject({ value: false, comment: 'No.' })
    expect(endpoint.requests).toHaveLength(1)
  })

  it('asks another way when a 200 reply holds no verdict, summing the usage', async () => {
    const endpoint = fakeEndpoint(completion('I think the answer is fine.'), toolCompletion({ reasoning: 'Fine.', score: true }))
    const result = await llmJudge.run(subject(), config(), ctx(endpoint.fetch))
    expect(result).toMatchObject({ value: true, usage: { input: 200, output: 40, total: 240 } })
  })

  it('fails with bad-reply when no way of asking gives a verdict', async () => {
    const endpoint = fakeEndpoint(completion('Looks good to me.'))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error.reason).toBe('bad-reply')
    expect(error.message).toBe('the judge\'s reply has no JSON object with a "score": Looks good to me.')
    expect(endpoint.requests).toHaveLength(3)
  })

  it('fails with bad-reply on a score that does not fit, never clamping', async () => {
    const cases: [Record<string, unknown>, unknown, string][] = [
      [{ dataType: 'boolean' }, 'maybe', 'the judge\'s score "maybe" is not true or false'],
      [{ dataType: 'numeric', min: 1, max: 5 }, 7, "the judge's score 7 is outside the range 1 to 5"],
      [{ dataType: 'numeric' }, 'high', 'the judge\'s score "high" is not a number'],
      [
        { dataType: 'categorical', categories: ['good', 'bad'] },
        'meh',
        'the judge\'s score "meh" is not one of the categories "good", "bad"',
      ],
    ]
    for (const [output, score, message] of cases) {
      const endpoint = fakeEndpoint(completion(JSON.stringify({ reasoning: 'r', score })))
      const error = await judgeError(llmJudge.run(subject(), config({ output }), ctx(endpoint.fetch)))
      expect(error.reason).toBe('bad-reply')
      expect(error.message).toBe(message)
      expect(endpoint.requests).toHaveLength(1)
    }
  })

  it('coerces "true", numeric strings and a category’s case', async () => {
    const run = async (output: Record<string, unknown>, score: unknown) =>
      (await llmJudge.run(subject(), config({ output }), ctx(fakeEndpoint(completion(JSON.stringify({ reasoning: '', score }))).fetch)))
        .value
    expect(await run({ dataType: 'boolean' }, ' TRUE ')).toBe(true)
    expect(await run({ dataType: 'numeric', min: 0, max: 10 }, '10')).toBe(10)
    expect(await run({ dataType: 'categorical', categories: ['Good', 'Bad'] }, 'good')).toBe('Good')
  })

  it('reports a refusal and a reply cut off at maxTokens without asking again', async () => {
    const refusal = fakeEndpoint(completion(null, { refusal: 'I cannot help with that.' }))
    expect((await judgeError(llmJudge.run(subject(), config(), ctx(refusal.fetch)))).message).toBe(
      'the judge model declined to grade: I cannot help with that.',
    )
    const cut = fakeEndpoint(
      json({
        choices: [{ message: { role: 'assistant', content: '{"reasoning": "The answer' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 1 },
      }),
    )
    expect((await judgeError(llmJudge.run(subject(), config(), ctx(cut.fetch)))).message).toMatch(/cut off.*raise maxTokens/)
    expect(refusal.requests.length + cut.requests.length).toBe(2)
  })

  it('turns 401 into auth, naming the endpoint, status and variable but not the key', async () => {
    const endpoint = fakeEndpoint(json({ error: { message: `Incorrect API key provided: ${KEY}` } }, 401))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error.reason).toBe('auth')
    expect(error.status).toBe(401)
    expect(error.message).toBe(
      "the judge endpoint https://judge.example/v1/ refused the request with HTTP 401: Incorrect API key provided: [redacted] — check the API key in the server's JUDGE_KEY environment variable",
    )
    expect(endpoint.requests).toHaveLength(1)
  })

  it('turns 403 without apiKeyEnv into auth that says to set one', async () => {
    const endpoint = fakeEndpoint(json({ error: 'forbidden' }, 403))
    const error = await judgeError(llmJudge.run(subject(), config({ apiKeyEnv: undefined }), { fetch: endpoint.fetch }))
    expect(error.reason).toBe('auth')
    expect(error.message).toMatch(/HTTP 403: forbidden — it wants an API key: .* name that variable in apiKeyEnv$/)
  })

  it('fails with auth before calling when the key variable is not set', async () => {
    const endpoint = fakeEndpoint(completion('{}'))
    const error = await judgeError(llmJudge.run(subject(), config({ apiKeyEnv: 'MISSING_KEY' }), ctx(endpoint.fetch)))
    expect(error.reason).toBe('auth')
    expect(error.message).toMatch(/^environment variable MISSING_KEY is not set on the server/)
    expect(endpoint.requests).toHaveLength(0)
    const noEnv = await judgeError(llmJudge.run(subject(), config(), { fetch: endpoint.fetch }))
    expect(noEnv.reason).toBe('auth')
  })

  it('turns 429 into retry with Retry-After in ms, and does not retry itself', async () => {
    const endpoint = fakeEndpoint(json({ error: { message: 'Rate limit reached' } }, 429, { 'retry-after': '20' }))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error).toMatchObject({ reason: 'retry', status: 429, retryAfterMs: 20_000 })
    expect(error.message).toBe(
      'the judge endpoint https://judge.example/v1/chat/completions is rate limiting (HTTP 429): Rate limit reached',
    )
    expect(endpoint.requests).toHaveLength(1)
  })

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString()
    const endpoint = fakeEndpoint(json({}, 503, { 'retry-after': at }))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error.reason).toBe('retry')
    expect(error.retryAfterMs).toBeGreaterThan(115_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000)
  })

  it('turns 500 into retry without a delay, even on the structured attempt', async () => {
    const endpoint = fakeEndpoint(new Response('upstream exploded', { status: 500 }))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error).toMatchObject({ reason: 'retry', status: 500, retryAfterMs: undefined })
    expect(error.message).toBe('the judge endpoint https://judge.example/v1/chat/completions failed (HTTP 500): upstream exploded')
    expect(endpoint.requests).toHaveLength(1)
  })

  it('turns a network error into retry, and lets an abort through', async () => {
    const refused = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }),
      })
    }
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(refused)))
    expect(error.reason).toBe('retry')
    expect(error.message).toBe('could not reach the judge endpoint https://judge.example/v1/chat/completions: fetch failed: ECONNREFUSED')

    const controller = new AbortController()
    controller.abort()
    const aborted = async (_url: string, init?: RequestInit) => {
      init?.signal?.throwIfAborted()
      return completion('{}')
    }
    await expect(llmJudge.run(subject(), config(), ctx(aborted, { signal: controller.signal }))).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('fails with bad-reply on a body that is not JSON', async () => {
    const endpoint = fakeEndpoint(new Response('<html>gateway</html>', { status: 200 }))
    const error = await judgeError(llmJudge.run(subject(), config(), ctx(endpoint.fetch)))
    expect(error.reason).toBe('bad-reply')
    expect(error.message).toMatch(/answered HTTP 200 with a body that is not JSON: <html>gateway<\/html>$/)
  })

  it('renders the prompt from the subject', async () => {
    const endpoint = fakeEndpoint(completion('{"reasoning":"","score":true}'))
    await llmJudge.run(
      subject({ metadata: { lang: 'fr' } }),
      config({ prompt: 'Answer in {{metadata.lang}}: {{output}} {{unknown}}' }),
      ctx(endpoint.fetch),
    )
    expect((endpoint.requests[0]!.body.messages as { content: string }[])[1]!.content).toBe('Answer in fr: Paris. ')
  })
  it('skips without calling when the prompt uses {{expected}} and there is none', async () => {
    const endpoint = fakeEndpoint(completion('{"reasoning":"","score":true}'))
    const prompt = 'Expected: {{ expected }}\nGot: {{output}}'
    await expect(llmJudge.run(subject({ expected: null }), config({ prompt }), ctx(endpoint.fetch))).rejects.toBeInstanceOf(EvalSkip)
    expect(endpoint.requests).toHaveLength(0)
    await llmJudge.run(subject({ expected: 'Paris' }), config({ prompt }), ctx(endpoint.fetch))
    expect((endpoint.requests[0]!.body.messages as { content: string }[])[1]!.content).toBe('Expected: Paris\nGot: Paris.')
  })
})
