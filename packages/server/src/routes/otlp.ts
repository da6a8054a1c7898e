import { gunzipSync } from 'node:zlib'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import type { AppDeps } from '../app-deps'
import { mapBatch } from '../otlp/map-spans'
import { decodeJson } from '../otlp/otlp-json'
import { decodeProtobuf, encodeProtobufResponse, encodeRpcStatus } from '../otlp/otlp-proto'
import { OtlpDecodeError } from '../otlp/otlp-types'
import { validateBatch } from '../services/ingest'
import { writeBatch } from '../services/write'
import { MAX_JSON_DEPTH, deepField, tooDeep } from '../validation'

const PROTOBUF = 'application/x-protobuf'
/** gRPC status codes for the google.rpc.Status body protobuf clients get on failure. */
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 8, 415: 3, 429: 8, 500: 13, 503: 14 }
const UNKNOWN = 2

const contentType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
const isProtobuf = (type: string) => type === PROTOBUF || type === 'application/protobuf'

/**
 * Failures raised around the receiver (credentials, body limit, errors) reach protobuf clients as
 * a google.rpc.Status too, as the OTLP spec asks, instead of the API's JSON error. Mounted before
 * authentication.
 */
export const otlpFailureEncoding: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (!c.error || !isProtobuf(contentType(c))) return
  const { status } = c.res
  const { error } = (await c.res.json()) as { error: { message: string } }
  const headers = new Headers(c.res.headers)
  headers.set('content-type', PROTOBUF)
  headers.delete('content-length')
  c.res = undefined // replaced whole: Hono would carry the JSON's headers over
  c.res = new Response(new Uint8Array(encodeRpcStatus(GRPC_CODE[status] ?? UNKNOWN, error.message)), { status, headers })
}

const partialSuccessSchema = z.object({
  partialSuccess: z.object({ rejectedSpans: z.number().int(), errorMessage: z.string() }).optional(),
})

const receive = describe({
  summary: 'OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip)',
  description:
    "An ExportTraceServiceRequest, as any OpenTelemetry SDK sends it (`Content-Encoding: gzip` welcome). The answer is in the request's encoding: an empty message, or `partialSuccess` when some spans were rejected. Failures reach protobuf clients as a google.rpc.Status. Spans map to Sightline traces and spans (GenAI semantic conventions read).",
  access: 'write',
  bodyContent: {
    'application/x-protobuf': {
      schema: { type: 'string', format: 'binary', description: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest' },
    },
    'application/json': { schema: { type: 'object', description: 'ExportTraceServiceRequest in OTLP/JSON' } },
  },
  response: partialSuccessSchema,
  responseContent: {
    'application/x-protobuf': { schema: { type: 'string', format: 'binary', description: 'ExportTraceServiceResponse' } },
  },
  errors: [503],
})

/**
 * OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip). Replies in the request's
 * encoding: an empty message on success, `partialSuccess` when some spans were rejected.
 */
export function otlpRoutes({ store, config, now }: AppDeps) {
  let inflight = 0

  const fail = (
    c: Context,
    status: 400 | 413 | 415 | 429 | 503,
    message: string,
    protobuf: boolean,
    headers: Record<string, string> = {},
  ) => {
    for (const [k, v] of Object.entries(headers)) c.header(k, v)
    if (protobuf) {
      c.header('content-type', PROTOBUF)
      return c.body(new Uint8Array(encodeRpcStatus(GRPC_CODE[status] ?? UNKNOWN, message)), status)
    }
    const code = {
      400: 'bad_request',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      429: 'rate_limited',
      503: 'rate_limited',
    } as const
    return c.json({ error: { code: code[status], message } }, status)
  }

  return new Hono<AppEnv>().post('/', receive, async (c) => {
    const type = contentType(c)
    const protobuf = isProtobuf(type)
    if (!protobuf && type !== 'application/json')
      return fail(c, 415, `content-type ${type || '(none)'} is not OTLP; send ${PROTOBUF} or application/json`, false)
    const encoding = (c.req.header('content-encoding') ?? 'identity').toLowerCase()
    if (encoding !== 'gzip' && encoding !== 'identity')
      return fail(c, 415, `content-encoding ${encoding} is not supported; use gzip`, protobuf)
    // Shed load instead of queueing without bound: exporters retry 503 after Retry-After.
    if (inflight >= config.otlpMaxInflight) return fail(c, 503, 'busy; retry shortly', protobuf, { 'retry-after': '1' })
    inflight++
    try {
      let body: Uint8Array = new Uint8Array(await c.req.arrayBuffer())
      if (encoding === 'gzip') {
        try {
          body = gunzipSync(body, { maxOutputLength: config.bodyLimitBytes })
        } catch (err) {
          if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
            return fail(c, 413, `decompressed body is over the ${config.bodyLimitBytes} byte limit`, protobuf)
          return fail(c, 400, 'body is not valid gzip', protobuf)
        }
      }
      let batch: ReturnType<typeof decodeProtobuf>
      try {
        if (protobuf) batch = decodeProtobuf(body)
        else {
          const json: unknown = JSON.parse(Buffer.from(body).toString('utf8'))
          const deep = tooDeep(json)
          if (deep) return fail(c, 400, `${deepField(deep).join('.')}: nested more than ${MAX_JSON_DEPTH} levels deep`, false)
          batch = decodeJson(json)
        }
      } catch (err) {
        if (err instanceof OtlpDecodeError || err instanceof SyntaxError) return fail(c, 400, err.message, protobuf)
        // Protobuf nested past the stack (or numbers out of range) is the sender's fault too.
        if (err instanceof RangeError) return fail(c, 400, `body could not be decoded: ${err.message}`, protobuf)
        throw err
      }
      const mapped = mapBatch(batch)
      const { write, result } = validateBatch({ traces: mapped.traces, spans: mapped.spans })
      if (result.accepted) await writeBatch(store, c.get('auth').projectId, write, now())
      const errors = [...mapped.rejected, ...result.rejected.map((r) => `${r.kind} ${r.id ?? r.index}: ${r.error}`)]
      const rejectedSpans = mapped.rejected.length + result.rejected.filter((r) => r.kind === 'span').length
      const partial = errors.length ? { rejectedSpans, errorMessage: errors.slice(0, 5).join('; ') } : undefined
      if (protobuf) {
        c.header('content-type', PROTOBUF)
        return c.body(new Uint8Array(encodeProtobufResponse(partial)), 200)
      }
      const answer: z.output<typeof partialSuccessSchema> = partial ? { partialSuccess: partial } : {}
      return c.json(answer)
    } finally {
      inflight--
    }
  })
}
