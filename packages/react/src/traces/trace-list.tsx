import type { TraceSummary } from '@sightline/core'
import {
  memo,
  useMemo,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type ReactNode,
  type SyntheticEvent,
} from 'react'
import { formatCost, formatCount, formatLatency, formatTime, formatTokens, MISSING } from '../format/format'
import { cx } from '../utils/cx'
import { useControllableState } from '../utils/use-controllable-state'

export interface TraceListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect' | 'children'> {
  traces: readonly TraceSummary[]
  /** the first page is on its way */
  loading?: boolean
  error?: Error | string | null
  /** the table's accessible name */
  label?: string
  selectedId?: string | null
  defaultSelectedId?: string | null
  onSelectedIdChange?: (id: string | null) => void
  /** Runs before the selection changes; `event.preventDefault()` keeps the current selection. */
  onSelect?: (trace: TraceSummary, event: SyntheticEvent) => void
  onRetry?: () => void
  /** shows a "Load more" button */
  hasMore?: boolean
  loadingMore?: boolean
  onLoadMore?: () => void
  emptyMessage?: ReactNode
  /** for times; the reader's locale and zone by default */
  locale?: string
  timeZone?: string
}

const COLUMNS: { key: string; title: string; numeric?: boolean }[] = [
  { key: 'time', title: 'Time' },
  { key: 'name', title: 'Name' },
  { key: 'user', title: 'User' },
  { key: 'models', title: 'Models' },
  { key: 'latency', title: 'Latency', numeric: true },
  { key: 'tokens', title: 'Tokens', numeric: true },
  { key: 'cost', title: 'Cost', numeric: true },
  { key: 'status', title: 'Status' },
]

const ROW_SELECTOR = 'tr[data-trace-id]'

/** Row index to focus next, by key; clamped to the rows afterwards. */
const MOVES: Partial<Record<string, (at: number, last: number) => number>> = {
  ArrowDown: (at) => at + 1,
  ArrowUp: (at) => at - 1,
  Home: () => 0,
  End: (_, last) => last,
}

function messageOf(error: Error | string): string {
  return typeof error === 'string' ? error : error.message || error.name
}

/**
 * A table of traces, given as data. Rows are one tab stop: arrow keys, Home and End move between
 * them, Enter or Space selects.
 */
export function TraceList(props: TraceListProps) {
  const {
    traces,
    loading = false,
    error = null,
    label = 'Traces',
    selectedId: selectedIdProp,
    defaultSelectedId = null,
    onSelectedIdChange,
    onSelect,
    onRetry,
    hasMore = false,
    loadingMore = false,
    onLoadMore,
    emptyMessage = 'No traces to show.',
    locale,
    timeZone,
    className,
    ...rest
  } = props

  const [selectedId, setSelectedId] = useControllableState<string | null>({
    prop: selectedIdProp,
    defaultProp: defaultSelectedId,
    onChange: onSelectedIdChange,
  })
  const [activeId, setActiveId] = useState<string | null>(null)

  const byId = useMemo(() => new Map(traces.map((t) => [t.id, t])), [traces])
  // The one row in the tab order: the last focused, else the selected, else the first.
  const tabbableId =
    activeId !== null && byId.has(activeId)
      ? activeId
      : selectedId !== null && byId.has(selectedId)
        ? selectedId
        : (traces[0]?.id ?? null)

  const rowOf = (target: EventTarget): HTMLTableRowElement | null =>
    target instanceof Element ? target.closest<HTMLTableRowElement>(ROW_SELECTOR) : null

  const select = (row: HTMLTableRowElement, event: SyntheticEvent) => {
    const trace = byId.get(row.dataset.traceId ?? '')
    if (!trace) return
    onSelect?.(trace, event)
    if (!event.defaultPrevented) setSelectedId(trace.id)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = rowOf(event.target)
    if (!row || event.target !== row) return
    if (event.key === 'Enter' || event.key === ' ') {
      select(row, event)
      // After select: a consumer's preventDefault is how it vetoes the selection. Space must not scroll.
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

  const state = loading && traces.length === 0 ? 'loading' : error ? 'error' : traces.length ? 'ready' : 'empty'

  let message: ReactNode = null
  if (error)
    message = (
      <div role="alert" className="sl-trace-list__error">
        <span>Could not load traces: {messageOf(error)}</span>
        {onRetry && (
          <button type="button" className="sl-button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    )
  else if (state === 'loading')
    message = (
      <div role="status" className="sl-trace-list__loading">
        Loading traces…
      </div>
    )
  else if (state === 'empty') message = <div className="sl-trace-list__empty">{emptyMessage}</div>

  return (
    <div {...rest} className={cx('sl-root sl-trace-list', className)} data-state={state}>
      <div className="sl-trace-list__scroll">
        <table className="sl-table" aria-label={label} aria-busy={loading || loadingMore || undefined}>
          <caption className="sl-visually-hidden">{label}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={cx(`sl-col-${c.key}`, c.numeric && 'sl-num')}>
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody
            onClick={(e) => {
              const row = rowOf(e.target)
              if (row) select(row, e)
            }}
            onKeyDown={onKeyDown}
            onFocus={(e) => {
              const row = rowOf(e.target)
              if (row) setActiveId(row.dataset.traceId ?? null)
            }}
          >
            {traces.map((trace) => (
              <TraceRow
                key={trace.id}
                trace={trace}
                selected={trace.id === selectedId}
                tabbable={trace.id === tabbableId}
                locale={locale}
                timeZone={timeZone}
              />
            ))}
            {message && (
              <tr className="sl-table__message">
                <td colSpan={COLUMNS.length}>{message}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {traces.length > 0 && (
        <div className="sl-trace-list__footer">
          <span role="status" className="sl-trace-list__count">
            {formatCount(traces.length)} {traces.length === 1 ? 'trace' : 'traces'}
            {hasMore ? ' loaded' : ''}
          </span>
          {hasMore && onLoadMore && (
            <button
              type="button"
              className="sl-button"
              // Stays focusable while busy (a disabled button would drop keyboard focus).
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

interface TraceRowProps {
  trace: TraceSummary
  selected: boolean
  tabbable: boolean
  locale: string | undefined
  timeZone: string | undefined
}

// Memoised so a selection change re-renders two rows, not the whole page.
const TraceRow = memo(function TraceRow({ trace, selected, tabbable, locale, timeZone }: TraceRowProps) {
  const models = trace.models.join(', ')
  const failed = trace.errorCount > 0 ? `${trace.errorCount} failed ${trace.errorCount === 1 ? 'span' : 'spans'}` : ''
  return (
    <tr
      className="sl-table__row"
      data-trace-id={trace.id}
      data-state={selected ? 'selected' : 'unselected'}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
    >
      <td className="sl-col-time">
        <time dateTime={trace.startTime} title={formatTime(trace.startTime, { locale, timeZone })}>
          {formatTime(trace.startTime, { locale, timeZone, length: 'short' })}
        </time>
      </td>
      <th scope="row" className="sl-col-name" title={trace.id}>
        {trace.name ?? <span className="sl-muted">{trace.id}</span>}
      </th>
      <td className="sl-col-user">{trace.userId ?? MISSING}</td>
      <td className="sl-col-models" title={models || undefined}>
        {models || MISSING}
      </td>
      <td className="sl-col-latency sl-num">{formatLatency(trace.latencyMs)}</td>
      <td
        className="sl-col-tokens sl-num"
        title={`${formatCount(trace.inputTokens)} in, ${formatCount(trace.outputTokens)} out`}
      >
        {formatTokens(trace.totalTokens)}
      </td>
      <td className="sl-col-cost sl-num">{formatCost(trace.cost)}</td>
      <td className="sl-col-status">
        <span className="sl-badge" data-status={trace.status} title={failed || undefined}>
          {trace.status === 'error' ? 'Error' : 'OK'}
        </span>
        {/* The count is kept off screen: the column stays narrow, screen readers still hear it. */}
        {failed && <span className="sl-visually-hidden">, {failed}</span>}
      </td>
    </tr>
  )
})
