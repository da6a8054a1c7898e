import { type AttrValue, type Attrs, type OtlpBatch, OtlpDecodeError, type OtlpSpan } from './otlp-types'

type Obj = Record<string, unknown>

/** OTLP/JSON uses lowerCamelCase; snake_case (protobuf names) is accepted too. */
function get(o: unknown, camel: string): unknown {
  if (!o || typeof o !== 'object') return undefined
  const r = o as Obj
  if (camel in r) return r[camel]
  return r[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]
}
const list = (o: unknown, key: string, where: string): unknown[] => {
  const v = get(o, key)
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new OtlpDecodeError(`${where}.${key} must be an array`)
  return v
}

/** Ids are hex in OTLP/JSON; base64 (what a generic protobuf JSON printer emits) is accepted. */
function id(v: unknown, bytes: number, where: string): string {
  if (v === undefined || v === null || v === '') return ''
  if (typeof v !== 'string') throw new OtlpDecodeError(`${where} must be a hex string`)
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) return v.toLowerCase()
  const raw = Buffer.from(v, 'base64')
  if (raw.length === bytes && raw.toString('base64').replace(/=+$/, '') === v.replace(/=+$/, '')) return raw.toString('hex')
  throw new OtlpDecodeError(`${where} must be ${bytes * 2} hex characters, got "${v.slice(0, 40)}"`)
}

function nanos(v: unknown, where: string): bigint {
  if (v === undefined || v === null || v === '') return 0n
  if ((typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isInteger(v) && v >= 0)) return BigInt(v)
  throw new OtlpDecodeError(`${where} must be nanoseconds as a number or decimal string`)
}

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
]
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR']
function enumValue(v: unknown, names: string[], where: string): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (typeof v === 'string' && names.includes(v)) return names.indexOf(v)
  throw new OtlpDecodeError(`${where} must be one of 0..${names.length - 1} or ${names.join(', ')}`)
}

function anyValue(v: unknown): AttrValue {
  if (!v || typeof v !== 'object') return null
  const s = get(v, 'stringValue')
  if (s !== undefined) return String(s)
  const b = get(v, 'boolValue')
  if (b !== undefined) return Boolean(b)
  const i = get(v, 'intValue')
  if (i !== undefined) return Number.isSafeInteger(Number(i)) ? Number(i) : String(i)
  const d = get(v, 'doubleValue')
  if (d !== undefined) return Number(d)
  const a = get(v, 'arrayValue')
  if (a !== undefined) return list(a, 'values', 'arrayValue').map(anyValue)
  const kv = get(v, 'kvlistValue')
  if (kv !== undefined) return attrs(get(kv, 'values'), 'kvlistValue')
  const bytes = get(v, 'bytesValue')
  if (bytes !== undefined) return String(bytes)
  return null
}

function attrs(v: unknown, where: string): Attrs {
  const out: Attrs = Object.create(null)
  if (v === undefined || v === null) return out
  if (!Array.isArray(v))
    throw new OtlpDecodeError(`${where}.attributes must be a list of { key, value } (OTLP KeyValue), not a plain object`)
  for (const kv of v) {
    const key = get(kv, 'key')
    if (typeof key !== 'string') throw new OtlpDecodeError(`${where}.attributes: every item needs a string key`)
    out[key] = anyValue(get(kv, 'value'))
  }
  return out
}

/** Reads an OTLP/JSON ExportTraceServiceRequest. Unknown fields are ignored, as the spec asks. */
export function decodeJson(body: unknown): OtlpBatch {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new OtlpDecodeError('body must be a JSON object')
  if (get(body, 'resourceLogs') !== undefined || get(body, 'resourceMetrics') !== undefined)
    throw new OtlpDecodeError('this is the traces endpoint; the body holds logs or metrics')
  return {
    resources: list(body, 'resourceSpans', 'body').map((rs, r) => ({
      attributes: attrs(get(get(rs, 'resource'), 'attributes'), `resourceSpans[${r}].resource`),
      scopes: list(rs, 'scopeSpans', `resourceSpans[${r}]`).map((ss, s) => ({
        name: String(get(get(ss, 'scope'), 'name') ?? ''),
        version: String(get(get(ss, 'scope'), 'version') ?? ''),
        spans: list(ss, 'spans', `resourceSpans[${r}].scopeSpans[${s}]`).map((span, i): OtlpSpan => {
          const at = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`
          const status = get(span, 'status')
          return {
            traceId: id(get(span, 'traceId'), 16, `${at}.traceId`),
            spanId: id(get(span, 'spanId'), 8, `${at}.spanId`),
            parentSpanId: id(get(span, 'parentSpanId'), 8, `${at}.parentSpanId`),
            name: String(get(span, 'name') ?? ''),
            kind: enumValue(get(span, 'kind'), SPAN_KINDS, `${at}.kind`),
            startNs: nanos(get(span, 'startTimeUnixNano'), `${at}.startTimeUnixNano`),
            endNs: nanos(get(span, 'endTimeUnixNano'), `${at}.endTimeUnixNano`),
            attributes: attrs(get(span, 'attributes'), at),
            events: list(span, 'events', at).map((e, k) => ({
              name: String(get(e, 'name') ?? ''),
              timeNs: nanos(get(e, 'timeUnixNano'), `${at}.events[${k}].timeUnixNano`),
              attributes: attrs(get(e, 'attributes'), `${at}.events[${k}]`),
            })),
            status: {
              code: enumValue(get(status, 'code'), STATUS_CODES, `${at}.status.code`),
              message: String(get(status, 'message') ?? ''),
            },
          }
        }),
      })),
    })),
  }
}
