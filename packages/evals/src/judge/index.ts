import type { JsonValue } from '@sightline/core'
import {
  type EvalContext,
  type EvalDataType,
  type EvalResult,
  EvalSkip,
  type EvalSubject,
  type EvaluatorField,
  type EvalUsage,
} from '../types'
import { type JudgeConfig, judgeConfigSchema, judgeFields } from './config'
import { JudgeError, providerDetail, retryAfterMs } from './judge-error'
import { addUsage, checkScore, describeScore, type ReplyMode, readVerdict, replySchema, TOOL_NAME, usageOf } from './reply'
import { renderPrompt } from './render-prompt'

export { DEFAULT_JUDGE_PROMPT, judgeConfigSchema } from './config'
export { JudgeError, retryAfterMs } from './judge-error'
export { firstJsonObject } from './reply'
export { renderPrompt } from './render-prompt'
export type { JudgeConfig, JudgeConfigInput } from './config'
export type { JudgeErrorReason } from './judge-error'

const USES_EXPECTED = /\{\{\{?\s*expected\s*\}?\}\}/

/** Structured output first, then a forced tool call, then JSON asked for in plain words. */
const MODES: readonly ReplyMode[] = ['structured', 'tool', 'plain']

export const llmJudge = {
  kind: 'llm-judge',
  label: 'LLM judge',
  description: 'Asks a model on any OpenAI-compatible endpoint to grade the answer by your prompt, with its reasoning as the comment.',
  config: judgeConfigSchema,
  fields: judgeFields as EvaluatorField[],
  dataType: (config: JudgeConfig): EvalDataType => config.output.dataType,
  run: judge,
}

/**
 * One judge call (up to three requests when the endpoint refuses a way of asking for JSON).
 * Never retries by itself: `JudgeError` says whether the server's job system should try again
 * later (`retry`), pause the evaluator (`auth`) or fail the run. An abort through `ctx.signal`
 * rethrows the abort as it is; a prompt using `{{expected}}` on a subject without one is skipped
 * (`EvalSkip`) before any call.
 */
async function judge(subject: EvalSubject, config: JudgeConfig, ctx: EvalContext): Promise<EvalResult> {
  // Grading against an empty expected output would cost a call and mean nothing.
  if (subject.expected == null && USES_EXPECTED.test(config.prompt))
    throw new EvalSkip('the judge prompt uses {{expected}}, and this trace has no expected output')
  const fetchFn = ctx.fetch ?? (typeof fetch === 'function' ? (url: string, init?: RequestInit) => fetch(url, init) : undefined)
  if (!fetchFn) throw new JudgeError('config', 'the LLM judge needs a fetch function, and none was given')
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  let key: string | undefined
  if (config.apiKeyEnv) {
    key = ctx.env?.(config.apiKeyEnv) || undefined
    if (!key)
      throw new JudgeError(
        'auth',
        `environment variable ${config.apiKeyEnv} is not set on the server: set it to the API key for ${config.baseUrl} and restart the server, or clear apiKeyEnv if the endpoint needs no key`,
      )
    headers.authorization = `Bearer ${key}`
  }
  const prompt = renderPrompt(config.prompt, subject)
  let usage: EvalUsage | null = null
  let lastProblem: JudgeError | undefined
  for (const mode of MODES) {
    let response: Response
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(requestBody(config, prompt, mode)),
        signal: ctx.signal ?? null,
      })
    } catch (error) {
      if (ctx.signal?.aborted) throw error
      throw new JudgeError('retry', `could not reach the judge endpoint ${url}: ${networkDetail(error)}`)
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      if (mode !== 'plain' && refusesMode(response.status, text, mode)) continue
      throw statusError(response, text, config, url, key)
    }
    const body = await readJson(response, url)
    usage = addUsage(usage, usageOf(body))
    const read = readVerdict(body, mode)
    if ('problem' in read) {
      lastProblem = read.problem
      if (read.final || mode === 'plain') break
      continue
    }
    const value = checkScore(read.verdict.score, config.output)
    return {
      value,
      dataType: config.output.dataType,
      comment: read.verdict.reasoning,
      usage,
      // priced by the configured model name: what the server's price table knows
      cost: usage ? (ctx.priceOf?.(config.model, usage) ?? null) : null,
    }
  }
  throw lastProblem ?? new JudgeError('bad-reply', `the judge endpoint ${url} gave no usable reply`)
}

function requestBody(config: JudgeConfig, prompt: string, mode: ReplyMode): Record<string, JsonValue> {
  const schema = replySchema(config.output)
  const reply = `Reply with one JSON object: {"reasoning": "<a short explanation of your verdict>", "score": <${describeScore(config.output)}>}.`
  const how =
    mode === 'structured'
      ? reply
      : mode === 'tool'
        ? `${reply} Submit it by calling the ${TOOL_NAME} function.`
        : `${reply} Reply with that JSON object only, no other text. It must match this JSON schema: ${JSON.stringify(schema)}`
  const body: Record<string, JsonValue> = {
    model: config.model,
    messages: [
      {
        role: 'system',
        content: `You are an evaluator. The user's message holds the grading instructions and the material to grade: judge strictly by those instructions. ${how}`,
      },
      { role: 'user', content: prompt },
    ],
    temperature: config.temperature,
  }
  if (config.maxTokens !== undefined) body.max_tokens = config.maxTokens
  if (mode === 'structured') body.response_format = { type: 'json_schema', json_schema: { name: 'evaluation', strict: true, schema } }
  if (mode === 'tool') {
    body.tools = [{ type: 'function', function: { name: TOOL_NAME, description: 'Submit the evaluation.', parameters: schema } }]
    body.tool_choice = { type: 'function', function: { name: TOOL_NAME } }
  }
  return body
}

/**
 * Whether an error reply refuses the way of asking rather than the request: any 400 to a
 * structured or tool request (endpoints word it every way), or a 404/422 that names the feature.
 */
function refusesMode(status: number, text: string, mode: ReplyMode): boolean {
  if (status === 400) return true
  if (status !== 404 && status !== 422) return false
  return mode === 'structured' ? /response_format|json_schema|structured/i.test(text) : /tool|function/i.test(text)
}

function statusError(response: Response, text: string, config: JudgeConfig, url: string, key: string | undefined): JudgeError {
  const { status } = response
  const detail = providerDetail(text, key)
  const said = detail ? `: ${detail}` : ''
  if (status === 401 || status === 403) {
    const fix = config.apiKeyEnv
      ? `check the API key in the server's ${config.apiKeyEnv} environment variable`
      : 'it wants an API key: put one in an environment variable of the server and name that variable in apiKeyEnv'
    return new JudgeError('auth', `the judge endpoint ${config.baseUrl} refused the request with HTTP ${status}${said} — ${fix}`, {
      status,
    })
  }
  if (status === 408 || status === 409 || status === 425 || status === 429 || status >= 500) {
    const why = status === 429 ? 'is rate limiting' : status >= 500 ? 'failed' : 'asked to try again'
    return new JudgeError('retry', `the judge endpoint ${url} ${why} (HTTP ${status})${said}`, {
      status,
      retryAfterMs: retryAfterMs(response.headers),
    })
  }
  return new JudgeError(
    'config',
    `the judge endpoint ${url} refused the request with HTTP ${status}${said} — check baseUrl and model "${config.model}"`,
    {
      status,
    },
  )
}

async function readJson(response: Response, url: string): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new JudgeError(
      'bad-reply',
      `the judge endpoint ${url} answered HTTP ${response.status} with a body that is not JSON: ${providerDetail(text, undefined)}`,
    )
  }
}

/** fetch's own message is vague ("fetch failed"); the cause names the real problem (ECONNREFUSED…). */
function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { cause?: unknown }).cause
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined
  const causeMessage = cause instanceof Error ? cause.message : undefined
  return [error.message, typeof code === 'string' ? code : causeMessage].filter(Boolean).join(': ')
}
