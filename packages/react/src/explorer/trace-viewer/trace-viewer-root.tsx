import { ancestorIds, buildSpanModel, searchSpans, visibleRows, type Score } from '@sightline/core'
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react'
import { cx } from '../../utils/cx'
import { ErrorAlert } from '../../utils/error-alert'
import { HintProvider } from '../../utils/hint'
import { isNotFound } from '../../utils/not-found'
import { useControllableState } from '../../utils/use-controllable-state'
import { createViewportStore, TraceViewerContext, type SpanDetailState, type TraceViewerContextValue } from './context'
import { TraceViewerLayout } from './trace-viewer-layout'
import type { ViewerSpan, ViewerTrace } from './viewer-span'

export interface TraceViewerRootProps extends Omit<ComponentPropsWithoutRef<'article'>, 'children'> {
  trace?: ViewerTrace | null | undefined
  /** skeletons or full spans, in any order */
  spans?: readonly ViewerSpan[] | undefined
  scores?: readonly Score[] | undefined
  /** the trace is on its way */
  loading?: boolean | undefined
  /** a failed load; an error with status 404 (as the client throws) shows the "trace not found" state */
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the trace id asked for, named in the "trace not found" state */
  traceId?: string | undefined
  selectedSpanId?: string | null | undefined
  defaultSelectedSpanId?: string | null | undefined
  onSelectedSpanChange?: ((spanId: string | null) => void) | undefined
  /** the span search (filters and highlights the tree by name, model, type, provider) */
  search?: string | undefined
  defaultSearch?: string | undefined
  onSearchChange?: ((search: string) => void) | undefined
  /** the selected span's payloads when `spans` are skeletons */
  spanDetail?: SpanDetailState | undefined
  locale?: string | undefined
  timeZone?: string | undefined
  /** the host's actions for the trace (e.g. "Add to dataset"), shown in the header */
  actions?: ReactNode
  /** the parts; left out, the viewer shows them all in their usual places (TraceViewer.Layout) */
  children?: ReactNode
}

const NO_SPANS: readonly ViewerSpan[] = []
const NO_SCORES: readonly Score[] = []

/** Holds one trace's spans, the tree's expansion, the selection and the search for the viewer's parts. */
export function TraceViewerRoot(props: TraceViewerRootProps) {
  const {
    trace = null,
    spans = NO_SPANS,
    scores = NO_SCORES,
    loading = false,
    error = null,
    onRetry,
    traceId,
    selectedSpanId,
    defaultSelectedSpanId = null,
    onSelectedSpanChange,
    search: searchProp,
    defaultSearch = '',
    onSearchChange,
    spanDetail,
    locale,
    timeZone,
    actions,
    children,
    className,
    ...rest
  } = props

  const [selectedId, select] = useControllableState<string | null>({
    prop: selectedSpanId,
    defaultProp: defaultSelectedSpanId,
    onChange: onSelectedSpanChange,
  })
  const [search, setSearch] = useControllableState({ prop: searchProp, defaultProp: defaultSearch, onChange: onSearchChange })

  const model = useMemo(() => buildSpanModel(spans), [spans])
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set())
  // Searching 50,000 spans must not hold up typing.
  const deferredSearch = useDeferredValue(search)
  const searchResult = useMemo(() => searchSpans(model, deferredSearch), [model, deferredSearch])
  const rows = useMemo(() => visibleRows(model, collapsed, searchResult?.keep ?? null), [model, collapsed, searchResult])
  const indexOf = useMemo(() => {
    if (rows === model.order) return model.orderIndex
    const map = new Map<string, number>()
    for (let i = 0; i < rows.length; i++) map.set(rows[i]!.span.id, i)
    return map
  }, [rows, model])

  const [activeId, setActiveId] = useState<string | null>(null)

  const setExpanded = useCallback((id: string, expanded: boolean) => {
    setCollapsed((prev) => {
      if (prev.has(id) === !expanded) return prev
      const next = new Set(prev)
      if (expanded) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])
  const expandAll = useCallback(() => setCollapsed(new Set()), [])
  const collapseAll = useCallback(() => setCollapsed(new Set(model.parents)), [model])

  // A selected span (a deep link, a click in the timeline) is revealed once: its collapsed ancestors open.
  const revealed = useRef<string | null>(null)
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId || !model.places.has(selectedId)) return
    revealed.current = selectedId
    const ancestors = new Set(ancestorIds(model, selectedId))
    setCollapsed((prev) => {
      if (![...ancestors].some((id) => prev.has(id))) return prev
      return new Set([...prev].filter((id) => !ancestors.has(id)))
    })
  }, [selectedId, model])

  // When the active row is hidden (its parent collapsed), the nearest shown ancestor takes its place.
  const shownActiveId = useMemo(() => {
    if (activeId === null || indexOf.has(activeId)) return activeId
    return ancestorIds(model, activeId).find((id) => indexOf.has(id)) ?? null
  }, [activeId, indexOf, model])

  const [viewport] = useState(createViewportStore)

  const idPrefix = useId()
  const value = useMemo<TraceViewerContextValue>(
    () => ({
      trace,
      spans,
      scores,
      loading,
      error,
      onRetry,
      model,
      rows,
      indexOf,
      collapsed,
      filtering: searchResult !== null,
      setExpanded,
      expandAll,
      collapseAll,
      selectedId,
      select,
      activeId: shownActiveId,
      setActiveId,
      search,
      setSearch,
      searchResult,
      spanDetail,
      locale,
      timeZone,
      actions,
      idPrefix,
      viewport,
    }),
    [
      trace,
      spans,
      scores,
      loading,
      error,
      onRetry,
      model,
      rows,
      indexOf,
      collapsed,
      searchResult,
      setExpanded,
      expandAll,
      collapseAll,
      selectedId,
      select,
      shownActiveId,
      search,
      setSearch,
      spanDetail,
      locale,
      timeZone,
      actions,
      idPrefix,
      viewport,
    ],
  )

  const notFound = !trace && isNotFound(error)
  const state = trace ? 'ready' : notFound ? 'not-found' : error ? 'error' : loading ? 'loading' : 'empty'
  let body: ReactNode
  if (notFound) body = <TraceNotFound traceId={traceId} onRetry={onRetry} />
  else if (!trace && error)
    body = <ErrorAlert className="sl-trace-viewer__message sl-error-text" what="Could not load the trace" error={error} onRetry={onRetry} />
  else if (!trace)
    body = loading ? (
      <div role="status" className="sl-trace-viewer__message">
        Loading trace…
      </div>
    ) : (
      <div className="sl-trace-viewer__message sl-muted">No trace to show.</div>
    )
  else body = children ?? <TraceViewerLayout />

  return (
    <TraceViewerContext.Provider value={value}>
      <article
        aria-label={trace ? `Trace ${trace.name ?? trace.id}` : 'Trace'}
        aria-busy={loading || undefined}
        {...rest}
        className={cx('sl-root sl-trace-viewer', className)}
        data-state={state}
        data-trace-id={trace?.id}
      >
        <HintProvider>{body}</HintProvider>
      </article>
    </TraceViewerContext.Provider>
  )
}

/** The server has no such trace: say so plainly, with the likely reasons, and let the reader look again. */
function TraceNotFound({ traceId, onRetry }: { traceId: string | undefined; onRetry: (() => void) | undefined }) {
  return (
    <div className="sl-trace-viewer__message sl-trace-viewer__not-found">
      <h2>Trace not found</h2>
      <p>
        {traceId ? (
          <>
            No trace with the id <code>{traceId}</code> is visible here.
          </>
        ) : (
          'This trace is not visible here.'
        )}{' '}
        It may not have arrived yet (spans can take a few seconds), it may belong to another project or environment, or the link may be
        mistyped.
      </p>
      {onRetry && (
        <button type="button" className="sl-button" onClick={onRetry}>
          Look again
        </button>
      )}
    </div>
  )
}
