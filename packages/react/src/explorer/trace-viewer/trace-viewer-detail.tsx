import type { JsonValue, Span } from '@sightline/core'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { formatCost, formatCount, formatLatency, formatTime, MISSING } from '../../format/format'
import { CopyButton } from '../../utils/copy-button'
import { cx } from '../../utils/cx'
import { ErrorAlert } from '../../utils/error-alert'
import { JsonViewer } from '../content/json-viewer'
import { PayloadView } from '../content/payload-view'
import { ScoreList } from '../scores/score-list'
import { useTraceViewerContext } from './context'
import { epochMs, type ViewerSpan } from './viewer-span'
import { spanTypeAttr } from './trace-viewer-tree'

export interface TraceViewerDetailProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  emptyMessage?: ReactNode
}

const isFull = (span: ViewerSpan): span is Span => 'input' in span

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * The selected span: conversation or payloads, timing, model and parameters, usage and cost, status
 * and error message, attributes, and its scores. Payloads of skeleton spans come from `spanDetail`.
 */
export function TraceViewerDetail({ emptyMessage = 'Select a span to see its detail.', className, ...rest }: TraceViewerDetailProps) {
  const { model, selectedId, spanDetail, scores, locale, timeZone, idPrefix } = useTraceViewerContext('Detail')
  const node = selectedId ? model.tree.byId.get(selectedId) : undefined
  const titleId = `${idPrefix}-detail`
  if (!node)
    return (
      <section {...rest} className={cx('sl-span-detail', className)} aria-label="Span detail" data-state="empty">
        <p className="sl-muted">{emptyMessage}</p>
      </section>
    )

  const base = node.span.span
  const full = isFull(base) ? base : spanDetail?.span?.id === base.id ? spanDetail.span : null
  const pending = !full && !!spanDetail?.loading
  const failed = !full && spanDetail?.error ? spanDetail.error : null
  const span: ViewerSpan = full ?? base
  const start = epochMs(span.startTime)
  const firstToken = span.completionStartTime != null ? epochMs(span.completionStartTime) - start : null
  const spanScores = scores.filter((s) => s.spanId === span.id)
  const sizes = isFull(base) ? null : base

  const payload = (label: string, value: JsonValue | null | undefined, size: number | undefined) => {
    const id = `${titleId}-${label.toLowerCase().replace(/\s+/g, '-')}`
    return (
      <section className="sl-span-detail__section" aria-labelledby={id}>
        <h4 id={id}>
          {label}
          {size !== undefined && size > 0 && <span className="sl-muted sl-span-detail__size"> · {formatBytes(size)}</span>}
        </h4>
        {full ? (
          <PayloadView value={value} label={label} />
        ) : failed ? (
          <ErrorAlert className="sl-error-text" what="Could not load the span" error={failed} onRetry={spanDetail?.onRetry} />
        ) : pending ? (
          <p role="status" className="sl-muted">
            Loading {label.toLowerCase()}…
          </p>
        ) : (
          <p className="sl-muted">{size === 0 ? 'None' : 'Not loaded.'}</p>
        )}
      </section>
    )
  }

  return (
    <section
      {...rest}
      className={cx('sl-span-detail', className)}
      aria-labelledby={titleId}
      data-span-id={span.id}
      data-state={pending ? 'loading' : 'ready'}
    >
      <div className="sl-span-detail__title">
        <h3 id={titleId}>{span.name}</h3>
        <span className="sl-type-badge" data-type={spanTypeAttr(span.type)}>
          {span.type}
        </span>
        <span className="sl-badge" data-status={span.status}>
          {span.status === 'error' ? 'Error' : 'OK'}
        </span>
        {node.orphan && <span className="sl-flag">Orphan: its parent span is not in the trace</span>}
        {node.cycle && <span className="sl-flag">Cycle: its parent link was cut</span>}
      </div>
      {span.status === 'error' && (
        <div className="sl-span-detail__error">
          <strong>Error</strong>
          {span.statusMessage ? <p>{span.statusMessage}</p> : <p className="sl-muted">No message.</p>}
        </div>
      )}
      <dl className="sl-totals">
        <Field term="Started">
          <time dateTime={Number.isFinite(start) ? new Date(start).toISOString() : undefined}>
            {formatTime(start, { locale, timeZone })}
          </time>
        </Field>
        <Field term="Latency">{span.endTime != null ? formatLatency(span.latencyMs) : 'Running'}</Field>
        {firstToken !== null && <Field term="Time to first token">{formatLatency(firstToken)}</Field>}
        {span.model && <Field term="Model">{span.model}</Field>}
        {span.provider && <Field term="Provider">{span.provider}</Field>}
        {span.usage && (
          <Field term="Tokens">
            {formatCount(span.usage.total ?? (span.usage.input ?? 0) + (span.usage.output ?? 0))}
            <span className="sl-muted">
              {' '}
              (
              {[
                ['in', span.usage.input],
                ['out', span.usage.output],
                ['cache read', span.usage.cacheRead],
                ['cache write', span.usage.cacheWrite],
                ['reasoning', span.usage.reasoning],
              ]
                .filter(([, n]) => n != null)
                .map(([name, n]) => `${formatCount(n as number)} ${name}`)
                .join(', ')}
              )
            </span>
          </Field>
        )}
        {span.cost && (
          <Field term="Cost">
            {formatCost(span.cost.total)}
            <span className="sl-muted">
              {' '}
              ({formatCost(span.cost.input)} in, {formatCost(span.cost.output)} out, {span.cost.source})
            </span>
          </Field>
        )}
        <Field term="Span id">
          <code className="sl-trace-viewer__id">{span.id}</code>
          <CopyButton value={span.id} what="span id" />
        </Field>
      </dl>

      {payload('Input', full?.input, sizes?.inputSize)}
      {payload('Output', full?.output, sizes?.outputSize)}

      {full?.modelParameters && Object.keys(full.modelParameters).length > 0 && (
        <section className="sl-span-detail__section" aria-labelledby={`${titleId}-params`}>
          <h4 id={`${titleId}-params`}>Model parameters</h4>
          <JsonViewer value={full.modelParameters} label="Model parameters" />
        </section>
      )}
      {full?.attributes && Object.keys(full.attributes).length > 0 && (
        <section className="sl-span-detail__section" aria-labelledby={`${titleId}-attributes`}>
          <h4 id={`${titleId}-attributes`}>Attributes</h4>
          <JsonViewer value={full.attributes} label="Attributes" />
        </section>
      )}
      <section className="sl-span-detail__section" aria-labelledby={`${titleId}-scores`}>
        <h4 id={`${titleId}-scores`}>Span scores</h4>
        <ScoreList scores={spanScores} label="Span scores" emptyMessage="No scores on this span." locale={locale} timeZone={timeZone} />
      </section>
    </section>
  )
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="sl-totals__item">
      <dt>{term}</dt>
      <dd>{children ?? MISSING}</dd>
    </div>
  )
}
