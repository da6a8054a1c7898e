import type { TraceListQuery } from '@sightline/core'
import type { ReactNode } from 'react'
import { useControllableState } from '../../utils/use-controllable-state'
import { FirstTraceGuide } from '../first-trace/first-trace-guide'
import { ConnectedTraceFilters } from '../trace-filters/connected-trace-filters'
import type { TraceFiltersOptions } from '../trace-filters/trace-filters'
import { DEFAULT_TRACE_TABLE_COLUMNS, type TraceTableColumn } from '../trace-table/columns'
import { ConnectedTraceTable } from '../trace-table/connected-trace-table'
import type { TraceTableProps } from '../trace-table/trace-table'
import { ConnectedTraceViewer } from '../trace-viewer/connected-trace-viewer'
import { TraceViewer } from '../trace-viewer/trace-viewer'
import { ColumnPicker } from './column-picker'
import { TraceExplorer, type TraceExplorerProps } from './trace-explorer'

export interface ConnectedTraceExplorerProps extends Omit<TraceExplorerProps, 'toolbar' | 'table' | 'viewer' | 'onClose' | 'viewerLabel'> {
  /** filters and sort (controlled); every change comes through onQueryChange */
  query?: TraceListQuery | undefined
  defaultQuery?: TraceListQuery | undefined
  onQueryChange?: ((query: TraceListQuery) => void) | undefined
  /** the open trace (controlled); null: none */
  traceId?: string | null | undefined
  defaultTraceId?: string | null | undefined
  onTraceIdChange?: ((traceId: string | null) => void) | undefined
  /** the open trace's selected span (controlled), for deep links */
  spanId?: string | null | undefined
  defaultSpanId?: string | null | undefined
  onSpanIdChange?: ((spanId: string | null) => void) | undefined
  /** the table's columns (controlled); the "Columns" menu changes them */
  columns?: readonly TraceTableColumn[] | undefined
  defaultColumns?: readonly TraceTableColumn[] | undefined
  onColumnsChange?: ((columns: readonly TraceTableColumn[]) => void) | undefined
  /** beside an open trace the table keeps only those of its columns that are in this list */
  compactColumns?: readonly TraceTableColumn[] | undefined
  /** values the filter fields suggest before the server's (which come as a field is used) */
  filterOptions?: TraceFiltersOptions | undefined
  /** poll for new traces and running ones; true by default */
  live?: boolean | number | undefined
  /** the host's actions for the open trace, in the viewer's header (e.g. "Add to dataset") */
  traceActions?: ((traceId: string) => ReactNode) | undefined
  /** under the open trace's viewer (e.g. its session) */
  traceFooter?: ((traceId: string) => ReactNode) | undefined
  /** actions on checked rows; gives the table its checkbox column */
  selectionActions?: TraceTableProps['selectionActions']
  /** the server's address for the empty table's first-trace guide; the page's origin by default */
  serverUrl?: string | undefined
  /** more in the toolbar, after the filters and the column picker */
  toolbarExtra?: ReactNode
}

/** Beside an open trace: when, what, how it went, what it cost and what users said. */
export const DEFAULT_COMPACT_COLUMNS: readonly TraceTableColumn[] = ['time', 'name', 'status', 'feedback', 'cost']

const NO_FILTER_KEYS = new Set(['sort', 'limit', 'cursor'])
const hasFilters = (query: TraceListQuery) =>
  Object.entries(query).some(([key, value]) => !NO_FILTER_KEYS.has(key) && value !== undefined && value !== '')

/**
 * The whole trace explorer through the provider's client: filters and a column picker over the
 * trace table and the open trace's viewer, side by side on wide screens. Query, open trace, span
 * and columns are each controlled or not, so a host can keep them in its URL. An empty project's
 * table shows how to send a first trace.
 */
export function ConnectedTraceExplorer(props: ConnectedTraceExplorerProps) {
  const {
    query: queryProp,
    defaultQuery = {},
    onQueryChange,
    traceId: traceIdProp,
    defaultTraceId = null,
    onTraceIdChange,
    spanId: spanIdProp,
    defaultSpanId = null,
    onSpanIdChange,
    columns: columnsProp,
    defaultColumns = DEFAULT_TRACE_TABLE_COLUMNS,
    onColumnsChange,
    compactColumns = DEFAULT_COMPACT_COLUMNS,
    filterOptions,
    live = true,
    traceActions,
    traceFooter,
    selectionActions,
    serverUrl,
    toolbarExtra,
    ...rest
  } = props
  const [query, setQuery] = useControllableState<TraceListQuery>({ prop: queryProp, defaultProp: defaultQuery, onChange: onQueryChange })
  const [traceId, setTraceId] = useControllableState<string | null>({
    prop: traceIdProp,
    defaultProp: defaultTraceId,
    onChange: onTraceIdChange,
  })
  const [spanId, setSpanId] = useControllableState<string | null>({
    prop: spanIdProp,
    defaultProp: defaultSpanId,
    onChange: onSpanIdChange,
  })
  const [columns, setColumns] = useControllableState<readonly TraceTableColumn[]>({
    prop: columnsProp,
    defaultProp: defaultColumns,
    onChange: onColumnsChange,
  })
  const compact = columns.filter((c) => compactColumns.includes(c))
  const shownColumns = traceId && compact.length > 0 ? compact : columns
  const filtered = hasFilters(query)
  const close = () => {
    setSpanId(null)
    setTraceId(null)
  }

  return (
    <TraceExplorer
      {...rest}
      toolbar={
        <>
          <ConnectedTraceFilters value={query} onValueChange={setQuery} options={filterOptions} />
          <ColumnPicker value={columns} onValueChange={setColumns} />
          {toolbarExtra}
        </>
      }
      table={
        <ConnectedTraceTable
          query={query}
          onQueryChange={setQuery}
          columns={shownColumns}
          live={live}
          selectedId={traceId}
          onSelect={(id) => {
            if (id !== traceId) setSpanId(null)
            setTraceId(id)
          }}
          selectionActions={selectionActions}
          emptyMessage={
            filtered ? (
              <span className="sl-trace-explorer__no-match">
                No traces match these filters.{' '}
                <button type="button" className="sl-button" onClick={() => setQuery(query.sort ? { sort: query.sort } : {})}>
                  Clear filters
                </button>
              </span>
            ) : (
              <FirstTraceGuide serverUrl={serverUrl} headingLevel={3} />
            )
          }
        />
      }
      viewer={
        traceId ? (
          <>
            <ConnectedTraceViewer
              key={traceId}
              traceId={traceId}
              live={live}
              actions={
                <>
                  {traceActions?.(traceId)}
                  <button type="button" className="sl-button" onClick={close}>
                    Close<span className="sl-visually-hidden"> trace</span>
                  </button>
                </>
              }
              selectedSpanId={spanId}
              onSelectedSpanChange={setSpanId}
            >
              {/* The spans come right after the header, so they show without scrolling; scores follow them. */}
              <TraceViewer.Header />
              <TraceViewer.Toolbar />
              <div className="sl-trace-viewer__body">
                <div className="sl-trace-viewer__panes">
                  <TraceViewer.Tree />
                  <TraceViewer.Timeline />
                </div>
                <TraceViewer.Detail />
              </div>
              <TraceViewer.Scores />
            </ConnectedTraceViewer>
            {traceFooter?.(traceId)}
          </>
        ) : null
      }
    />
  )
}
