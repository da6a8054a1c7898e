import type { TraceListQuery } from '@sightline/core'
import {
  ConnectedAddToDatasetButton,
  ConnectedSessionConversation,
  ConnectedTraceTable,
  ConnectedTraceViewer,
  SightlineProvider,
  TraceFilters,
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

const COLUMNS: readonly TraceTableColumn[] = [
  'time',
  'name',
  'input',
  'user',
  'environment',
  'release',
  'models',
  'latency',
  'tokens',
  'cost',
  'feedback',
  'status',
]
/** What the demo data and the playground's own chat write. */
const ENVIRONMENTS = ['production', 'staging', 'playground']
const FILTER_OPTIONS = {
  environment: ENVIRONMENTS,
  name: ['chat', 'rag-qa', 'support-agent', 'summarize', 'playground-chat'],
  model: ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'gemini-1.5-flash', 'text-embedding-3-small'],
  release: ['1.4.0', '1.5.0', '1.6.0', 'dev'],
}

/**
 * The admin page: filters and the trace table, the selected trace in the viewer, and its session.
 * Everything lives in the hash (`#/admin?environment=production&trace=…&span=…`), so any view is a link.
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
  const scopeId = useId()

  const update = (change: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(paramText)
    change(next)
    setParams(next, { replace })
  }
  const setQuery = (q: TraceListQuery) => setParams(traceListQueryToSearchParams(q, paramText))
  const openTrace = (id: string) =>
    update((next) => {
      next.set('trace', id)
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
      <TraceFilters value={query} onValueChange={setQuery} options={FILTER_OPTIONS} />
      <ConnectedTraceTable
        className="pg-explorer__table"
        query={query}
        onQueryChange={setQuery}
        columns={COLUMNS}
        selectedId={traceId}
        onSelect={openTrace}
        selectionActions={(ids) => (
          <SightlineProvider client={manageClient}>
            <ConnectedAddToDatasetButton traceIds={ids} />
          </SightlineProvider>
        )}
      />
      {traceId ? (
        <div className="pg-explorer__trace">
          <ConnectedTraceViewer
            key={traceId}
            traceId={traceId}
            actions={
              // Adding to a dataset needs the secret key: this button goes through the demo backend.
              <SightlineProvider client={manageClient}>
                <ConnectedAddToDatasetButton traceIds={[traceId]} />
              </SightlineProvider>
            }
            selectedSpanId={spanId}
            onSelectedSpanChange={(id) =>
              update((next) => {
                if (id) next.set('span', id)
                else next.delete('span')
              }, true)
            }
          />
          <TraceSession traceId={traceId} onOpenTrace={openTrace} />
        </div>
      ) : (
        <p className="pg-explorer__hint sl-muted">Select a trace to see its spans.</p>
      )}
    </section>
  )
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
