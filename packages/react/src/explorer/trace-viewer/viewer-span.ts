import type { Span, SpanModel, SpanPlace, SpanRow, SpanSkeleton, Trace, TraceSummary } from '@sightline/core'

/** A span as the viewer gets it: a skeleton (payloads fetched on selection) or a full span. */
export type ViewerSpan = Span | SpanSkeleton
/** The trace as the viewer gets it: a summary (skeleton reads) or a full trace. */
export type ViewerTrace = Trace | TraceSummary

/** A span time as epoch ms: full spans carry ISO strings, skeletons epoch ms. */
export const epochMs = (time: string | number): number => (typeof time === 'number' ? time : Date.parse(time))

export type ViewerSpanModel = SpanModel<ViewerSpan>
export type ViewerRow = SpanRow<ViewerSpan>
export type ViewerPlace = SpanPlace<ViewerSpan>
