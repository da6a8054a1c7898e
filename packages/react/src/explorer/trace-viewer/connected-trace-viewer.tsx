import type { Score } from '@sightline/core'
import { useMemo } from 'react'
import { useControllableState } from '../../utils/use-controllable-state'
import { useSpan } from '../hooks/use-span'
import { useTraceSkeleton } from '../hooks/use-trace-skeleton'
import type { TraceViewerProps } from './trace-viewer'
import { TraceViewerRoot } from './trace-viewer-root'

export interface ConnectedTraceViewerProps
  extends Omit<TraceViewerProps, 'trace' | 'spans' | 'scores' | 'loading' | 'error' | 'onRetry' | 'spanDetail'> {
  traceId: string
  /** poll while the trace is in progress: true (every 2 s, paused in hidden tabs), false, or an interval in ms */
  live?: boolean | number | undefined
}

const NO_SCORES: readonly Score[] = []

/**
 * A trace's spans as a tree and a waterfall with the selected span's detail, fetched through the
 * provider's client. Loads the skeleton first (every span, no payloads), then a span's payloads when
 * it is selected. The selected span is controllable, so a host can deep-link it. Children are the
 * `TraceViewer.*` parts for a custom layout.
 */
export function ConnectedTraceViewer({
  traceId,
  selectedSpanId,
  defaultSelectedSpanId = null,
  onSelectedSpanChange,
  live = true,
  children,
  ...rest
}: ConnectedTraceViewerProps) {
  const [selected, setSelected] = useControllableState<string | null>({
    prop: selectedSpanId,
    defaultProp: defaultSelectedSpanId,
    onChange: onSelectedSpanChange,
  })
  const skeleton = useTraceSkeleton(traceId, { live })
  // Payloads are fetched once the skeleton is there: the detail shows only spans of the tree.
  const known = !!selected && !!skeleton.data
  const span = useSpan(traceId, known ? selected : null, { live })
  const spanDetail = useMemo(
    () => ({ span: span.data ?? null, loading: known && span.isPending, error: span.error, onRetry: () => void span.refetch() }),
    [span.data, span.isPending, span.error, span.refetch, known],
  )
  return (
    <TraceViewerRoot
      {...rest}
      trace={skeleton.data?.trace ?? null}
      spans={skeleton.data?.spans}
      scores={skeleton.data?.scores ?? NO_SCORES}
      loading={skeleton.isPending}
      error={skeleton.error}
      onRetry={() => void skeleton.refetch()}
      traceId={traceId}
      selectedSpanId={selected}
      onSelectedSpanChange={setSelected}
      spanDetail={spanDetail}
    >
      {children}
    </TraceViewerRoot>
  )
}
