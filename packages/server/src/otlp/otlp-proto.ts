import protobuf from 'protobufjs'
import { type AttrValue, type Attrs, type OtlpBatch, OtlpDecodeError, type OtlpEvent, type OtlpSpan } from './otlp-types'

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id })
const field = (type: string, id: number) => ({ type, id })
const keyValues = repeated('KeyValue', 9)

/**
 * The OTLP trace messages (opentelemetry-proto, trace/v1 + common/v1 + collector/trace/v1) as a
 * protobufjs JSON descriptor: same field numbers and types, so real exporter payloads decode.
 */
const descriptor = {
  nested: {
    ExportTraceServiceRequest: { fields: { resourceSpans: repeated('ResourceSpans', 1) } },
    ExportTraceServiceResponse: { fields: { partialSuccess: field('ExportTracePartialSuccess', 1) } },
    Status: { fields: { code: field('int32', 1), message: field('string', 2) } },
    ExportTracePartialSuccess: { fields: { rejectedSpans: field('int64', 1), errorMessage: field('string', 2) } },
    ResourceSpans: { fields: { resource: field('Resource', 1), scopeSpans: repeated('ScopeSpans', 2), schemaUrl: field('string', 3) } },
    Resource: { fields: { attributes: repeated('KeyValue', 1), droppedAttributesCount: field('uint32', 2) } },
    ScopeSpans: { fields: { scope: field('InstrumentationScope', 1), spans: repeated('Span', 2), schemaUrl: field('string', 3) } },
    InstrumentationScope: {
      fields: {
        name: field('string', 1),
        version: field('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: field('uint32', 4),
      },
    },
    Span: {
      fields: {
        traceId: field('bytes', 1),
        spanId: field('bytes', 2),
        traceState: field('string', 3),
        parentSpanId: field('bytes', 4),
        flags: field('fixed32', 16),
        name: field('string', 5),
        kind: field('int32', 6),
        startTimeUnixNano: field('fixed64', 7),
        endTimeUnixNano: field('fixed64', 8),
        attributes: keyValues,
        droppedAttributesCount: field('uint32', 10),
        events: repeated('Event', 11),
        droppedEventsCount: field('uint32', 12),
        links: repeated('Link', 13),
        droppedLinksCount: field('uint32', 14),
        status: field('SpanStatus', 15),
      },
    },
    Event: {
      fields: {
        timeUnixNano: field('fixed64', 1),
        name: field('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: field('uint32', 4),
      },
    },
    Link: {
      fields: {
        traceId: field('bytes', 1),
        spanId: field('bytes', 2),
        traceState: field('string', 3),
        attributes: repeated('KeyValue', 4),
        droppedAttributesCount: field('uint32', 5),
        flags: field('fixed32', 6),
      },
    },
    SpanStatus: { fields: { message: field('string', 2), code: field('int32', 3) } },
    AnyValue: {
      oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
      fields: {
        stringValue: field('string', 1),
        boolValue: field('bool', 2),
        intValue: field('int64', 3),
        doubleValue: field('double', 4),
        arrayValue: field('ArrayValue', 5),
        kvlistValue: field('KeyValueList', 6),
        bytesValue: field('bytes', 7),
      },
    },
    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
    KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
    KeyValue: { fields: { key: field('string', 1), value: field('AnyValue', 2) } },
  },
}

const root = protobuf.Root.fromJSON(descriptor)
const Request = root.lookupType('ExportTraceServiceRequest')
const Response = root.lookupType('ExportTraceServiceResponse')
const RpcStatus = root.lookupType('Status')

type Decoded = Record<string, unknown>
type DecodedKeyValue = { key: string; value?: Decoded }

const hex = (b: unknown) => (b instanceof Uint8Array ? Buffer.from(b).toString('hex') : '')
/** int64 values arrive as decimal strings: numbers when exact, else kept as text. */
const int = (s: string) => (Number.isSafeInteger(Number(s)) ? Number(s) : s)
const ns = (v: unknown) => BigInt((v as string | undefined) ?? '0')

export function protoValue(v: Decoded | undefined): AttrValue {
  if (!v) return null
  if ('stringValue' in v) return v.stringValue as string
  if ('boolValue' in v) return v.boolValue as boolean
  if ('intValue' in v) return int(v.intValue as string)
  if ('doubleValue' in v) return v.doubleValue as number
  if ('arrayValue' in v) return (((v.arrayValue as Decoded).values as Decoded[] | undefined) ?? []).map(protoValue)
  if ('kvlistValue' in v) return protoAttrs((v.kvlistValue as Decoded).values as DecodedKeyValue[] | undefined)
  if ('bytesValue' in v) return Buffer.from(v.bytesValue as Uint8Array).toString('base64')
  return null
}

export function protoAttrs(list: DecodedKeyValue[] | undefined): Attrs {
  const out: Attrs = Object.create(null)
  for (const kv of list ?? []) out[kv.key] = protoValue(kv.value)
  return out
}

/** Decodes `application/x-protobuf` ExportTraceServiceRequest bytes. */
export function decodeProtobuf(body: Uint8Array): OtlpBatch {
  let message: Decoded
  try {
    message = Request.toObject(Request.decode(body), { longs: String, enums: Number, bytes: Buffer, oneofs: false }) as Decoded
  } catch (err) {
    throw new OtlpDecodeError(`body is not an OTLP ExportTraceServiceRequest: ${(err as Error).message}`)
  }
  return {
    resources: ((message.resourceSpans as Decoded[] | undefined) ?? []).map((rs) => ({
      attributes: protoAttrs((rs.resource as Decoded | undefined)?.attributes as DecodedKeyValue[] | undefined),
      scopes: ((rs.scopeSpans as Decoded[] | undefined) ?? []).map((ss) => ({
        name: ((ss.scope as Decoded | undefined)?.name as string) ?? '',
        version: ((ss.scope as Decoded | undefined)?.version as string) ?? '',
        spans: ((ss.spans as Decoded[] | undefined) ?? []).map(
          (s): OtlpSpan => ({
            traceId: hex(s.traceId),
            spanId: hex(s.spanId),
            parentSpanId: hex(s.parentSpanId),
            name: (s.name as string) ?? '',
            kind: (s.kind as number) ?? 0,
            startNs: ns(s.startTimeUnixNano),
            endNs: ns(s.endTimeUnixNano),
            attributes: protoAttrs(s.attributes as DecodedKeyValue[] | undefined),
            events: ((s.events as Decoded[] | undefined) ?? []).map(
              (e): OtlpEvent => ({
                name: (e.name as string) ?? '',
                timeNs: ns(e.timeUnixNano),
                attributes: protoAttrs(e.attributes as DecodedKeyValue[]),
              }),
            ),
            status: {
              code: ((s.status as Decoded | undefined)?.code as number) ?? 0,
              message: ((s.status as Decoded | undefined)?.message as string) ?? '',
            },
          }),
        ),
      })),
    })),
  }
}

export function encodeProtobufResponse(partial?: { rejectedSpans: number; errorMessage: string }): Uint8Array {
  return Response.encode(Response.fromObject(partial ? { partialSuccess: partial } : {})).finish()
}

/** A failure body for protobuf clients: google.rpc.Status with a gRPC code. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  return RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish()
}

/** For tests: encodes a request the way exporters do. */
export function encodeProtobufRequest(request: Record<string, unknown>): Uint8Array {
  return Request.encode(Request.fromObject(request)).finish()
}
