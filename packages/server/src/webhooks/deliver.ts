import type { IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { allowPrivateWebhooks, checkDestination, pinnedLookup, type Resolver } from './destination'
import { webhookHeaders } from './standard-webhooks'

/** One attempt to post an alert to a channel. Retrying, recording and disabling are the caller's. */

export type ChannelKind = 'webhook' | 'slack'

/** The subset of `fetch` used; an injected one is called with `redirect: 'manual'`. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; redirect: 'manual'; signal: AbortSignal },
) => Promise<Response>

export interface DeliverInput {
  url: string
  kind: ChannelKind
  /** the delivery's id, the same on every attempt: `webhook-id` */
  id: string
  /** this attempt's time in seconds (default now): `webhook-timestamp` */
  timestamp?: number | undefined
  payload: Record<string, unknown>
  /** webhook kind: the current secret, plus the previous one while rotating */
  secrets?: readonly string[] | undefined
  /**
   * Instead of the built-in client. The built-in one connects only to the addresses the SSRF
   * guard checked; an injected fetch resolves the name again, so a DNS answer that changes in
   * between (rebinding) is not caught.
   */
  fetch?: FetchLike | undefined
  /** for the whole attempt: resolving, connecting, sending and reading the response's start */
  timeoutMs?: number | undefined
  /** default: `SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS=1` */
  allowPrivate?: boolean | undefined
  /** the DNS resolver the guard uses (tests) */
  resolve?: Resolver | undefined
}

export type DeliveryFailure = 'config' | 'refused' | 'unresolvable' | 'network' | 'timeout' | 'redirect' | 'status'

export interface DeliveryResult {
  ok: boolean
  /** the receiver's status code, null when none came */
  status: number | null
  error?: string
  failure?: DeliveryFailure
  /** 410 Gone: the receiver wants no more; disable the channel */
  gone: boolean
  /** worth another attempt on the schedule: network error, timeout, DNS failure, 408/409/425/429/5xx */
  retryable: boolean
  /** the receiver's Retry-After on 429/503 */
  retryAfterMs?: number
  durationMs: number
  /** the start of the response body, for the delivery log */
  responseSnippet: string
}

export const DEFAULT_TIMEOUT_MS = 10_000
const USER_AGENT = 'Sightline-Webhooks/1'
const SNIPPET_BYTES = 1024
const SNIPPET_CHARS = 500
const RETRYABLE_STATUS = new Set([408, 409, 425, 429])

/** Posts `payload` to a channel once; never throws. */
export async function deliver(input: DeliverInput): Promise<DeliveryResult> {
  const started = performance.now()
  const result = (r: Omit<DeliveryResult, 'durationMs' | 'gone' | 'responseSnippet'> & Partial<DeliveryResult>): DeliveryResult => ({
    gone: false,
    responseSnippet: '',
    ...r,
    durationMs: Math.round(performance.now() - started),
  })

  let body: string
  let headers: Record<string, string>
  try {
    if (input.kind === 'webhook') {
      body = JSON.stringify(input.payload)
      const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000)
      headers = { ...webhookHeaders({ id: input.id, timestamp, body, secrets: input.secrets ?? [] }), 'user-agent': USER_AGENT }
    } else if (input.kind === 'slack') {
      body = JSON.stringify(slackMessage(input.payload))
      headers = { 'content-type': 'application/json', 'user-agent': USER_AGENT }
    } else {
      throw new TypeError(`unknown channel kind ${String(input.kind)}`)
    }
  } catch (error) {
    return result({ ok: false, status: null, failure: 'config', error: messageOf(error), retryable: false })
  }

  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error('timed out'))
  }, input.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  try {
    const allowPrivate = input.allowPrivate ?? allowPrivateWebhooks()
    const check = await untilAborted(checkDestination(input.url, { allowPrivate, resolve: input.resolve }), controller.signal)
    if (!check.ok) {
      const unresolvable = check.reason === 'unresolvable'
      return result({
        ok: false,
        status: null,
        failure: unresolvable ? 'unresolvable' : 'refused',
        error: check.error,
        retryable: unresolvable,
      })
    }
    const send = input.fetch ? fetchTransport(input.fetch) : nodeTransport(pinnedLookup(check))
    const response = await send(check.url, headers, body, controller.signal)
    const responseSnippet = await response.snippet()
    const { status } = response
    if (status >= 200 && status < 300) return result({ ok: true, status, retryable: false, responseSnippet })
    const base = { ok: false, status, responseSnippet }
    if (status >= 300 && status < 400) {
      const location = response.header('location')
      const to = location ? ` to ${location.slice(0, 200)}` : ''
      return result({
        ...base,
        failure: 'redirect',
        retryable: false,
        error: `the receiver redirected (${status})${to}; redirects are not followed, update the channel URL`,
      })
    }
    if (status === 410) {
      return result({
        ...base,
        failure: 'status',
        gone: true,
        retryable: false,
        error: 'the receiver answered 410 Gone: it wants no more deliveries',
      })
    }
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.header('retry-after')) : undefined
    return result({
      ...base,
      failure: 'status',
      retryable: RETRYABLE_STATUS.has(status) || status >= 500,
      error: `the receiver answered ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    })
  } catch (error) {
    if (timedOut)
      return result({
        ok: false,
        status: null,
        failure: 'timeout',
        retryable: true,
        error: `no answer within ${input.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
      })
    return result({ ok: false, status: null, failure: 'network', retryable: true, error: `could not deliver: ${messageOf(error)}` })
  } finally {
    clearTimeout(timer)
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (`now` in ms); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function messageOf(error: unknown): string {
  // fetch hides the socket's error in `cause`.
  const cause = (error as { cause?: unknown })?.cause
  const inner = cause instanceof Error ? cause : error
  return inner instanceof Error ? inner.message : String(inner)
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

interface RawResponse {
  status: number
  header(name: string): string | undefined
  /** the first bytes of the body as text; never rejects */
  snippet(): Promise<string>
}

type Transport = (url: URL, headers: Record<string, string>, body: string, signal: AbortSignal) => Promise<RawResponse>

function toSnippet(bytes: Buffer): string {
  return bytes
    .subarray(0, SNIPPET_BYTES)
    .toString('utf8')
    .replace(/\uFFFD+$/, '') // a character cut at the byte limit
    .slice(0, SNIPPET_CHARS)
    .trim()
}

/** node:http(s) with the guard's addresses pinned; one connection per attempt, redirects never followed. */
function nodeTransport(lookup: LookupFunction): Transport {
  return (url, headers, body, signal) =>
    new Promise<RawResponse>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const request = send(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, lookup, signal },
        (response) => {
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = response.headers[name]
              return Array.isArray(value) ? value[0] : value
            },
            snippet: () => readNodeSnippet(response),
          })
        },
      )
      request.on('error', reject)
      request.end(body)
    })
}

function readNodeSnippet(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      response.destroy()
      resolve(toSnippet(Buffer.concat(chunks)))
    }
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= SNIPPET_BYTES) done()
    })
    response.on('end', done)
    response.on('error', done)
    response.on('close', done)
  })
}

function fetchTransport(fetchFn: FetchLike): Transport {
  return async (url, headers, body, signal) => {
    const response = await fetchFn(url.href, { method: 'POST', headers, body, redirect: 'manual', signal })
    return {
      // An opaque redirect (status 0) is what a browser-like fetch gives for a 3xx in manual mode.
      status: response.type === 'opaqueredirect' ? 302 : response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      snippet: async () => {
        const reader = response.body?.getReader()
        if (!reader) return ''
        const chunks: Buffer[] = []
        let size = 0
        try {
          while (size < SNIPPET_BYTES) {
            const { done, value } = await reader.read()
            if (done) break
            chunks.push(Buffer.from(value))
            size += value.length
          }
        } catch {
          // A body cut short still tells its start.
        } finally {
          reader.cancel().catch(() => {})
        }
        return toSnippet(Buffer.concat(chunks))
      },
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Slack incoming-webhook messages

export interface SlackMessage {
  text: string
  blocks?: Record<string, unknown>[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Slack's mrkdwn gives &, < and > meaning; everything else is shown as written. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function formatNumber(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a'
  return Math.abs(value) >= 1000 ? String(Math.round(value)) : String(Number(value.toPrecision(4)))
}

function formatTime(iso: unknown): string | undefined {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return undefined
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function describeWindow(window: unknown, start: unknown, end: unknown): string | undefined {
  if (typeof window === 'string' && window) return window.slice(0, 100)
  const from = formatTime(isRecord(window) ? window.start : start)
  const to = formatTime(isRecord(window) ? window.end : end)
  return from && to ? `${from} – ${to}` : undefined
}

const STATES: Record<string, { emoji: string; says: string }> = {
  firing: { emoji: ':rotating_light:', says: 'is firing' },
  fired: { emoji: ':rotating_light:', says: 'is firing' },
  resolved: { emoji: ':white_check_mark:', says: 'resolved' },
  ok: { emoji: ':white_check_mark:', says: 'is back to normal' },
  insufficient: { emoji: ':grey_question:', says: 'has too few samples' },
  test: { emoji: ':bell:', says: 'sent a test alert' },
}

/**
 * An incoming-webhook message for an alert payload. Fields are read from the payload or its
 * `data` (Standard Webhooks' envelope): `monitor` ({ name, metric } or a name), `state` or `kind`
 * (fired/resolved) or `type` (monitor.fired), `group`, `value`, `baseline`, `samples`, `window`
 * (a size such as "5m" or { start, end }, else `windowStart`/`windowEnd`) and `link`, an http(s)
 * URL back to the monitor in Sightline. Missing fields are left out.
 */
export function slackMessage(payload: Record<string, unknown>): SlackMessage {
  const data = isRecord(payload.data) ? payload.data : {}
  const field = (key: string): unknown => payload[key] ?? data[key]
  const monitor = field('monitor')
  const nameOf = isRecord(monitor) ? monitor.name : (monitor ?? field('monitorName') ?? field('name'))
  const name = typeof nameOf === 'string' && nameOf.trim() ? nameOf.trim().slice(0, 200) : 'A monitor'
  const metricOf = isRecord(monitor) ? monitor.metric : field('metric')
  const metric = typeof metricOf === 'string' && metricOf ? metricOf.slice(0, 300).replace(/`/g, "'") : undefined
  const group = field('group')
  const type = field('type')
  const stateOf = field('state') ?? field('kind') ?? (typeof type === 'string' ? type.split('.').pop() : undefined)
  const state = typeof stateOf === 'string' ? stateOf : undefined
  const look = (state && STATES[state]) || { emoji: ':bell:', says: state ? `is ${state.slice(0, 50)}` : 'changed state' }

  const groupText = typeof group === 'string' && group ? ` (${escapeMrkdwn(group.slice(0, 200))})` : ''
  const title = `${look.emoji} *${escapeMrkdwn(name)}*${groupText} ${look.says}`
  const value = field('value')
  const baseline = field('baseline')
  const valueLine =
    value === undefined
      ? undefined
      : `${metric ? `\`${escapeMrkdwn(metric)}\` ` : ''}value *${formatNumber(value)}*${baseline === undefined ? '' : ` vs baseline ${formatNumber(baseline)}`}`
  const samples = field('samples')
  const window = describeWindow(field('window'), field('windowStart'), field('windowEnd'))
  const details = [
    typeof samples === 'number' && Number.isFinite(samples) ? `${samples} sample${samples === 1 ? '' : 's'}` : undefined,
    window ? `window ${escapeMrkdwn(window)}` : undefined,
  ].filter((d): d is string => d !== undefined)
  const href = linkOf(field('link'))

  const lines = [title, valueLine, details.length ? details.join(' · ') : undefined].filter((l): l is string => l !== undefined)
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: [title, valueLine].filter(Boolean).join('\n') } },
  ]
  if (details.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: details.join(' · ') }] })
  if (href) {
    lines.push(`<${href}|Open in Sightline>`)
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Sightline' }, url: href }] })
  }
  return { text: lines.join('\n'), blocks }
}

function linkOf(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined
  try {
    const url = new URL(link)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    // `|` and `>` end Slack's <url|label>; URL already percent-encodes < and >.
    const href = url.href.replace(/\|/g, '%7C').replace(/>/g, '%3E')
    return href.length <= 3000 ? href : undefined
  } catch {
    return undefined
  }
}
