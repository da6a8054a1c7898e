import {
  ConnectedEvaluatorAgreement,
  ConnectedEvaluatorForm,
  ConnectedEvaluatorList,
  ConnectedEvaluatorRuns,
  EvaluatorStatusBadge,
  formatCost,
  formatCount,
  formatLatency,
  SightlineProvider,
  useEvaluator,
} from '@sightline/react'
import { manageClient } from '../shared/manage-client'
import { useHashParams, type SetHashParams } from '../shared/hash-params'
import './evaluators.css'

/**
 * The evaluators page: the project's evaluators on the left; on the right the selected one's runs
 * and its agreement with reviewers, or the form for a new one with its preview. The view lives in
 * the hash (`#/evaluators?evaluator=…&human=…`, `#/evaluators?new`), so every view is a link.
 * Managing evaluators needs the secret key, so the page talks to the demo backend, which adds it,
 * as an internal tool's backend would for its signed-in admins.
 */
export function EvaluatorsPage() {
  const [params, setParams] = useHashParams('evaluators')
  const paramText = params.toString()
  const selectedId = params.get('evaluator')
  const creating = params.has('new')
  const editing = params.has('edit')

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(paramText)
    change(next)
    setParams(next)
  }
  const startNew = () =>
    update((next) => {
      next.delete('evaluator')
      next.delete('edit')
      next.set('new', '')
    })
  const select = (id: string) =>
    update((next) => {
      next.delete('new')
      next.delete('edit')
      next.set('evaluator', id)
    })

  return (
    <div className="pg-evaluators">
      <div className="pg-page-header">
        <h1 tabIndex={-1}>Evaluators</h1>
        <button type="button" className="sl-button sl-button--primary" onClick={startNew} aria-pressed={creating}>
          New evaluator
        </button>
      </div>
      <p className="sl-muted pg-evaluators__note">
        The page manages evaluators through the demo backend, which holds the secret key: your own backend does the same for its signed-in
        admins. The demo's judge is a fake model answered inside the server.
      </p>
      <SightlineProvider client={manageClient}>
        <div className="pg-evaluators__layout">
          <ConnectedEvaluatorList
            className="pg-evaluators__list"
            selectedId={selectedId}
            onSelect={(evaluator) => select(evaluator.id)}
            onCreate={startNew}
          />
          <div className="pg-evaluators__detail">
            {creating ? (
              <ConnectedEvaluatorForm onSaved={(saved) => select(saved.id)} defaultPreviewTraceId={params.get('trace') ?? ''} />
            ) : selectedId ? (
              <EvaluatorDetail id={selectedId} editing={editing} params={params} setParams={setParams} />
            ) : (
              <p className="sl-muted pg-evaluators__hint">
                Pick an evaluator to see its runs and how well it agrees with your reviewers, or create a new one and try it on a trace
                before saving.
              </p>
            )}
          </div>
        </div>
      </SightlineProvider>
    </div>
  )
}

interface EvaluatorDetailProps {
  id: string
  editing: boolean
  params: URLSearchParams
  setParams: SetHashParams
}

function EvaluatorDetail({ id, editing, params, setParams }: EvaluatorDetailProps) {
  const evaluator = useEvaluator(id, { refetchInterval: 15_000 })
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value === null) next.delete(key)
    else next.set(key, value)
    setParams(next, { replace: key === 'human' || key === 'runs' })
  }
  const data = evaluator.data
  return (
    <section className="pg-evaluators__selected" aria-labelledby="pg-evaluator-name">
      <div className="pg-evaluators__selected-header">
        <h2 id="pg-evaluator-name">{data?.name ?? (evaluator.error ? 'Evaluator' : 'Loading…')}</h2>
        {data && <EvaluatorStatusBadge status={data.status} />}
        {data && (
          <button type="button" className="sl-button" aria-pressed={editing} onClick={() => set('edit', editing ? null : '')}>
            {editing ? 'Close editor' : 'Edit'}
          </button>
        )}
      </div>
      {evaluator.error && (
        <p role="alert" className="pg-error">
          Could not load the evaluator: {evaluator.error.message}
        </p>
      )}
      {data?.status === 'paused' && data.pausedReason && <p className="pg-evaluators__paused">Paused: {data.pausedReason}</p>}
      {data?.stats && (
        <dl className="sl-totals pg-evaluators__stats" aria-label="Last 24 hours">
          {(
            [
              ['Done', formatCount(data.stats.done)],
              ['Errors', formatCount(data.stats.errors)],
              ['Skipped', formatCount(data.stats.skipped)],
              ['Pending', formatCount(data.stats.pending)],
              ['Median run', formatLatency(data.stats.p50DurationMs)],
              ['Cost 24 h', formatCost(data.stats.cost24h)],
            ] as const
          ).map(([term, value]) => (
            <div key={term} className="sl-totals__item">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {editing && data ? (
        <ConnectedEvaluatorForm evaluator={data} headingLevel={3} onSaved={() => set('edit', null)} />
      ) : (
        <>
          <ConnectedEvaluatorRuns
            evaluatorId={id}
            headingLevel={3}
            pageSize={20}
            refetchInterval={15_000}
            status={(params.get('runs') as 'all' | 'pending' | 'done' | 'error' | 'skipped' | null) ?? 'all'}
            onStatusChange={(status) => set('runs', status === 'all' ? null : status)}
            traceHref={(run) => `#/admin?${new URLSearchParams({ trace: run.traceId, ...(run.spanId && { span: run.spanId }) })}`}
          />
          <ConnectedEvaluatorAgreement
            evaluatorId={id}
            headingLevel={3}
            humanScoreName={params.get('human') ?? ''}
            onHumanScoreNameChange={(name) => set('human', name || null)}
          />
        </>
      )}
    </section>
  )
}
