import { parseEvaluatorConfig, runEvaluator, type EvalSubject } from '@sightline/evals'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { fakeModelApp, fakeVerdict } from './fake-model'

type App = ReturnType<typeof fakeModelApp>

const post = (app: App, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

const schema = (score: Record<string, unknown>) => ({
  type: 'object',
  properties: { reasoning: { type: 'string' }, score },
  required: ['reasoning', 'score'],
  additionalProperties: false,
})

const judgeRequest = (prompt: string, score: Record<string, unknown> = { type: 'boolean' }) => ({
  model: 'fake-judge',
  messages: [
    { role: 'system', content: 'You are an evaluator.' },
    { role: 'user', content: prompt },
  ],
  temperature: 0,
  response_format: { type: 'json_schema', json_schema: { name: 'evaluation', strict: true, schema: schema(score) } },
})

const toolRequest = (prompt: string, score: Record<string, unknown> = { type: 'boolean' }) => ({
  model: 'fake-judge',
  messages: [{ role: 'user', content: prompt }],
  tools: [{ type: 'function', function: { name: 'submit_evaluation', parameters: schema(score) } }],
  tool_choice: { type: 'function', function: { name: 'submit_evaluation' } },
})

interface Completion {
  model: string
  choices: {
    message: { content: string | null; tool_calls?: { function: { name: string; arguments: string } }[] }
    finish_reason: string
  }[]
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}

const GOOD = 'Q: How do I export data?\nA: Exports run nightly and land in your bucket.'

describe('fakeVerdict', () => {
  it('fails answers that do not know or show personal data, and passes the rest', () => {
    expect(fakeVerdict(GOOD)).toEqual({ pass: true, reasoning: 'The answer addresses the question directly.' })
    expect(fakeVerdict('A: Sorry, I don’t know.').reasoning).toBe('The answer does not address the question: it says it does not know.')
    expect(fakeVerdict('A: I do not know')).toMatchObject({ pass: false })
    expect(fakeVerdict('A: mail jane.doe@example.com').reasoning).toMatch(/an email address/)
    expect(fakeVerdict('A: SSN 123-45-6789').reasoning).toMatch(/social security number/)
    expect(fakeVerdict('A: card 4111 1111 1111 1111').reasoning).toMatch(/a card number/)
    expect(fakeVerdict('A: call +1 (415) 555-0100').reasoning).toMatch(/a phone number/)
  })
})

describe('fakeModelApp', () => {
  it('answers a json_schema request with JSON content and usage, deterministically', async () => {
    const app = fakeModelApp()
    const res = await post(app, judgeRequest(GOOD))
    expect(res.status).toBe(200)
    const body = (await res.json()) as Completion
    expect(body.model).toBe('fake-judge')
    expect(body.choices[0]!.finish_reason).toBe('stop')
    expect(JSON.parse(body.choices[0]!.message.content!)).toEqual({ reasoning: 'The answer addresses the question directly.', score: true })
    const { prompt_tokens, completion_tokens, total_tokens } = body.usage
    expect(prompt_tokens).toBeGreaterThan(0)
    expect(completion_tokens).toBeGreaterThan(0)
    expect(total_tokens).toBe(prompt_tokens + completion_tokens)
    expect(await (await post(app, judgeRequest(GOOD))).json()).toEqual(body)
  })

  it('fits the score to the schema asked for', async () => {
    const app = fakeModelApp()
    const score = async (prompt: string, s: Record<string, unknown>) =>
      JSON.parse(((await (await post(app, judgeRequest(prompt, s))).json()) as Completion).choices[0]!.message.content!).score
    expect(await score('A: I don’t know', { type: 'boolean' })).toBe(false)
    expect(await score(GOOD, { type: 'number', minimum: 1, maximum: 5 })).toBe(5)
    expect(await score('A: I don’t know', { type: 'number', minimum: 1, maximum: 5 })).toBe(1)
    expect(await score(GOOD, { type: 'number' })).toBe(1)
    expect(await score(GOOD, { type: 'string', enum: ['bad', 'ok', 'good'] })).toBe('good')
    expect(await score('A: bob@example.com', { type: 'string', enum: ['bad', 'ok', 'good'] })).toBe('bad')
    // labels with no good or bad sound: the first passes, the last fails
    expect(await score(GOOD, { type: 'string', enum: ['billing', 'shipping'] })).toBe('billing')
    expect(await score('A: I don’t know', { type: 'string', enum: ['billing', 'shipping'] })).toBe('shipping')
  })

  it('answers a forced tool call with the function’s arguments', async () => {
    const res = await post(fakeModelApp(), toolRequest(GOOD, { type: 'number', minimum: 0, maximum: 10 }))
    const body = (await res.json()) as Completion
    const choice = body.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBeNull()
    expect(choice.message.tool_calls![0]!.function.name).toBe('submit_evaluation')
    expect(JSON.parse(choice.message.tool_calls![0]!.function.arguments)).toEqual({
      reasoning: 'The answer addresses the question directly.',
      score: 10,
    })
  })

  it('refuses response_format in tools-only mode, as real endpoints do', async () => {
    const app = fakeModelApp({ mode: 'tools-only' })
    const refused = await post(app, judgeRequest(GOOD))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      error: {
        message: 'response_format json_schema is not supported',
        type: 'invalid_request_error',
        param: 'response_format',
        code: null,
      },
    })
    expect((await post(app, toolRequest(GOOD))).status).toBe(200)
  })

  it('refuses response_format and tools in plain mode, and answers JSON in the content', async () => {
    const app = fakeModelApp({ mode: 'plain' })
    expect((await post(app, judgeRequest(GOOD))).status).toBe(400)
    const tools = await post(app, toolRequest(GOOD))
    expect(tools.status).toBe(400)
    expect(((await tools.json()) as { error: { message: string } }).error.message).toBe('tools are not supported')

    const plain = await post(app, {
      model: 'fake-judge',
      messages: [
        {
          role: 'system',
          content: `Reply with JSON matching this schema: ${JSON.stringify(schema({ type: 'number', minimum: 1, maximum: 5 }))}`,
        },
        { role: 'user', content: 'A: I don’t know' },
      ],
    })
    const content = ((await plain.json()) as Completion).choices[0]!.message.content!
    expect(content).toBe(
      'Here is my evaluation:\n```json\n{"reasoning":"The answer does not address the question: it says it does not know.","score":1}\n```',
    )
  })

  it('stops at max_tokens with finish_reason "length"', async () => {
    const body = (await (await post(fakeModelApp(), { ...judgeRequest(GOOD), max_tokens: 3 })).json()) as Completion
    expect(body.choices[0]!.finish_reason).toBe('length')
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(3)
  })

  it('wants the key when told to', async () => {
    const app = fakeModelApp({ requireKey: 'sk-demo-123' })
    for (const headers of [{}, { authorization: 'Bearer sk-demo-124' }, { authorization: 'sk-demo-123' }]) {
      const res = await post(app, judgeRequest(GOOD), headers)
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Incorrect API key provided')
    }
    expect((await post(app, judgeRequest(GOOD), { authorization: 'Bearer sk-demo-123' })).status).toBe(200)
  })

  it('refuses a request without messages', async () => {
    const app = fakeModelApp()
    expect((await post(app, { model: 'x' })).status).toBe(400)
    const notJson = await app.request('/chat/completions', { method: 'POST', body: '{' })
    expect(notJson.status).toBe(400)
  })
})

describe('the LLM judge against the fake model', () => {
  const subject = (output: string): EvalSubject => ({
    input: 'How do I export my data?',
    output,
    expected: null,
    metadata: {},
    metrics: { latencyMs: null, cost: null, inputTokens: null, outputTokens: null, totalTokens: null },
    spans: [],
    span: null,
  })

  for (const mode of ['structured', 'tools-only', 'plain'] as const) {
    it(`scores through every fallback (${mode})`, async () => {
      // mounted under a prefix, as the demo mounts it at /demo/v1
      const app = new Hono().route('/v1', fakeModelApp({ mode, requireKey: 'sk-demo-123' }))
      const requests: string[] = []
      const fetch = async (url: string, init?: RequestInit) => {
        requests.push(url)
        return app.request(url, init)
      }
      const check = parseEvaluatorConfig('llm-judge', {
        baseUrl: 'http://fake.local/v1',
        model: 'fake-judge',
        apiKeyEnv: 'FAKE_JUDGE_KEY',
        prompt: 'Question: {{input}}\nAnswer: {{output}}',
        output: { dataType: 'numeric', min: 1, max: 5 },
      })
      if (!check.ok) throw new Error(JSON.stringify(check.issues))
      const ctx = { fetch, env: (name: string) => (name === 'FAKE_JUDGE_KEY' ? 'sk-demo-123' : undefined) }
      const good = await runEvaluator('llm-judge', check.config, subject('Exports run nightly.'), ctx)
      expect(good).toMatchObject({ value: 5, dataType: 'numeric', comment: 'The answer addresses the question directly.' })
      expect(good.usage!.total).toBeGreaterThan(0)
      const bad = await runEvaluator('llm-judge', check.config, subject('I don’t know.'), ctx)
      expect(bad.value).toBe(1)
      expect(requests[0]).toBe('http://fake.local/v1/chat/completions')
      expect(requests).toHaveLength({ structured: 2, 'tools-only': 4, plain: 6 }[mode])
    })
  }

  it('gets an auth error with a wrong key', async () => {
    const app = new Hono().route('/v1', fakeModelApp({ requireKey: 'sk-demo-123' }))
    const check = parseEvaluatorConfig('llm-judge', {
      baseUrl: 'http://fake.local/v1',
      model: 'fake-judge',
      apiKeyEnv: 'FAKE_JUDGE_KEY',
      prompt: '{{output}}',
      output: { dataType: 'boolean' },
    })
    if (!check.ok) throw new Error(JSON.stringify(check.issues))
    const run = runEvaluator('llm-judge', check.config, subject('x'), {
      fetch: (url, init) => Promise.resolve(app.request(url, init)),
      env: () => 'sk-wrong',
    })
    await expect(run).rejects.toMatchObject({ reason: 'auth', status: 401 })
  })
})
