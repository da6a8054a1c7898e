import { ConnectedTraceList, SightlineProvider } from '@sightline/react'
import { useState } from 'react'
import { TraceDetailPanel } from './trace-detail-panel'
import { createTokenSource, fetchViewToken } from './token-source'

export function AdminPage() {
  const [getToken] = useState(() => createTokenSource(fetchViewToken))
  const [selectedId, setSelectedId] = useState<string | null>(null)

  return (
    <SightlineProvider baseUrl="" getToken={getToken}>
      <section className="pg-admin" aria-labelledby="admin-title">
        <div className="pg-page-header">
          <h1 id="admin-title" tabIndex={-1}>
            Admin
          </h1>
        </div>
        <div className="pg-admin__panes">
          <ConnectedTraceList
            className="pg-admin__list"
            query={{ limit: 50 }}
            selectedId={selectedId}
            onSelectedIdChange={setSelectedId}
          />
          {/* Focusable because it scrolls on its own: keyboard users must be able to scroll it. */}
          <aside className="pg-admin__detail" aria-label="Trace detail" tabIndex={0}>
            {selectedId ? (
              <TraceDetailPanel traceId={selectedId} />
            ) : (
              <p className="pg-detail__message sl-muted">Select a trace to see its detail.</p>
            )}
          </aside>
        </div>
      </section>
    </SightlineProvider>
  )
}
