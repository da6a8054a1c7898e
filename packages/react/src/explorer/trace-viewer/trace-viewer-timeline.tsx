import { memo, useCallback, useEffect, useRef, useSyncExternalStore, type ComponentPropsWithoutRef } from 'react'
import { formatLatency } from '../../format/format'
import { cx } from '../../utils/cx'
import { useTraceViewerContext } from './context'
import { epochMs, type ViewerRow } from './viewer-span'
import { SPAN_ROW_HEIGHT, spanTypeAttr } from './trace-viewer-tree'

export type TraceViewerTimelineProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

const TICKS = 3
/** Lines of a wheel event in line mode, in px. */
const LINE = SPAN_ROW_HEIGHT

/**
 * The waterfall: one bar per row of the tree, on the same rows. It follows the tree (which must be
 * rendered beside it): the tree's virtualizer decides which rows exist and the wheel over the
 * timeline scrolls the tree. It repeats what the tree's items already say (timing), so it is hidden
 * from assistive technology and its bars are a mouse shortcut for selecting; the tree is the
 * keyboard way.
 */
export function TraceViewerTimeline(props: TraceViewerTimelineProps) {
  const { className, ...rest } = props
  const { rows, model, selectedId, select, setActiveId, viewport } = useTraceViewerContext('Timeline')
  const shown = useSyncExternalStore(viewport.subscribe, viewport.get, viewport.get)
  const duration = Math.max(1, model.end - model.start)

  // Not passive: the page must not scroll too while the wheel scrolls the tree.
  const boxRef = useRef<HTMLDivElement | null>(null)
  const onWheel = useCallback(
    (event: WheelEvent) => {
      const tree = viewport.get()?.element
      if (!tree || event.deltaY === 0) return
      const max = tree.scrollHeight - tree.clientHeight
      const before = tree.scrollTop
      if ((event.deltaY < 0 && before <= 0) || (event.deltaY > 0 && before >= max)) return
      event.preventDefault()
      tree.scrollTop = before + event.deltaY * (event.deltaMode === 1 ? LINE : event.deltaMode === 2 ? tree.clientHeight : 1)
    },
    [viewport],
  )
  useEffect(() => {
    const box = boxRef.current
    box?.addEventListener('wheel', onWheel, { passive: false })
    return () => box?.removeEventListener('wheel', onWheel)
  }, [onWheel])

  return (
    <div {...rest} className={cx('sl-timeline', className)} aria-hidden="true">
      <div className="sl-timeline__axis">
        {Array.from({ length: TICKS + 1 }, (_, i) => (
          <span
            key={i}
            className="sl-timeline__tick"
            style={{ left: `${(i / TICKS) * 100}%` }}
            data-edge={i === 0 ? 'start' : i === TICKS ? 'end' : undefined}
          >
            {formatLatency((duration * i) / TICKS)}
          </span>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: a pointer shortcut to a bar's span; keyboards select in the tree, which the bars repeat */}
      <div
        ref={boxRef}
        className="sl-timeline__viewport"
        // The tree's box less its 1px top border: both show the same rows.
        style={{ height: `min(${rows.length * SPAN_ROW_HEIGHT}px, calc(var(--sl-trace-viewer-height) - 1px))` }}
        onClick={(event) => {
          const id = (event.target as Element).closest<HTMLElement>('[data-span-id]')?.dataset.spanId
          if (!id) return
          setActiveId(id)
          select(id)
        }}
      >
        <div
          className="sl-timeline__canvas"
          style={{ height: rows.length * SPAN_ROW_HEIGHT, transform: `translateY(${-(shown?.offset ?? 0)}px)` }}
        >
          {shown?.items.map((item) => {
            const node = rows[item.index]
            return node ? (
              <TimelineRow
                key={node.span.id}
                node={node}
                top={item.start}
                traceStart={model.start}
                duration={duration}
                selected={node.span.id === selectedId}
              />
            ) : null
          })}
        </div>
      </div>
    </div>
  )
}

interface TimelineRowProps {
  node: ViewerRow
  top: number
  traceStart: number
  duration: number
  selected: boolean
}

const TimelineRow = memo(function TimelineRow({ node, top, traceStart, duration, selected }: TimelineRowProps) {
  const { span, startTime, endTime } = node.span
  const left = ((startTime - traceStart) / duration) * 100
  const width = (((endTime ?? startTime) - startTime) / duration) * 100
  const side = left + width <= 75 ? 'after' : left >= 15 ? 'before' : 'inside'
  const ttft = span.completionStartTime != null ? ((epochMs(span.completionStartTime) - startTime) / duration) * 100 : null
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
        {ttft !== null && ttft >= 0 && (
          <span className="sl-timeline__ttft" style={{ left: `${Math.min(100, (ttft / Math.max(width, 1e-9)) * 100)}%` }} />
        )}
      </div>
      {/* After the bar; before it when it ends near the right edge; inside it when it fills the width. */}
      <span
        className="sl-timeline__label"
        style={side === 'before' ? { right: `${100 - left}%` } : { left: `${side === 'after' ? left + width : left}%` }}
        data-side={side}
      >
        {formatLatency(span.latencyMs)}
      </span>
    </div>
  )
})
