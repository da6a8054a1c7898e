import { useRef, type ComponentPropsWithoutRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { cx } from '../../utils/cx'
import { useControllableState } from '../../utils/use-controllable-state'

export interface TraceExplorerProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** above the panes: filters, a column picker… */
  toolbar?: ReactNode
  /** the trace table */
  table: ReactNode
  /** the open trace (its viewer and anything below it); nothing open when left out or null */
  viewer?: ReactNode
  /** the accessible name of the open trace's pane; "Trace" by default */
  viewerLabel?: string | undefined
  /** the Close button of the open trace's pane; no button without it */
  onClose?: (() => void) | undefined
  /** the table's share of the width beside an open trace, 0.2 to 0.8 (controlled) */
  split?: number | undefined
  defaultSplit?: number | undefined
  onSplitChange?: ((split: number) => void) | undefined
}

const MIN_SPLIT = 0.2
const MAX_SPLIT = 0.8
const KEY_STEP = 0.05
const clampSplit = (n: number) => Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, Math.round(n * 100) / 100))

/**
 * The trace explorer's layout, given its parts: a toolbar, the table and the open trace. On a wide
 * container the table and the trace sit side by side with a separator to resize them (drag it, or
 * arrow keys on it); on a narrow one they stack. It fills its container's height, and each pane
 * scrolls on its own, so the page itself never has to. See `ConnectedTraceExplorer` for the whole
 * explorer wired to the server.
 */
export function TraceExplorer(props: TraceExplorerProps) {
  const {
    toolbar,
    table,
    viewer,
    viewerLabel = 'Trace',
    onClose,
    split: splitProp,
    defaultSplit = 0.5,
    onSplitChange,
    className,
    style,
    ...rest
  } = props
  const [split, setSplit] = useControllableState({ prop: splitProp, defaultProp: defaultSplit, onChange: onSplitChange })
  const panesRef = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)
  const open = viewer !== undefined && viewer !== null && viewer !== false
  const shown = clampSplit(split)

  const fromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = panesRef.current?.getBoundingClientRect()
    if (!box || box.width === 0) return
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
    const x = rtl ? box.right - event.clientX : event.clientX - box.left
    setSplit(clampSplit(x / box.width))
  }

  const onSeparatorKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
    const grow = rtl ? 'ArrowLeft' : 'ArrowRight'
    const shrink = rtl ? 'ArrowRight' : 'ArrowLeft'
    const next =
      event.key === grow
        ? shown + KEY_STEP
        : event.key === shrink
          ? shown - KEY_STEP
          : event.key === 'Home'
            ? MIN_SPLIT
            : event.key === 'End'
              ? MAX_SPLIT
              : null
    if (next === null) return
    event.preventDefault()
    setSplit(clampSplit(next))
  }

  return (
    <div
      {...rest}
      className={cx('sl-root sl-trace-explorer', className)}
      data-state={open ? 'open' : 'closed'}
      style={{ ...style, '--sl-trace-explorer-split': `${Math.round(shown * 100)}%` } as CSSProperties}
    >
      {toolbar && <div className="sl-trace-explorer__toolbar">{toolbar}</div>}
      <div ref={panesRef} className="sl-trace-explorer__panes">
        <div className="sl-trace-explorer__table">{table}</div>
        {open && (
          <>
            {/* A focusable separator: arrow keys resize (WAI-ARIA window splitter). */}
            <div
              role="separator"
              tabIndex={0}
              aria-orientation="vertical"
              aria-label="Resize the trace table"
              aria-valuemin={MIN_SPLIT * 100}
              aria-valuemax={MAX_SPLIT * 100}
              aria-valuenow={Math.round(shown * 100)}
              className="sl-trace-explorer__separator"
              onKeyDown={onSeparatorKey}
              onPointerDown={(event) => {
                dragging.current = true
                event.currentTarget.setPointerCapture?.(event.pointerId)
              }}
              onPointerMove={(event) => dragging.current && fromPointer(event)}
              onPointerUp={(event) => {
                dragging.current = false
                event.currentTarget.releasePointerCapture?.(event.pointerId)
              }}
            />
            <section className="sl-trace-explorer__viewer" aria-label={viewerLabel}>
              {onClose && (
                <button type="button" className="sl-button sl-trace-explorer__close" onClick={onClose}>
                  Close <span className="sl-visually-hidden">{viewerLabel.toLowerCase()}</span>
                </button>
              )}
              {viewer}
            </section>
          </>
        )}
      </div>
    </div>
  )
}
