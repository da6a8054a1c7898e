import type { EvalUsage, JsonValue } from '@sightline/core'
import type { JudgeConfig } from './config'
import { JudgeError } from './judge-error'

export type ScoreValue = boolean | number | string
type Output = JudgeConfig['output']

/** How a request asks for its JSON: the order the judge tries them in. */
export type ReplyMode = 'structured' | 'tool' | 'plain'

export const TOOL_NAME = 'submit_evaluation'

/** The JSON schema of a reply: reasoning first, so a model explains before it scores. */
export function replySchema(output: Output): Record<string, JsonValue> {
  return {
    type: 'object',
    properties: {
      reasoning: { type: 'string', description: 'A short explanation of the verdict.' },
      score: scoreSchema(output),
    },
    required: ['reasoning', 'score'],
    additionalProperties: false,
  }
}

function scoreSchema(output: Output): Record<string, JsonValue> {
  if (output.dataType === 'boolean') return { type: 'boolean', description: 'true when the criteria are met, false otherwise' }
  if (output.dataType === 'categorical') return { type: 'string', enum: output.categories ?? [], description: 'one of the categories' }
  const min = output.min ?? 0
  const max = output.max ?? 1
  return { type: 'number', minimum: min, maximum: max, description: `a number from ${min} to ${max}` }
}

export function describeScore(output: Output): string {
  if (output.dataType === 'boolean') return 'true when the criteria are met, false otherwise'
  if (output.dataType === 'categorical') return `exactly one of ${(output.categories ?? []).map((c) => JSON.stringify(c)).join(', ')}`
  return `a number from ${output.min ?? 0} to ${output.max ?? 1} (inclusive)`
}

/** The first JSON object in a text: whole, in a ```json fence, or inside prose. */
export function firstJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim()
  const whole = parseObject(trimmed)
  if (whole) return whole
  for (let start = trimmed.indexOf('{'); start !== -1; start = trimmed.indexOf('{', start + 1)) {
    const end = matchingBrace(trimmed, start)
    if (end === -1) continue
    const found = parseObject(trimmed.slice(start, end + 1))
    if (found) return found
  }
  return undefined
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** The index of the brace closing the one at `start`, skipping braces inside strings; -1 if none. */
function matchingBrace(text: string, start: number): number {
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

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface Verdict {
  score: unknown
  reasoning: string | null
}

/**
 * The verdict in a 200 reply: from the content (structured and plain requests) or from a tool
 * call (forced tool requests, and endpoints that answer with one anyway), whichever the request
 * asked for first. Without one, `final` says whether asking another way could help: not when the
 * model declined or ran out of tokens.
 */
export function readVerdict(body: unknown, mode: ReplyMode): { verdict: Verdict } | { problem: JudgeError; final: boolean } {
  const choice = isRecord(body) && Array.isArray(body.choices) ? body.choices[0] : undefined
  const message = isRecord(choice) ? choice.message : undefined
  if (!isRecord(message))
    return {
      problem: new JudgeError('bad-reply', `the judge's reply has no choices[0].message: ${excerpt(JSON.stringify(body) ?? '')}`),
      final: true,
    }
  const content = contentText(message.content)
  const fromContent = () => (content ? firstJsonObject(content) : undefined)
  const fromTools = () => toolArguments(message)
  const order = mode === 'tool' ? [fromTools, fromContent] : [fromContent, fromTools]
  for (const read of order) {
    const found = read()
    if (found && 'score' in found)
      return { verdict: { score: found.score, reasoning: typeof found.reasoning === 'string' ? found.reasoning : null } }
  }
  if (typeof message.refusal === 'string' && message.refusal)
    return { problem: new JudgeError('bad-reply', `the judge model declined to grade: ${excerpt(message.refusal)}`), final: true }
  if (choice.finish_reason === 'length')
    return {
      problem: new JudgeError('bad-reply', `the judge's reply was cut off before its JSON was complete: raise maxTokens`),
      final: true,
    }
  return {
    problem: new JudgeError(
      'bad-reply',
      `the judge's reply has no JSON object with a "score": ${excerpt(content || JSON.stringify(message))}`,
    ),
    final: false,
  }
}

/** Content as text: a string, or an array of text parts (some endpoints answer so). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content))
    return content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : typeof part === 'string' ? part : ''))
      .join('')
  return ''
}

function toolArguments(message: Record<string, unknown>): Record<string, unknown> | undefined {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : []
  const functions = calls.map((c) => c.function).filter(isRecord)
  // the legacy single `function_call` of older OpenAI-compatible servers
  if (isRecord(message.function_call)) functions.push(message.function_call)
  const call = functions.find((f) => f.name === TOOL_NAME) ?? functions[0]
  if (!call) return undefined
  const args = call.arguments
  if (isRecord(args)) return args
  return typeof args === 'string' ? firstJsonObject(args) : undefined
}

/** The score as the evaluator's type. Coerces "true"/"false" and numeric strings; never clamps. */
export function checkScore(raw: unknown, output: Output): ScoreValue {
  const shown = excerpt(JSON.stringify(raw) ?? String(raw), 100)
  if (output.dataType === 'boolean') {
    if (typeof raw === 'boolean') return raw
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null
    if (text === 'true' || text === 'false') return text === 'true'
    throw new JudgeError('bad-reply', `the judge's score ${shown} is not true or false`)
  }
  if (output.dataType === 'numeric') {
    const min = output.min ?? 0
    const max = output.max ?? 1
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN
    if (!Number.isFinite(value)) throw new JudgeError('bad-reply', `the judge's score ${shown} is not a number`)
    if (value < min || value > max) throw new JudgeError('bad-reply', `the judge's score ${shown} is outside the range ${min} to ${max}`)
    return value
  }
  const categories = output.categories ?? []
  if (typeof raw === 'string') {
    if (categories.includes(raw)) return raw
    const wanted = raw.trim().toLowerCase()
    const matches = categories.filter((c) => c.toLowerCase() === wanted)
    if (matches.length === 1) return matches[0]!
  }
  throw new JudgeError(
    'bad-reply',
    `the judge's score ${shown} is not one of the categories ${categories.map((c) => JSON.stringify(c)).join(', ')}`,
  )
}

/** Token counts of an OpenAI-style `usage`, or null when the endpoint reports none. */
export function usageOf(body: unknown): EvalUsage | null {
  const usage = isRecord(body) ? body.usage : undefined
  if (!isRecord(usage)) return null
  const input = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : null
  const output = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : null
  if (input === null && output === null) return null
  const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : (input ?? 0) + (output ?? 0)
  return { input: input ?? 0, output: output ?? 0, total }
}

export function addUsage(a: EvalUsage | null, b: EvalUsage | null): EvalUsage | null {
  if (!a) return b
  if (!b) return a
  return { input: a.input + b.input, output: a.output + b.output, total: a.total + b.total }
}

export const excerpt = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
