import { errorMessage } from '../http'

export interface ChatRequest {
  sessionId: string
  message: string
  userId: string
}

export interface ChatReply {
  traceId: string
  answer: string
}

/** Asks the demo model; the server traces the exchange and returns the trace id with the answer. */
export async function sendChat(request: ChatRequest, signal?: AbortSignal): Promise<ChatReply> {
  const res = await fetch('/demo/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: signal ?? null, // RequestInit says "no signal" with null
  })
  if (!res.ok) throw new Error(await errorMessage(res))
  const body = (await res.json()) as Partial<ChatReply>
  if (typeof body.traceId !== 'string' || typeof body.answer !== 'string') throw new Error('the server answered without traceId and answer')
  return { traceId: body.traceId, answer: body.answer }
}
