import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { formatCost, formatCount, formatLatency, formatTime, MISSING } from '../../format/format'
import { CopyButton } from '../../utils/copy-button'
import { cx } from '../../utils/cx'
import { Hint } from '../../utils/hint'
import { FeedbackSummary, ScoreList } from '../scores/score-list'
import { useTraceViewerContext } from './context'

export interface TraceViewerHeaderProps extends Omit<ComponentPropsWithoutRef<'header'>, 'children'> {
  /** the title's heading level (2 by default) */
  headingLevel?: 2 | 3 | 4 | undefined
}

/** The trace's name and totals: latency, time to first token, tokens, cost, errors and feedback. */
export function TraceViewerHeader({ headingLevel = 2, className, ...rest }: TraceViewerHeaderProps) {
  const { trace, model, scores, locale, timeZone, actions } = useTraceViewerContext('Header')
  if (!trace) return null
  const Heading = `h${headingLevel}` as const
  const start = Date.parse(trace.startTime)
  const ttft = model.firstToken !== null && Number.isFinite(start) ? Math.max(0, model.firstToken - start) : null
  const running = trace.endTime === null
  const split = `${formatCount(trace.inputTokens)} in, ${formatCount(trace.outputTokens)} out`
  return (
    <header {...rest} className={cx('sl-trace-viewer__header', className)}>
      <div className="sl-trace-viewer__title">
        <Heading>{trace.name ?? trace.id}</Heading>
        <span className="sl-badge" data-status={trace.status}>
          {trace.status === 'error' ? 'Error' : 'OK'}
        </span>
        {running && (
          <span className="sl-flag" data-state="running">
            In progress
          </span>
        )}
        {actions != null && <div className="sl-trace-viewer__actions">{actions}</div>}
      </div>
      <dl className="sl-totals">
        <Total term="Started">
          <time dateTime={trace.startTime}>{formatTime(trace.startTime, { locale, timeZone })}</time>
        </Total>
        <Total term="Latency">{formatLatency(trace.latencyMs)}</Total>
        <Total term="Time to first token">{ttft === null ? MISSING : formatLatency(ttft)}</Total>
        <Total term="Tokens">
          <Hint text={split}>
            <span>{formatCount(trace.totalTokens)}</span>
          </Hint>
          <span className="sl-visually-hidden"> ({split})</span>
        </Total>
        <Total term="Cost">{formatCost(trace.cost)}</Total>
        <Total term="Spans">{formatCount(model.count || trace.spanCount)}</Total>
        <Total term="Errors">
          <span data-status={trace.errorCount > 0 ? 'error' : undefined}>{formatCount(trace.errorCount)}</span>
        </Total>
        <Total term="Feedback">
          <FeedbackSummary scores={scores} />
        </Total>
        {trace.userId && <Total term="User">{trace.userId}</Total>}
        {trace.sessionId && (
          <Total term="Session">
            <span className="sl-trace-viewer__id">{trace.sessionId}</span>
            <CopyButton value={trace.sessionId} what="session id" />
          </Total>
        )}
        {trace.environment && <Total term="Environment">{trace.environment}</Total>}
        {trace.release && <Total term="Release">{trace.release}</Total>}
        <Total term="Trace id">
          <code className="sl-trace-viewer__id">{trace.id}</code>
          <CopyButton value={trace.id} what="trace id" />
        </Total>
      </dl>
    </header>
  )
}

function Total({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="sl-totals__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

export type TraceViewerScoresProps = Omit<ComponentPropsWithoutRef<'section'>, 'children'>

/** The scores and feedback given to the trace as a whole (span scores show in the span's detail). */
export function TraceViewerScores({ className, ...rest }: TraceViewerScoresProps) {
  const { trace, scores, locale, timeZone, idPrefix } = useTraceViewerContext('Scores')
  if (!trace) return null
  const traceScores = scores.filter((s) => s.spanId === null)
  const headingId = `${idPrefix}-scores`
  return (
    <section {...rest} className={cx('sl-trace-viewer__scores', className)} aria-labelledby={headingId}>
      <h3 id={headingId}>Scores</h3>
      <ScoreList scores={traceScores} label="Scores" locale={locale} timeZone={timeZone} />
    </section>
  )
}
