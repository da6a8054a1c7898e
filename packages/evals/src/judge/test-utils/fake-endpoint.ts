import type { Span } from '@sightline/core'
import type { EvalSubject } from '../../types'

export interface SeenRequest {
  url: string
  headers: Headers
  body: Record<string, unknown>
}

type Reply = Response | ((request: SeenRequest) => Response)

/**
 * A fake OpenAI-compatible endpoint for the judge's injected fetch: it answers each request with
 * the next of `replies` (the last one repeats) and keeps what it was sent. No network.
 */
export function fakeEndpoint(...replies: Reply[]) {
  const requests: SeenRequest[] = []
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const request: SeenRequest = { url, headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) }
    requests.push(request)
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!
    return typeof reply === 'function' ? reply(request) : reply.clone()
  }
  return { fetch, requests }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }

/** A chat completion whose message content is `content`. */
export const completion = (content: string | null, extra: Record<string, unknown> = {}) =>
  json({
    id: 'c1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }],
    usage,
  })

/** A chat completion answering with a call of `submit_evaluation`. */
export const toolCompletion = (args: unknown) =>
  json({
    id: 'c2',
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'submit_evaluation', arguments: JSON.stringify(args) } }],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage,
  })

export function span(over: Partial<Span> = {}): Span {
  return {
    id: 's1',
    traceId: 't1',
    parentId: null,
    name: 'chat',
    type: 'generation',
    startTime: '2026-11-26T10:00:00.000Z',
    endTime: '2026-11-26T10:00:01.000Z',
    completionStartTime: null,
    latencyMs: 1000,
    model: 'gpt-4o-mini',
    provider: 'openai',
    modelParameters: { temperature: 0.2 },
    usage: { input: 10, output: 5, total: 15, cacheRead: null, cacheWrite: null, reasoning: null },
    cost: null,
    input: null,
    output: null,
    status: 'ok',
    statusMessage: null,
    attributes: null,
    ...over,
  }
}

export function subject(over: Partial<EvalSubject> = {}): EvalSubject {
  return {
    input: 'What is the capital of France?',
    output: 'Paris.',
    expected: null,
    metadata: {},
    metrics: { latencyMs: 1000, cost: null, inputTokens: null, outputTokens: null, totalTokens: null },
    spans: [],
    span: null,
    ...over,
  }
}
