export type JudgeErrorReason = 'auth' | 'retry' | 'config' | 'bad-reply'

/**
 * Why a judge call failed. `auth`: the endpoint refused the key (or the key's variable is not
 * set), so the server pauses the evaluator with this message as the reason; `retry`: rate limits,
 * outages and network errors, which the server's job system tries again later (after
 * `retryAfterMs` when the endpoint said so); `config` and `bad-reply` fail the run. Messages are
 * meant for whoever is on call and never hold the API key.
 */
export class JudgeError extends Error {
  readonly reason: JudgeErrorReason
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  constructor(reason: JudgeErrorReason, message: string, options: { status?: number | undefined; retryAfterMs?: number | undefined } = {}) {
    super(message)
    this.name = 'JudgeError'
    this.reason = reason
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

/** Retry-After (seconds or an HTTP date), or OpenAI's `retry-after-ms`, as milliseconds from now. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms))
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A provider's error text, short and without the key (some providers echo part of it). */
export function providerDetail(body: string, key: string | undefined): string {
  let detail = body
  try {
    const parsed: unknown = JSON.parse(body)
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined
    const message =
      typeof error === 'string' ? error : typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
    if (typeof message === 'string') detail = message
  } catch {
    // not JSON: the text as it is
  }
  if (key) detail = detail.split(key).join('[redacted]')
  detail = detail
    .replace(/\b(sk|pk|rk|key|api|gsk|xai)[-_][A-Za-z0-9*._-]{6,}/gi, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim()
  return detail.length > 300 ? `${detail.slice(0, 300)}…` : detail
}
