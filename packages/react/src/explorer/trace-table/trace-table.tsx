import { parseSort, type Score, type TraceSort, type TraceSortField, type TraceSummary } from '@sightline/core'
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type ReactNode,
  type SyntheticEvent,
} from 'react'
import { formatCount } from '../../format/format'
import { cx } from '../../utils/cx'
import { ErrorAlert } from '../../utils/error-alert'
import { HintProvider } from '../../utils/hint'
import { useControllableState } from '../../utils/use-controllable-state'
import { COLUMN_DEFS, DEFAULT_TRACE_TABLE_COLUMNS, type TraceTableColumn } from './columns'

export interface TraceTableProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect' | 'children'> {
  traces: readonly TraceSummary[]
  /** which columns, in order; the name column is each row's header */
  columns?: readonly TraceTableColumn[] | undefined
  /** scores by trace id, for the feedback and scores columns */
  scores?: Readonly<Record<string, readonly Score[]>> | undefined
  /** the first page is on its way */
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the grid's accessible name */
  label?: string | undefined
  sort?: TraceSort | undefined
  defaultSort?: TraceSort | undefined
  onSortChange?: ((sort: TraceSort) => void) | undefined
  selectedId?: string | null | undefined
  defaultSelectedId?: string | null | undefined
  onSelectedIdChange?: ((id: string | null) => void) | undefined
  /** Click, Enter or Space on a row. Runs first; `event.preventDefault()` keeps the current selection. */
  onSelect?: ((traceId: string, event: SyntheticEvent) => void) | undefined
  hasMore?: boolean | undefined
  loadingMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  /** "button" shows "Load more"; "infinite" also loads when the end of the table scrolls into view */
  pagination?: 'button' | 'infinite' | undefined
  emptyMessage?: ReactNode
  locale?: string | undefined
  timeZone?: string | undefined
  /**
   * Rows checked for an action on several traces (controlled). With this, `defaultCheckedIds`,
   * `onCheckedIdsChange` or `selectionActions` the table gets a checkbox column; `x` on a focused
   * row checks it too.
   */
  checkedIds?: readonly string[] | undefined
  defaultCheckedIds?: readonly string[] | undefined
  onCheckedIdsChange?: ((ids: readonly string[]) => void) | undefined
  /** what to do with the checked traces (e.g. "Add to dataset"), shown in the footer while any is checked */
  selectionActions?: ((ids: readonly string[]) => ReactNode) | undefined
}

const NO_IDS: readonly string[] = []

const ROW_SELECTOR = 'tr[data-trace-id]'
const PAGE_ROWS = 10

const MOVES: Partial<Record<string, (at: number, last: number) => number>> = {
  ArrowDown: (at) => at + 1,
  ArrowUp: (at) => at - 1,
  PageDown: (at) => at + PAGE_ROWS,
  PageUp: (at) => at - PAGE_ROWS,
  Home: () => 0,
  End: (_, last) => last,
}

/** The sort a click on a header asks for: a new column sorts descending, the sorted one flips. */
export function nextSort(current: TraceSort | undefined, field: TraceSortField): TraceSort {
  const { field: now, desc } = parseSort(current)
  if (now !== field) return `-${field}`
  return desc ? field : `-${field}`
}

/**
 * Traces as an ARIA grid, given as data. Rows are one tab stop: arrow keys, PageUp/PageDown, Home
 * and End move between them, Enter or Space opens. Sortable headers are buttons with `aria-sort`.
 */
export function TraceTable(props: TraceTableProps) {
  const {
    traces,
    columns = DEFAULT_TRACE_TABLE_COLUMNS,
    scores,
    loading = false,
    error = null,
    onRetry,
    label = 'Traces',
    sort: sortProp,
    defaultSort = '-startTime',
    onSortChange,
    selectedId: selectedIdProp,
    defaultSelectedId = null,
    onSelectedIdChange,
    onSelect,
    hasMore = false,
    loadingMore = false,
    onLoadMore,
    pagination = 'button',
    emptyMessage = 'No traces match.',
    locale,
    timeZone,
    checkedIds: checkedIdsProp,
    defaultCheckedIds = NO_IDS,
    onCheckedIdsChange,
    selectionActions,
    className,
    ...rest
  } = props
  const checkable = checkedIdsProp !== undefined || onCheckedIdsChange !== undefined || selectionActions !== undefined
  const [checkedIds, setCheckedIds] = useControllableState<readonly string[]>({
    prop: checkedIdsProp,
    defaultProp: defaultCheckedIds,
    onChange: onCheckedIdsChange,
  })
  const checked = useMemo(() => new Set(checkedIds), [checkedIds])
  const toggle = (id: string) => setCheckedIds(checked.has(id) ? checkedIds.filter((x) => x !== id) : [...checkedIds, id])
  // One function for every render, so the memoised rows do not all re-render on a check.
  const toggleRef = useRef(toggle)
  toggleRef.current = toggle
  const onToggle = useCallback((id: string) => toggleRef.current(id), [])

  const [sort, setSort] = useControllableState<TraceSort>({ prop: sortProp, defaultProp: defaultSort, onChange: onSortChange })
  const [selectedId, setSelectedId] = useControllableState<string | null>({
    prop: selectedIdProp,
    defaultProp: defaultSelectedId,
    onChange: onSelectedIdChange,
  })
  const [activeId, setActiveId] = useState<string | null>(null)
  const byId = useMemo(() => new Set(traces.map((t) => t.id)), [traces])
  const tabbableId =
    activeId !== null && byId.has(activeId) ? activeId : selectedId !== null && byId.has(selectedId) ? selectedId : (traces[0]?.id ?? null)
  const { field: sortField, desc } = parseSort(sort)
  const shown = columns.length ? columns : DEFAULT_TRACE_TABLE_COLUMNS

  const rowOf = (target: EventTarget): HTMLTableRowElement | null =>
    target instanceof Element ? target.closest<HTMLTableRowElement>(ROW_SELECTOR) : null

  const select = (row: HTMLTableRowElement, event: SyntheticEvent) => {
    const id = row.dataset.traceId
    if (!id || !byId.has(id)) return
    onSelect?.(id, event)
    if (!event.defaultPrevented) setSelectedId(id)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = rowOf(event.target)
    if (!row || event.target !== row) return
    if (checkable && event.key === 'x' && row.dataset.traceId) {
      toggle(row.dataset.traceId)
      event.preventDefault()
      return
    }
    if (event.key === 'Enter' || event.key === ' ') {
      select(row, event)
      event.preventDefault()
      return
    }
    const move = MOVES[event.key]
    if (!move) return
    event.preventDefault()
    const rows = event.currentTarget.querySelectorAll<HTMLTableRowElement>(ROW_SELECTOR)
    const last = rows.length - 1
    const to = move(Array.prototype.indexOf.call(rows, row) as number, last)
    rows[Math.max(0, Math.min(last, to))]?.focus()
  }

  // Infinite pagination: load the next page when the end of the table comes into view.
  const sentinel = useRef<HTMLDivElement>(null)
  const loadRef = useRef(onLoadMore)
  useEffect(() => {
    loadRef.current = onLoadMore
  })
  const canLoad = pagination === 'infinite' && hasMore && !loadingMore && !error
  useEffect(() => {
    const el = sentinel.current
    if (!canLoad || !el || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadRef.current?.()
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [canLoad])

  const state = loading && traces.length === 0 ? 'loading' : error ? 'error' : traces.length ? 'ready' : 'empty'
  let message: ReactNode = null
  if (error) message = <ErrorAlert className="sl-trace-table__error" what="Could not load traces" error={error} onRetry={onRetry} />
  else if (state === 'loading')
    message = (
      <div role="status" className="sl-trace-table__loading">
        Loading traces…
      </div>
    )
  else if (state === 'empty') message = <div className="sl-trace-table__empty">{emptyMessage}</div>

  return (
    <div {...rest} className={cx('sl-root sl-trace-table', className)} data-state={state}>
      <div className="sl-trace-table__scroll">
        <table className="sl-table" role="grid" aria-label={label} aria-busy={loading || loadingMore || undefined} aria-readonly="true">
          <thead>
            <tr>
              {checkable && (
                <th scope="col" className="sl-col-check">
                  <input
                    type="checkbox"
                    aria-label="Check every loaded trace"
                    checked={traces.length > 0 && traces.every((t) => checked.has(t.id))}
                    onChange={(e) => setCheckedIds(e.currentTarget.checked ? traces.map((t) => t.id) : NO_IDS)}
                  />
                </th>
              )}
              {shown.map((key) => {
                const def = COLUMN_DEFS[key]
                const sorted = def.sort !== undefined && def.sort === sortField
                return (
                  <th
                    key={key}
                    scope="col"
                    className={cx(`sl-col-${key}`, def.numeric && 'sl-num')}
                    aria-sort={sorted ? (desc ? 'descending' : 'ascending') : undefined}
                  >
                    {def.sort ? (
                      <button type="button" className="sl-sort-button" onClick={() => setSort(nextSort(sort, def.sort!))}>
                        {def.title}
                        <span
                          className="sl-sort-button__icon"
                          aria-hidden="true"
                          data-state={sorted ? (desc ? 'descending' : 'ascending') : 'none'}
                        />
                      </button>
                    ) : (
                      def.title
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody
            onClick={(e) => {
              // A row's checkbox checks; it does not open the trace.
              if (e.target instanceof HTMLInputElement && e.target.type === 'checkbox') return
              const row = rowOf(e.target)
              if (row) select(row, e)
            }}
            onKeyDown={onKeyDown}
            onFocus={(e) => {
              const row = rowOf(e.target)
              if (row) setActiveId(row.dataset.traceId ?? null)
            }}
          >
            <HintProvider>
              {traces.map((trace) => (
                <TraceTableRow
                  key={trace.id}
                  trace={trace}
                  columns={shown}
                  scores={scores?.[trace.id]}
                  selected={trace.id === selectedId}
                  checked={checkable ? checked.has(trace.id) : undefined}
                  onCheckedChange={checkable ? onToggle : undefined}
                  tabbable={trace.id === tabbableId}
                  locale={locale}
                  timeZone={timeZone}
                />
              ))}
            </HintProvider>
            {message && (
              <tr className="sl-table__message">
                <td role="gridcell" colSpan={shown.length + (checkable ? 1 : 0)}>
                  {message}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {pagination === 'infinite' && <div ref={sentinel} className="sl-trace-table__sentinel" />}
      </div>
      {traces.length > 0 && (
        <div className="sl-trace-table__footer">
          <span role="status" className="sl-muted sl-trace-table__count">
            {formatCount(traces.length)} {traces.length === 1 ? 'trace' : 'traces'}
            {hasMore ? ' loaded' : ''}
            {checkedIds.length > 0 && `, ${formatCount(checkedIds.length)} checked`}
          </span>
          {checkedIds.length > 0 && (
            <span className="sl-trace-table__selection">
              {selectionActions?.(checkedIds)}
              <button type="button" className="sl-button" onClick={() => setCheckedIds(NO_IDS)}>
                Clear
              </button>
            </span>
          )}
          {hasMore && onLoadMore && (
            <button
              type="button"
              className="sl-button"
              // Stays focusable while busy: a disabled button would drop keyboard focus.
              aria-disabled={loadingMore || undefined}
              onClick={() => {
                if (!loadingMore) onLoadMore()
              }}
            >
              {loadingMore ? 'Loading more…' : 'Load more'}
            </button>
          )}
        </div>
      )}
    </div>
  )
}

interface TraceTableRowProps {
  trace: TraceSummary
  columns: readonly TraceTableColumn[]
  scores: readonly Score[] | undefined
  selected: boolean
  /** undefined: no checkbox column */
  checked: boolean | undefined
  onCheckedChange: ((id: string) => void) | undefined
  tabbable: boolean
  locale: string | undefined
  timeZone: string | undefined
}

// Memoised: a selection change or a poll that changed nothing re-renders no other row.
const TraceTableRow = memo(function TraceTableRow({
  trace,
  columns,
  scores,
  selected,
  checked,
  onCheckedChange,
  tabbable,
  locale,
  timeZone,
}: TraceTableRowProps) {
  const ctx = { scores, locale, timeZone }
  return (
    <tr
      className="sl-table__row"
      data-trace-id={trace.id}
      data-state={selected ? 'selected' : 'unselected'}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
    >
      {checked !== undefined && (
        <td role="gridcell" className="sl-col-check">
          <input
            type="checkbox"
            // The row is the tab stop; `x` on it checks it from the keyboard.
            tabIndex={-1}
            aria-label={`Check ${trace.name ?? trace.id}`}
            checked={checked}
            onChange={() => onCheckedChange?.(trace.id)}
          />
        </td>
      )}
      {columns.map((key) => {
        const def = COLUMN_DEFS[key]
        const className = cx(`sl-col-${key}`, def.numeric && 'sl-num')
        // The whole of a cut cell as a native title: light enough for every cell of every row.
        const title = def.tooltip?.(trace)
        return key === 'name' ? (
          <th key={key} scope="row" className={className} title={trace.id}>
            {def.cell(trace, ctx)}
          </th>
        ) : (
          // Explicit: some tools map a td of a grid table to "cell".
          <td key={key} role="gridcell" className={className} title={title}>
            {def.cell(trace, ctx)}
          </td>
        )
      })}
    </tr>
  )
})
