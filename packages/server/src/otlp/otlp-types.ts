/** An attribute value as plain JS: OTLP AnyValue with kvlists as objects. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue }
export type Attrs = Record<string, AttrValue>

export interface OtlpEvent {
  name: string
  timeNs: bigint
  attributes: Attrs
}

/** One span, decoded from protobuf or JSON into the same shape. Ids are lowercase hex. */
export interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId: string
  name: string
  kind: number
  startNs: bigint
  endNs: bigint
  attributes: Attrs
  events: OtlpEvent[]
  status: { code: number; message: string }
}

export interface OtlpBatch {
  resources: { attributes: Attrs; scopes: { name: string; version: string; spans: OtlpSpan[] }[] }[]
}

/** The request cannot be read at all: 400. */
export class OtlpDecodeError extends Error {}
