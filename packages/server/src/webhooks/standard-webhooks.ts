import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Signing and verifying webhooks the Standard Webhooks way (https://www.standardwebhooks.com,
 * spec 1.0.0): `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the
 * bytes of the secret's base64 part, one space-separated signature per secret while one rotates.
 */

export const SECRET_PREFIX = 'whsec_'
/** The spec asks for 24 to 64 random bytes; shorter keys are refused unless a caller lowers this. */
export const MIN_SECRET_BYTES = 24
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
/** Delay before each retry: the spec's example schedule, its last step repeated once (8 attempts, ~37.6 h). */
export const RETRY_SCHEDULE_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]
/** The first attempt plus one per retry. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError'
  constructor(
    message: string,
    readonly reason: 'missing-header' | 'bad-timestamp' | 'too-old' | 'too-new' | 'no-match',
  ) {
    super(message)
  }
}

/** A new secret: `whsec_` + base64 of 32 random bytes (or `bytes`, 24–64). Show it to its owner once. */
export function generateSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > 64) throw new RangeError('a webhook secret has 24 to 64 bytes')
  return SECRET_PREFIX + randomBytes(bytes).toString('base64')
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The HMAC key of a secret: `whsec_<base64>` or the bare base64 (padding optional, as in the
 * reference libraries). Errors never quote the secret.
 */
export function parseSecret(secret: string, { minBytes = MIN_SECRET_BYTES }: { minBytes?: number | undefined } = {}): Buffer {
  if (typeof secret !== 'string') throw new TypeError('webhook secret must be a string')
  const trimmed = secret.trim()
  if (/^wh(sk|pk)_/.test(trimmed))
    throw new TypeError('webhook secret is an ed25519 key (whsk_/whpk_); only whsec_ (HMAC) secrets are supported')
  const encoded = trimmed.startsWith(SECRET_PREFIX) ? trimmed.slice(SECRET_PREFIX.length) : trimmed
  if (encoded === '') throw new TypeError('webhook secret is empty')
  const padded = encoded.includes('=')
  if (!BASE64.test(encoded) || (padded && encoded.length % 4 !== 0) || (!padded && encoded.length % 4 === 1)) {
    throw new TypeError(`webhook secret must be ${SECRET_PREFIX} followed by base64 (A–Z, a–z, 0–9, +, /)`)
  }
  const key = Buffer.from(encoded, 'base64')
  if (key.length < Math.max(1, minBytes)) throw new TypeError(`webhook secret is ${key.length} bytes; at least ${minBytes} are required`)
  return key
}

export interface SignInput {
  /** the message id: the same for every attempt of one message (receivers drop repeats by it) */
  id: string
  /** the attempt's time, integer seconds since the epoch */
  timestamp: number
  /** exactly the bytes sent */
  body: string | Uint8Array
}

function checkIdAndTimestamp(id: string, timestamp: number): void {
  // A '.' would make "id.timestamp.body" ambiguous; whitespace or control characters break the header.
  if (typeof id !== 'string' || id === '' || /[.\s\p{Cc}]/u.test(id))
    throw new TypeError('webhook id must be non-empty without dots, spaces or control characters')
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError('webhook timestamp must be whole seconds since the epoch')
}

function signature(key: Uint8Array, id: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')
}

/** The `webhook-signature` value: one `v1,<sig>` per secret (current and, during rotation, previous), space-separated. */
export function sign({ id, timestamp, body, secrets }: SignInput & { secrets: readonly string[] }): string {
  checkIdAndTimestamp(id, timestamp)
  if (secrets.length === 0) throw new TypeError('at least one webhook secret is needed to sign')
  const signatures = secrets.map((s) => `v1,${signature(parseSecret(s, { minBytes: 1 }), id, timestamp, body)}`)
  return [...new Set(signatures)].join(' ')
}

/** The headers of a signed delivery: `webhook-id`, `webhook-timestamp`, `webhook-signature` and content-type. */
export function webhookHeaders(
  input: SignInput & { secrets: readonly string[]; contentType?: string | undefined },
): Record<'content-type' | 'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'content-type': input.contentType ?? 'application/json',
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': sign(input),
  }
}

/** Fetch `Headers`, Node's `IncomingHttpHeaders` or a plain object (names in any case). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue
    // Repeated signature headers are one list; a repeated id or timestamp is not usable.
    if (Array.isArray(value)) return name === 'webhook-signature' ? value.join(' ') : value.length === 1 ? value[0] : undefined
    return value
  }
  return undefined
}

export interface VerifyInput {
  headers: HeaderSource
  /** the raw body as received: re-serialised JSON will not verify */
  body: string | Uint8Array
  /** the endpoint's secret, or several while the receiver rotates */
  secret: string | readonly string[]
  toleranceSeconds?: number | undefined
  now?: Date | undefined
}

/**
 * Checks a received webhook: returns true, or throws a `WebhookVerificationError` naming why
 * (missing header, timestamp outside the tolerance either way, no matching `v1` signature).
 * Secrets are compared in constant time; signatures of other schemes (`v1a`, …) are skipped.
 */
export function verify({ headers, body, secret, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = new Date() }: VerifyInput): true {
  const id = header(headers, 'webhook-id')
  const timestampText = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (!id || !timestampText || !signatures)
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header', 'missing-header')
  if (!/^\d{1,15}$/.test(timestampText)) throw new WebhookVerificationError('webhook-timestamp is not whole seconds', 'bad-timestamp')
  const timestamp = Number(timestampText)
  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (nowSeconds - timestamp > toleranceSeconds) throw new WebhookVerificationError('webhook-timestamp is too old', 'too-old')
  if (timestamp - nowSeconds > toleranceSeconds) throw new WebhookVerificationError('webhook-timestamp is in the future', 'too-new')
  const keys = (typeof secret === 'string' ? [secret] : secret).map((s) => parseSecret(s, { minBytes: 1 }))
  const expected = keys.map((key) => Buffer.from(signature(key, id, timestamp, body)))
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',')
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue
    const given = Buffer.from(entry.slice(comma + 1))
    if (expected.some((e) => e.length === given.length && timingSafeEqual(e, given))) return true
  }
  throw new WebhookVerificationError('no webhook-signature matches', 'no-match')
}

/**
 * How long to wait after `attempt` failed attempts (1 = the first one) before the next, or null
 * when the schedule is spent. A receiver's Retry-After stretches the wait up to the schedule's
 * longest step; `jitter` (0–1) spreads retries by up to that share of the delay.
 */
export function nextRetryDelay(
  attempt: number,
  {
    retryAfterMs,
    jitter = 0,
    random = Math.random,
  }: { retryAfterMs?: number | undefined; jitter?: number | undefined; random?: (() => number) | undefined } = {},
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt counts the failed attempts, starting at 1')
  const step = RETRY_SCHEDULE_MS[attempt - 1]
  if (step === undefined) return null
  const longest = Math.max(...RETRY_SCHEDULE_MS)
  const base = retryAfterMs !== undefined && retryAfterMs > step ? Math.min(retryAfterMs, longest) : step
  return Math.round(base + base * Math.min(Math.max(jitter, 0), 1) * random())
}
