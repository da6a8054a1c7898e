import {
  ConnectedAddToDatasetButton,
  ConnectedAnnotationQueue,
  ConnectedQueueList,
  ConnectedQueueStats,
  SightlineProvider,
} from '@sightline/react'
import { useEffect, useMemo, useState } from 'react'
import { createTokenSource } from '../shared/view-token'
import { useHashParams } from '../shared/hash-params'
import { manageClient } from '../shared/manage-client'
import { fetchAnnotateToken, fetchReviewQueueId } from './annotate-token'
import './review.css'

export const DEFAULT_REVIEWER = 'demo-reviewer'

function useReviewQueueId(): { queueId: string | null; error: string | null } {
  const [state, setState] = useState<{ queueId: string | null; error: string | null }>({ queueId: null, error: null })
  useEffect(() => {
    let live = true
    fetchReviewQueueId().then(
      (queueId) => live && setState({ queueId, error: null }),
      (err: unknown) => live && setState({ queueId: null, error: (err as Error).message }),
    )
    return () => {
      live = false
    }
  }, [])
  return state
}

/**
 * The review page: who reviews (kept in the hash, `#/review?reviewer=ann`), the queues, the demo
 * queue's statistics and the queue itself. The browser holds only an annotate token for that
 * reviewer, refreshed before it expires.
 */
export function ReviewPage() {
  const [params, setParams] = useHashParams('review')
  const reviewer = params.get('reviewer')?.trim() || DEFAULT_REVIEWER
  const [draft, setDraft] = useState(reviewer)
  useEffect(() => setDraft(reviewer), [reviewer])
  const { queueId: demoQueueId, error } = useReviewQueueId()
  // The demo's token reviews only its own queue; another queue opened here shows the server's refusal.
  const queueId = params.get('queue') || demoQueueId
  // One token source per reviewer; the provider is keyed by it so no cache crosses reviewers.
  const getToken = useMemo(() => createTokenSource(() => fetchAnnotateToken(reviewer)), [reviewer])

  return (
    <div className="pg-review">
      <div className="pg-page-header">
        <h1 id="review-title" tabIndex={-1}>
          Review
        </h1>
        <form
          className="pg-review__reviewer"
          onSubmit={(e) => {
            e.preventDefault()
            const next = new URLSearchParams(params)
            next.set('reviewer', draft.trim() || DEFAULT_REVIEWER)
            setParams(next)
          }}
        >
          <label htmlFor="pg-reviewer">Reviewer</label>
          <input id="pg-reviewer" value={draft} maxLength={256} autoComplete="off" onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="sl-button" disabled={draft.trim() === reviewer}>
            Review as {draft.trim() || DEFAULT_REVIEWER}
          </button>
        </form>
      </div>
      {error && (
        <p role="alert" className="pg-error">
          Could not start reviewing: {error}
        </p>
      )}
      {queueId && (
        <SightlineProvider key={reviewer} baseUrl="" getToken={getToken}>
          <div className="pg-review__layout">
            <ConnectedAnnotationQueue
              queueId={queueId}
              className="pg-review__queue"
              itemActions={(task) => (
                // Adding to a dataset needs the secret key: this button goes through the demo backend.
                <SightlineProvider client={manageClient}>
                  <ConnectedAddToDatasetButton traceIds={[task.item.traceId]} />
                </SightlineProvider>
              )}
            />
            <aside className="pg-review__side" aria-label="Queues and statistics">
              <ConnectedQueueList
                currentQueueId={queueId}
                headingLevel={2}
                onOpen={(queue) => {
                  const next = new URLSearchParams(params)
                  if (queue.id === demoQueueId) next.delete('queue')
                  else next.set('queue', queue.id)
                  setParams(next)
                  document.getElementById('review-title')?.focus()
                }}
              />
              <ConnectedQueueStats queueId={queueId} headingLevel={2} />
            </aside>
          </div>
        </SightlineProvider>
      )}
    </div>
  )
}
