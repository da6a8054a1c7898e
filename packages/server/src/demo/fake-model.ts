import { Hono } from 'hono'

/**
 * A deterministic stand-in for an LLM: the same prompt always gets the same answer, token
 * counts and latency, so demos and tests are repeatable without any model or network.
 */
export interface FakeCompletion {
  text: string
  inputTokens: number
  outputTokens: number
  latencyMs: number
  firstTokenMs: number
}

export function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const OPENERS = ['Here is what I found.', 'Good question.', 'Short answer first, then the details.', 'Based on the documents I have,']
const BODIES = [
  'You can change it under Settings → Billing; the change applies from the next invoice.',
  'Exports run nightly and land in your bucket as Parquet files, partitioned by day.',
  'The API allows 600 requests per minute per key; a 429 reply carries Retry-After.',
  'Single sign-on is available on the Pro and Enterprise plans through SAML or OIDC.',
  'Deleted projects stay recoverable for 30 days; after that the data is purged.',
  'You can invite teammates from the Members page; each invite link expires after 7 days.',
]

export const countTokens = (text: string) => Math.max(1, Math.ceil(text.split(/\s+/).filter(Boolean).length * 1.3))

export function fakeComplete(prompt: string): FakeCompletion {
  const rnd = seededRandom(hashString(prompt))
  const text = `${OPENERS[Math.floor(rnd() * OPENERS.length)]} ${BODIES[Math.floor(rnd() * BODIES.length)]}`
  const outputTokens = countTokens(text)
  const firstTokenMs = Math.round(150 + rnd() * 450)
  return {
    text,
    inputTokens: countTokens(prompt) + 120,
    outputTokens,
    firstTokenMs,
    latencyMs: firstTokenMs + outputTokens * Math.round(12 + rnd() * 20),
  }
}

/**
 * The fake model's verdict on a judge prompt, by plain rules: an answer that does not know, or
 * that shows personal data, fails; anything else passes.
 */
export function fakeVerdict(prompt: string): { pass: boolean; reasoning: string } {
  const rules: [RegExp, string][] = [
    [/\bI (?:don't|don’t|do not) know\b/i, 'The answer does not address the question: it says it does not know.'],
    [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/, 'The answer exposes personal data (an email address).'],
    [/\b\d{3}-\d{2}-\d{4}\b/, 'The answer exposes personal data (a social security number).'],
    [/\b(?:\d[ -]?){12,15}\d\b/, 'The answer exposes personal data (a card number).'],
    [/(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/, 'The answer exposes personal data (a phone number).'],
  ]
  for (const [pattern, reasoning] of rules) if (pattern.test(prompt)) return { pass: false, reasoning }
  return { pass: true, reasoning: 'The answer addresses the question directly.' }
}

export interface FakeModelOptions {
  /**
   * What the endpoint supports, like real ones differ: `structured` (default) answers
   * `response_format` json_schema, forced tool calls and plain requests; `tools-only` refuses
   * `response_format` with a 400; `plain` refuses `response_format` and `tools`.
   */
  mode?: 'structured' | 'tools-only' | 'plain' | undefined
  /** the API key a request must bear; any request passes without it */
  requireKey?: string | undefined
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** OpenAI's error shape, which judges and SDKs read. */
const openAiError = (message: string, type: string, param: string | null = null, code: string | null = null) => ({
  error: { message, type, param, code },
})

// A fixed timestamp keeps every reply byte-for-byte repeatable.
const CREATED = 1_767_225_600

/**
 * A deterministic OpenAI-compatible judge: `POST /chat/completions` grades the user's prompt by
 * `fakeVerdict` and answers in the shape asked for (json_schema content, a forced tool call, or
 * JSON in plain content), with a score that fits the schema the request sent and token usage.
 * The demo mounts it at /demo/v1; tests and e2e point a judge's baseUrl at it.
 */
export function fakeModelApp(options: FakeModelOptions = {}) {
  const mode = options.mode ?? 'structured'
  return new Hono().post('/chat/completions', async (c) => {
    if (options.requireKey !== undefined) {
      const bearer = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (bearer === undefined || !sameText(bearer, options.requireKey))
        return c.json(openAiError('Incorrect API key provided', 'invalid_request_error', null, 'invalid_api_key'), 401)
    }
    const body: unknown = await c.req.json().catch(() => undefined)
    if (!isObject(body) || !Array.isArray(body.messages) || body.messages.length === 0)
      return c.json(openAiError('messages is required: a non-empty list of chat messages', 'invalid_request_error', 'messages'), 400)
    const format = isObject(body.response_format) ? body.response_format : null
    const wantsFormat = format !== null && format.type !== 'text'
    const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : []
    if (wantsFormat && mode !== 'structured')
      return c.json(openAiError(`response_format ${String(format.type)} is not supported`, 'invalid_request_error', 'response_format'), 400)
    if (tools.length > 0 && mode === 'plain') return c.json(openAiError('tools are not supported', 'invalid_request_error', 'tools'), 400)

    const messages = body.messages.filter(isObject)
    const userText =
      messages
        .filter((m) => m.role === 'user')
        .map((m) => contentText(m.content))
        .at(-1) ?? ''
    const { pass, reasoning } = fakeVerdict(userText)
    const tool = toolCalled(tools, body.tool_choice)
    const schema =
      format?.type === 'json_schema' && isObject(format.json_schema)
        ? format.json_schema.schema
        : tool
          ? tool.parameters
          : schemaInText(messages)
    const verdict = JSON.stringify({ reasoning, score: scoreFor(schema, pass) })

    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : null
    const text = wantsFormat || tool ? verdict : `Here is my evaluation:\n\`\`\`json\n${verdict}\n\`\`\``
    const { kept, cut } = truncate(text, maxTokens)
    const message: JsonObject = tool
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: `call_${hashString(kept).toString(16)}`, type: 'function', function: { name: String(tool.name), arguments: kept } },
          ],
        }
      : { role: 'assistant', content: kept }
    const promptTokens = countTokens(messages.map((m) => contentText(m.content)).join('\n'))
    const completionTokens = countTokens(kept)
    return c.json({
      id: `chatcmpl-fake-${hashString(JSON.stringify(body)).toString(16)}`,
      object: 'chat.completion',
      created: CREATED,
      model: typeof body.model === 'string' ? body.model : 'sightline-fake-judge',
      choices: [{ index: 0, message, finish_reason: cut ? 'length' : tool ? 'tool_calls' : 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    })
  })
}

/** Compares a key without an early exit, so timing does not tell how much of it matched. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return diff === 0
}

function contentText(content: Json | undefined): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('')
  return ''
}

/** The function a request forces (or offers first), unless it says `tool_choice: "none"`. */
function toolCalled(tools: JsonObject[], choice: Json | undefined): JsonObject | null {
  if (tools.length === 0 || choice === 'none') return null
  const functions = tools.map((t) => t.function).filter(isObject)
  const forced = isObject(choice) && isObject(choice.function) ? choice.function.name : undefined
  return functions.find((f) => f.name === forced) ?? functions[0] ?? null
}

/** A plain request carries its JSON schema in words, if at all: the first object with `properties`. */
function schemaInText(messages: JsonObject[]): Json | undefined {
  for (const m of messages) {
    const text = contentText(m.content)
    for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
      const end = closingBrace(text, start)
      if (end === -1) continue
      try {
        const parsed: unknown = JSON.parse(text.slice(start, end + 1))
        if (isObject(parsed) && isObject(parsed.properties)) return parsed
      } catch {
        // not JSON: look further
      }
    }
  }
  return undefined
}

function closingBrace(text: string, start: number): number {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{') depth++
    else if (ch === '}' && --depth === 0) return i
  }
  return -1
}

const GOOD = /^(good|pass|passed|correct|yes|helpful|relevant|safe|positive|high)$/i
const BAD = /^(bad|fail|failed|incorrect|no|unhelpful|irrelevant|unsafe|wrong|negative|low)$/i

/**
 * A score that fits the schema's `score`: enums get a good- or bad-sounding label (else the first
 * or last), numbers the maximum or minimum (1 or 0 without them), booleans pass/fail.
 */
function scoreFor(schema: Json | undefined, pass: boolean): Json {
  const score = isObject(schema) && isObject(schema.properties) ? schema.properties.score : undefined
  if (!isObject(score)) return pass
  if (Array.isArray(score.enum) && score.enum.length > 0) {
    const labels = score.enum
    const named = labels.find((l) => typeof l === 'string' && (pass ? GOOD : BAD).test(l))
    return named ?? (pass ? labels[0]! : labels.at(-1)!)
  }
  if (score.type === 'number' || score.type === 'integer') {
    const max = typeof score.maximum === 'number' ? score.maximum : 1
    const min = typeof score.minimum === 'number' ? score.minimum : 0
    return pass ? max : min
  }
  if (score.type === 'string') return pass ? 'pass' : 'fail'
  return pass
}

/** Cuts a reply at `max_tokens`, as a real model stops mid-sentence (finish_reason "length"). */
function truncate(text: string, maxTokens: number | null): { kept: string; cut: boolean } {
  if (maxTokens === null || countTokens(text) <= maxTokens) return { kept: text, cut: false }
  const words = text.split(' ')
  let kept = ''
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word
    if (countTokens(next) > maxTokens) break
    kept = next
  }
  return { kept, cut: true }
}
