import { buildSpanTree, flattenSpanTree, type JsonValue } from '@sightline/core'
import { formatCost, formatCount, formatLatency, formatTime, useTrace } from '@sightline/react'
import { useMemo, type CSSProperties } from 'react'
import { ScoreList } from './score-list'

function show(value: JsonValue | null): string {
  if (value === null) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** A first look at one trace; the full trace viewer replaces it later. */
export function TraceDetailPanel({ traceId }: { traceId: string }) {
  const { data, error, isPending } = useTrace(traceId)
  const spans = useMemo(() => (data ? flattenSpanTree(buildSpanTree(data.spans)) : []), [data])

  if (isPending)
    return (
      <p role="status" className="pg-detail__message">
        Loading trace…
      </p>
    )
  if (error)
    return (
      <p role="alert" className="pg-error">
        Could not load trace: {error.message}
      </p>
    )

  const { trace } = data
  return (
    <article className="pg-detail" aria-labelledby="trace-detail-title" data-trace-id={trace.id}>
      <h2 id="trace-detail-title">{trace.name ?? trace.id}</h2>
      <dl className="pg-detail__totals">
        <dt>Started</dt>
        <dd>
          <time dateTime={trace.startTime}>{formatTime(trace.startTime)}</time>
        </dd>
        <dt>Status</dt>
        <dd>
          <span className="sl-badge" data-status={trace.status}>
            {trace.status === 'error' ? 'Error' : 'OK'}
          </span>
        </dd>
        <dt>Latency</dt>
        <dd>{formatLatency(trace.latencyMs)}</dd>
        <dt>Tokens</dt>
        <dd>
          {formatCount(trace.totalTokens)} ({formatCount(trace.inputTokens)} in, {formatCount(trace.outputTokens)} out)
        </dd>
        <dt>Cost</dt>
        <dd>{formatCost(trace.cost)}</dd>
        <dt>Spans</dt>
        <dd>
          {formatCount(trace.spanCount)}
          {trace.errorCount > 0 && `, ${formatCount(trace.errorCount)} failed`}
        </dd>
        <dt>User</dt>
        <dd>{trace.userId ?? '—'}</dd>
        <dt>Session</dt>
        <dd>{trace.sessionId ?? '—'}</dd>
      </dl>

      <h3>Scores</h3>
      <ScoreList scores={data.scores} />

      <h3>Input</h3>
      <pre className="pg-detail__payload" tabIndex={0}>
        {show(trace.input)}
      </pre>
      <h3>Output</h3>
      <pre className="pg-detail__payload" tabIndex={0}>
        {show(trace.output)}
      </pre>

      <h3>Spans</h3>
      {spans.length === 0 ? (
        <p className="sl-muted">No spans.</p>
      ) : (
        <ol className="pg-detail__spans">
          {spans.map(({ span, depth }) => (
            <li key={span.id} style={{ '--pg-depth': depth } as CSSProperties} data-span-id={span.id}>
              <span className="pg-detail__span-name">{span.name}</span>{' '}
              <span className="sl-muted">
                {span.type}
                {span.model ? ` · ${span.model}` : ''}
                {span.latencyMs != null ? ` · ${formatLatency(span.latencyMs)}` : ''}
              </span>
              {span.status === 'error' && (
                <span className="sl-badge" data-status="error">
                  Error
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </article>
  )
}
