import type { TraceListQuery } from '@sightline/core'
import {
  ConnectedAddToDatasetButton,
  ConnectedAddToQueueButton,
  ConnectedSessionConversation,
  ConnectedTraceExplorer,
  SightlineProvider,
  TRACE_TABLE_COLUMNS,
  traceListQueryFromSearchParams,
  traceListQueryToSearchParams,
  useTraceSkeleton,
  type TraceTableColumn,
} from '@sightline/react'
import { useId, useMemo } from 'react'
import './admin.css'
import { manageClient } from '../shared/manage-client'
import { createTokenSource, fetchViewToken } from './token-source'
import { useHashParams } from './use-hash-params'

/** The table's columns unless the hash says otherwise (the "Columns" menu adds release, tags, scores…). */
const COLUMNS: readonly TraceTableColumn[] = [
  'time',
  'name',
  'input',
  'user',
  'environment',
  'models',
  'latency',
  'tokens',
  'cost',
  'feedback',
  'status',
]
/** What the demo data and the playground's own chat write. */
const ENVIRONMENTS = ['production', 'staging', 'playground']

/**
 * The admin page: the trace explorer (filters and the trace table beside the open trace and its session).
 * Everything lives in the hash (`#/admin?environment=production&trace=…&span=…&columns=…`), so any view is a link.
 * `viewerEnvironment=…` asks the demo backend for a view token narrowed to one environment.
 */
export function AdminPage() {
  const [params, setParams] = useHashParams('admin')
  const viewerEnvironment = params.get('viewerEnvironment') || null
  // One token source per scope; the provider is keyed by it so nothing cached under another token shows.
  const getToken = useMemo(() => createTokenSource(() => fetchViewToken(viewerEnvironment)), [viewerEnvironment])

  return (
    <SightlineProvider key={viewerEnvironment ?? ''} baseUrl="" getToken={getToken}>
      <Explorer params={params} setParams={setParams} viewerEnvironment={viewerEnvironment} />
    </SightlineProvider>
  )
}

interface ExplorerProps {
  params: URLSearchParams
  setParams: ReturnType<typeof useHashParams>[1]
  viewerEnvironment: string | null
}

function Explorer({ params, setParams, viewerEnvironment }: ExplorerProps) {
  const paramText = params.toString()
  const query = useMemo(() => traceListQueryFromSearchParams(new URLSearchParams(paramText)).query, [paramText])
  const traceId = params.get('trace')
  const spanId = params.get('span')
  const columns = useMemo(() => columnsFrom(params.get('columns')), [params])
  const scopeId = useId()

  const update = (change: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(paramText)
    change(next)
    setParams(next, { replace })
  }
  const openTrace = (id: string | null) =>
    update((next) => {
      if (id) next.set('trace', id)
      else next.delete('trace')
      next.delete('span')
    })

  return (
    <section className="pg-admin pg-explorer" aria-labelledby="admin-title">
      <div className="pg-page-header">
        <h1 id="admin-title" tabIndex={-1}>
          Admin
        </h1>
        <div className="pg-explorer__scope">
          <label htmlFor={scopeId}>View token scope</label>
          <select
            id={scopeId}
            className="sl-input"
            value={viewerEnvironment ?? ''}
            onChange={(e) =>
              update((next) => {
                if (e.target.value) next.set('viewerEnvironment', e.target.value)
                else next.delete('viewerEnvironment')
                next.delete('trace')
                next.delete('span')
              })
            }
          >
            <option value="">All environments</option>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                Only {env}
              </option>
            ))}
          </select>
        </div>
      </div>
      {viewerEnvironment && (
        <p className="pg-explorer__note" role="note">
          This page holds a view token narrowed to the <strong>{viewerEnvironment}</strong> environment: the server shows it nothing else,
          whatever the filters ask for.
        </p>
      )}
      <ConnectedTraceExplorer
        className="pg-explorer__explorer"
        query={query}
        onQueryChange={(q: TraceListQuery) => setParams(traceListQueryToSearchParams(q, paramText))}
        traceId={traceId}
        onTraceIdChange={openTrace}
        spanId={spanId}
        onSpanIdChange={(id) =>
          update((next) => {
            if (id) next.set('span', id)
            else next.delete('span')
          }, true)
        }
        columns={columns}
        onColumnsChange={(next) =>
          update((p) => {
            if (next.join(',') === COLUMNS.join(',')) p.delete('columns')
            else p.set('columns', next.join(','))
          }, true)
        }
        serverUrl={location.origin}
        traceActions={(id) => (
          // Adding to a review queue or a dataset needs the secret key: these buttons go through the demo backend.
          <SightlineProvider client={manageClient}>
            <ConnectedAddToQueueButton traceIds={[id]} />
            <ConnectedAddToDatasetButton traceIds={[id]} />
          </SightlineProvider>
        )}
        traceFooter={(id) => <TraceSession traceId={id} onOpenTrace={openTrace} />}
        selectionActions={(ids) => (
          <SightlineProvider client={manageClient}>
            <ConnectedAddToQueueButton traceIds={ids} />
            <ConnectedAddToDatasetButton traceIds={ids} />
          </SightlineProvider>
        )}
      />
    </section>
  )
}

/** The columns kept in the hash (`columns=time,name,…`), or the page's default. */
function columnsFrom(text: string | null): readonly TraceTableColumn[] {
  const chosen = (text ?? '').split(',').filter((c): c is TraceTableColumn => (TRACE_TABLE_COLUMNS as readonly string[]).includes(c))
  return chosen.length ? chosen : COLUMNS
}

/** The conversation the trace belongs to, when it has a session (read from the viewer's cached skeleton). */
function TraceSession({ traceId, onOpenTrace }: { traceId: string; onOpenTrace: (id: string) => void }) {
  const sessionId = useTraceSkeleton(traceId).data?.trace.sessionId
  if (!sessionId) return null
  return (
    <ConnectedSessionConversation
      className="pg-explorer__session"
      sessionId={sessionId}
      currentTraceId={traceId}
      onOpenTrace={onOpenTrace}
    />
  )
}
