import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useRef, type ComponentPropsWithoutRef } from 'react'
import { formatLatency } from '../../format/format'
import { cx } from '../../utils/cx'
import { useTraceViewerContext } from './context'
import type { SpanRow } from './span-model'
import { SPAN_ROW_HEIGHT, spanTypeAttr } from './trace-viewer-tree'

export type TraceViewerTimelineProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

const TICKS = 4

/**
 * The waterfall: one bar per row of the tree, on the same rows (same height, scrolled together).
 * It repeats what the tree's items already say (timing), so it is hidden from assistive technology
 * and its bars are a mouse shortcut for selecting; the tree is the keyboard way.
 */
export function TraceViewerTimeline(props: TraceViewerTimelineProps) {
  const { className, onScroll, ...rest } = props
  const { rows, model, selectedId, select, setActiveId, panes } = useTraceViewerContext('Timeline')
  const scrollRef = useRef<HTMLDivElement | null>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SPAN_ROW_HEIGHT,
    getItemKey: (i) => rows[i].span.id,
    overscan: 12,
  })
  const setScrollEl = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el
      panes.register(el, 'timeline')
    },
    [panes],
  )
  const duration = Math.max(1, model.end - model.start)

  return (
    <div {...rest} className={cx('sl-timeline', className)} aria-hidden="true">
      <div className="sl-timeline__axis">
        {Array.from({ length: TICKS + 1 }, (_, i) => (
          <span key={i} className="sl-timeline__tick" style={{ left: `${(i / TICKS) * 100}%` }} data-edge={i === 0 ? 'start' : i === TICKS ? 'end' : undefined}>
            {formatLatency((duration * i) / TICKS)}
          </span>
        ))}
      </div>
      <div
        ref={setScrollEl}
        className="sl-timeline__scroll"
        onScroll={(event) => {
          onScroll?.(event)
          panes.sync(event.currentTarget)
        }}
        onClick={(event) => {
          const id = (event.target as Element).closest<HTMLElement>('[data-span-id]')?.dataset.spanId
          if (!id) return
          setActiveId(id)
          select(id)
        }}
      >
        <div className="sl-timeline__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <TimelineRow
              key={item.key as string}
              node={rows[item.index]}
              top={item.start}
              traceStart={model.start}
              duration={duration}
              selected={rows[item.index].span.id === selectedId}
            />
          ))}
        </div>
      </div>
    </div>
  )
}

interface TimelineRowProps {
  node: SpanRow
  top: number
  traceStart: number
  duration: number
  selected: boolean
}

const TimelineRow = memo(function TimelineRow({ node, top, traceStart, duration, selected }: TimelineRowProps) {
  const { span, startTime, endTime } = node.span
  const left = ((startTime - traceStart) / duration) * 100
  const width = (((endTime ?? startTime) - startTime) / duration) * 100
  const ttft = span.completionStartTime ? ((Date.parse(span.completionStartTime) - startTime) / duration) * 100 : null
  return (
    <div
      className="sl-timeline__row"
      data-span-id={span.id}
      data-state={selected ? 'selected' : undefined}
      style={{ transform: `translateY(${top}px)`, height: SPAN_ROW_HEIGHT }}
    >
      <div
        className="sl-timeline__bar"
        data-type={spanTypeAttr(span.type)}
        data-status={span.status}
        data-running={endTime === null || undefined}
        style={{ left: `${left}%`, width: `${width}%` }}
        title={`${span.name}: ${formatLatency(span.latencyMs)}`}
      >
        {ttft !== null && ttft >= 0 && <span className="sl-timeline__ttft" style={{ left: `${(ttft / Math.max(width, 1e-9)) * 100}%` }} />}
      </div>
      <span className="sl-timeline__label" style={{ left: `${Math.min(left + width, 92)}%` }}>
        {formatLatency(span.latencyMs)}
      </span>
    </div>
  )
})
