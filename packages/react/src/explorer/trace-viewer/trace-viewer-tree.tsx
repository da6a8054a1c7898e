import { highlightRange, SPAN_TYPES, type SpanType } from '@sightline/core'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import { formatCost, formatCount, formatLatency, formatTokens } from '../../format/format'
import { cx } from '../../utils/cx'
import { Hint } from '../../utils/hint'
import { useTraceViewerContext } from './context'
import type { ViewerPlace, ViewerRow } from './viewer-span'

/** Row height in px; the timeline uses the same so its bars line up with the tree's rows. */
export const SPAN_ROW_HEIGHT = 28
export const rowHeight = () => SPAN_ROW_HEIGHT
/** Deeper levels are not indented further: a 1,000-deep chain must stay readable. */
const MAX_INDENT_LEVEL = 24

const KNOWN_TYPES: ReadonlySet<string> = new Set(SPAN_TYPES)
/** Only known span types reach the attribute that colours them. */
export const spanTypeAttr = (type: string): SpanType | 'other' => (KNOWN_TYPES.has(type) ? (type as SpanType) : 'other')

export interface TraceViewerTreeProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** the tree's accessible name */
  label?: string | undefined
}

/**
 * The span tree: `role=tree` with one focusable item (roving tabindex), arrow keys, Home/End,
 * PageUp/PageDown, Enter or Space to select, `*` to open siblings. Virtualized: only rows in view
 * (and the focused one, so focus is never lost while scrolling) are in the DOM; every span stays
 * reachable by keyboard and by scrolling.
 */
export function TraceViewerTree(props: TraceViewerTreeProps) {
  const { label = 'Spans', className, onKeyDown, onScroll, ...rest } = props
  const ctx = useTraceViewerContext('Tree')
  const { rows, indexOf, model, collapsed, filtering, selectedId, activeId, searchResult, viewport } = ctx

  const scrollRef = useRef<HTMLDivElement | null>(null)
  const items = useRef(new Map<string, HTMLDivElement>())
  const pendingFocus = useRef<string | null>(null)

  // The tab stop: the last focused row, else the selected one, else the first.
  const tabbableId =
    activeId !== null && indexOf.has(activeId)
      ? activeId
      : selectedId !== null && indexOf.has(selectedId)
        ? selectedId
        : (rows[0]?.span.id ?? null)
  const tabbableIndex = tabbableId === null ? -1 : indexOf.get(tabbableId)!

  // The tab stop stays rendered when scrolled out of view, so the tree keeps its place in the tab order.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      if (tabbableIndex >= 0 && !indexes.includes(tabbableIndex)) {
        indexes.push(tabbableIndex)
        indexes.sort((a, b) => a - b)
      }
      return indexes
    },
    [tabbableIndex],
  )

  // Stable per rows: a new function would make the virtualizer re-measure all 50,000 rows each render.
  const getItemKey = useCallback((i: number) => rows[i]!.span.id, [rows])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    getItemKey,
    overscan: 12,
    rangeExtractor,
  })

  const moveTo = (index: number) => {
    if (!rows.length) return
    const to = Math.max(0, Math.min(rows.length - 1, index))
    const id = rows[to]!.span.id
    pendingFocus.current = id
    ctx.setActiveId(id)
    if (id === tabbableId) focusPending()
  }

  const focusPending = () => {
    const id = pendingFocus.current
    if (id === null) return
    const index = indexOf.get(id)
    if (index === undefined) return
    virtualizer.scrollToIndex(index, { align: 'auto' })
    const el = items.current.get(id)
    if (el) {
      pendingFocus.current = null
      el.focus({ preventScroll: true })
    }
  }
  // After the row to focus has rendered (it is pinned by the range extractor).
  useLayoutEffect(focusPending)

  // The timeline draws the rows this render shows, in the same frame.
  const virtualItems = virtualizer.getVirtualItems()
  useLayoutEffect(() => {
    const element = scrollRef.current
    viewport.set(element && rows.length ? { items: virtualItems, offset: virtualizer.scrollOffset ?? element.scrollTop, element } : null)
  })
  useEffect(() => () => viewport.set(null), [viewport])

  // Bring the selected span into view when it changes (deep links, timeline clicks).
  const revealed = useRef<string | null>(null)
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId) return
    const index = indexOf.get(selectedId)
    if (index === undefined) return
    revealed.current = selectedId
    virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [selectedId, indexOf, virtualizer])

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event)
    if (event.defaultPrevented || tabbableIndex < 0) return
    const at = tabbableIndex
    const node = rows[at]! // the tab stop is one of the rows
    const id = node.span.id
    const hasChildren = node.children.length > 0
    const open = hasChildren && (filtering || !collapsed.has(id))
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight || SPAN_ROW_HEIGHT * 10) / SPAN_ROW_HEIGHT) - 1)
    switch (event.key) {
      case 'ArrowDown':
        moveTo(at + 1)
        break
      case 'ArrowUp':
        moveTo(at - 1)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(rows.length - 1)
        break
      case 'PageDown':
        moveTo(at + page)
        break
      case 'PageUp':
        moveTo(at - page)
        break
      case 'ArrowRight':
        if (hasChildren && !open) ctx.setExpanded(id, true)
        else if (open) moveTo(at + 1)
        break
      case 'ArrowLeft': {
        if (open && !filtering) ctx.setExpanded(id, false)
        else {
          const parent = model.places.get(id)?.parent
          if (parent && indexOf.has(parent.span.id)) moveTo(indexOf.get(parent.span.id)!)
        }
        break
      }
      case 'Enter':
      case ' ':
        ctx.select(id)
        break
      case '*': {
        const parent = model.places.get(id)?.parent
        for (const sibling of parent ? parent.children : model.tree.roots)
          if (sibling.children.length) ctx.setExpanded(sibling.span.id, true)
        break
      }
      default:
        return
    }
    event.preventDefault()
  }

  const handleClick = (event: MouseEvent<HTMLDivElement>) => {
    const el = (event.target as Element).closest<HTMLElement>('[data-span-id]')
    const id = el?.dataset.spanId
    if (!id || !indexOf.has(id)) return
    if ((event.target as Element).closest('.sl-tree__toggle')) {
      ctx.setExpanded(id, collapsed.has(id))
      return
    }
    ctx.setActiveId(id)
    ctx.select(id)
  }

  const setScrollEl = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el
  }, [])

  const registerItem = useCallback((id: string, el: HTMLDivElement | null) => {
    if (el) items.current.set(id, el)
    else items.current.delete(id)
  }, [])

  if (!rows.length)
    return (
      <div className={cx('sl-tree sl-tree--empty', className)}>
        <p className="sl-muted">{model.count ? 'No span matches the search.' : 'This trace has no spans.'}</p>
      </div>
    )

  const words = searchResult?.words
  return (
    <div
      {...rest}
      ref={setScrollEl}
      className={cx('sl-tree', className)}
      role="tree"
      aria-label={label}
      aria-multiselectable={false}
      data-span-count={model.count}
      data-row-count={rows.length}
      style={{ height: `min(${rows.length * SPAN_ROW_HEIGHT + 1}px, var(--sl-trace-viewer-height))`, ...rest.style }}
      onKeyDown={handleKeyDown}
      onClick={handleClick}
      onFocus={(event) => {
        const id = (event.target as HTMLElement).dataset?.spanId
        if (id && id !== activeId) ctx.setActiveId(id)
      }}
      onScroll={onScroll}
    >
      <div role="none" className="sl-tree__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((item) => {
          // The virtualizer counts these rows: every index it gives is one of them.
          const node = rows[item.index]!
          const id = node.span.id
          return (
            <TreeItem
              key={id}
              node={node}
              place={model.places.get(id)!}
              top={item.start}
              expanded={node.children.length ? filtering || !collapsed.has(id) : undefined}
              selected={id === selectedId}
              tabbable={id === tabbableId}
              match={searchResult ? searchResult.matches.has(id) : undefined}
              words={words}
              registerItem={registerItem}
            />
          )
        })}
      </div>
    </div>
  )
}

interface TreeItemProps {
  node: ViewerRow
  place: ViewerPlace
  top: number
  expanded: boolean | undefined
  selected: boolean
  tabbable: boolean
  match: boolean | undefined
  words: readonly string[] | undefined
  registerItem: (id: string, el: HTMLDivElement | null) => void
}

const TreeItem = memo(function TreeItem({ node, place, top, expanded, selected, tabbable, match, words, registerItem }: TreeItemProps) {
  const { span } = node.span
  const id = span.id
  const failed = span.status === 'error'
  const tokens = spanTokens(span)
  const cost = span.cost?.total ?? null
  return (
    <div
      ref={(el) => registerItem(id, el)}
      role="treeitem"
      className="sl-tree__item"
      aria-level={node.depth + 1}
      aria-posinset={place.position}
      aria-setsize={place.siblings}
      aria-expanded={expanded}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      data-span-id={id}
      data-state={selected ? 'selected' : undefined}
      data-match={match === undefined ? undefined : match}
      style={{ transform: `translateY(${top}px)`, height: SPAN_ROW_HEIGHT }}
    >
      <span className="sl-tree__indent" style={{ width: `calc(var(--sl-tree-indent) * ${Math.min(node.depth, MAX_INDENT_LEVEL)})` }} />
      <span className="sl-tree__toggle" aria-hidden="true" data-state={expanded === undefined ? 'leaf' : expanded ? 'open' : 'closed'} />
      <span className="sl-type-badge" data-type={spanTypeAttr(span.type)}>
        {span.type}
      </span>
      <span className="sl-tree__name">{words ? <Highlight text={span.name} words={words} /> : span.name}</span>
      {span.model && <span className="sl-tree__model sl-muted">{words ? <Highlight text={span.model} words={words} /> : span.model}</span>}
      {failed && (
        <span className="sl-badge" data-status="error">
          Error
        </span>
      )}
      {node.orphan && <Flag label="Orphan" text="Its parent span is not in the trace" />}
      {node.cycle && <Flag label="Cycle" text="Its parent link closed a cycle and was cut" />}
      {node.children.length > 0 && expanded === false && (
        <span className="sl-tree__hidden sl-muted">+{formatCount(node.children.length)}</span>
      )}
      {(tokens !== null || cost !== null) && (
        <span className="sl-tree__chips">
          {tokens !== null && (
            <span className="sl-tree__chip sl-num" data-kind="tokens">
              {formatTokens(tokens)}
              <span aria-hidden="true"> tok</span>
              <span className="sl-visually-hidden"> tokens</span>
            </span>
          )}
          {cost !== null && (
            <span className="sl-tree__chip sl-num" data-kind="cost">
              {formatCost(cost)}
            </span>
          )}
        </span>
      )}
      <span className={cx('sl-tree__latency sl-num sl-muted', (tokens !== null || cost !== null) && 'sl-tree__latency--after-chips')}>
        {formatLatency(span.latencyMs)}
      </span>
    </div>
  )
})

/** A span's own tokens (its total, else input plus output), or null when it used none it reported. */
function spanTokens(span: ViewerRow['span']['span']): number | null {
  const usage = span.usage
  if (!usage) return null
  const total = usage.total ?? (usage.input ?? 0) + (usage.output ?? 0)
  return total > 0 ? total : null
}

/** A flag whose tooltip explains it; the explanation is in the row's accessible name too. */
function Flag({ label, text }: { label: string; text: string }) {
  return (
    <Hint text={text}>
      <span className="sl-flag">
        {label}
        <span className="sl-visually-hidden">: {text}</span>
      </span>
    </Hint>
  )
}

function Highlight({ text, words }: { text: string; words: readonly string[] }): ReactNode {
  const range = highlightRange(text, words)
  if (!range) return text
  return (
    <>
      {text.slice(0, range[0])}
      <mark>{text.slice(range[0], range[1])}</mark>
      {text.slice(range[1])}
    </>
  )
}
