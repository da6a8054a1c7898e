import type { JsonValue, SessionDetail, Trace } from '@sightline/core'
import { useMemo, type ComponentPropsWithoutRef, type SyntheticEvent } from 'react'
import { formatCost, formatCount, formatLatency, formatTime, formatTokens } from '../../format/format'
import { cx } from '../../utils/cx'
import { ErrorAlert } from '../../utils/error-alert'
import { Markdown } from '../content/markdown'
import { lastMessageText } from '../content/messages'
import { PayloadView } from '../content/payload-view'
import { FeedbackSummary } from '../scores/score-list'

export interface SessionConversationProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  session?: SessionDetail | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** "Open trace" on a turn; runs with the trace's id */
  onOpenTrace?: ((traceId: string, event: SyntheticEvent) => void) | undefined
  /** the turn currently open elsewhere (marked aria-current) */
  currentTraceId?: string | null | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  locale?: string | undefined
  timeZone?: string | undefined
}

function Said({ role, value, label }: { role: 'user' | 'assistant'; value: JsonValue | null; label: string }) {
  const text = lastMessageText(value, [role])
  return (
    <div className="sl-chat__message" data-role={role}>
      <div className="sl-chat__role">{role === 'user' ? 'User' : 'Assistant'}</div>
      {text !== null ? <Markdown text={text} /> : <PayloadView value={value} label={label} />}
    </div>
  )
}

/**
 * A session as a conversation: each trace is a turn with its latency, cost and feedback, and opens
 * its trace. The session comes from props (see `ConnectedSessionConversation` for the one that fetches).
 */
export function SessionConversation(props: SessionConversationProps) {
  const {
    session,
    loading = false,
    error = null,
    onRetry,
    onOpenTrace,
    currentTraceId,
    headingLevel = 2,
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const Heading = `h${headingLevel}` as const
  const scoresByTrace = useMemo(() => {
    const map = new Map<string, SessionDetail['scores']>()
    for (const s of session?.scores ?? []) map.set(s.traceId, [...(map.get(s.traceId) ?? []), s])
    return map
  }, [session])

  const state = session ? 'ready' : error ? 'error' : loading ? 'loading' : 'empty'
  return (
    <section
      {...rest}
      className={cx('sl-root sl-session', className)}
      data-state={state}
      aria-label={session ? `Session ${session.session.id}` : 'Session'}
    >
      {!session ? (
        error ? (
          <ErrorAlert className="sl-error-text" what="Could not load the session" error={error} onRetry={onRetry} />
        ) : loading ? (
          <p role="status">Loading session…</p>
        ) : (
          <p className="sl-muted">No session to show.</p>
        )
      ) : (
        <>
          <header className="sl-session__header">
            <Heading>Session {session.session.id}</Heading>
            <dl className="sl-totals">
              <div className="sl-totals__item">
                <dt>Turns</dt>
                <dd>{formatCount(session.session.traceCount)}</dd>
              </div>
              <div className="sl-totals__item">
                <dt>Users</dt>
                <dd>{session.session.userIds.join(', ') || '—'}</dd>
              </div>
              <div className="sl-totals__item">
                <dt>Tokens</dt>
                <dd>{formatCount(session.session.totalTokens)}</dd>
              </div>
              <div className="sl-totals__item">
                <dt>Cost</dt>
                <dd>{formatCost(session.session.cost)}</dd>
              </div>
              <div className="sl-totals__item">
                <dt>Errors</dt>
                <dd>{formatCount(session.session.errorCount)}</dd>
              </div>
            </dl>
          </header>
          <ol className="sl-session__turns" aria-label="Conversation">
            {session.traces.map((trace, i) => (
              <Turn
                key={trace.id}
                trace={trace}
                turn={i + 1}
                scores={scoresByTrace.get(trace.id) ?? []}
                current={trace.id === currentTraceId}
                onOpenTrace={onOpenTrace}
                locale={locale}
                timeZone={timeZone}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

interface TurnProps {
  trace: Trace
  turn: number
  scores: SessionDetail['scores']
  current: boolean
  onOpenTrace: SessionConversationProps['onOpenTrace']
  locale: string | undefined
  timeZone: string | undefined
}

function Turn({ trace, turn, scores, current, onOpenTrace, locale, timeZone }: TurnProps) {
  const comments = scores.filter((s) => s.source === 'feedback' && s.comment)
  return (
    <li className="sl-turn" data-trace-id={trace.id} aria-current={current ? 'true' : undefined}>
      <div className="sl-turn__meta">
        <span className="sl-turn__number">Turn {turn}</span>
        <time dateTime={trace.startTime}>{formatTime(trace.startTime, { locale, timeZone, length: 'short' })}</time>
        <span>
          <span className="sl-muted">Latency </span>
          {formatLatency(trace.latencyMs)}
        </span>
        <span>
          <span className="sl-muted">Cost </span>
          {formatCost(trace.cost)}
        </span>
        <span>
          <span className="sl-muted">Tokens </span>
          {formatTokens(trace.totalTokens)}
        </span>
        {trace.status === 'error' && (
          <span className="sl-badge" data-status="error">
            Error
          </span>
        )}
        <span>
          <span className="sl-muted">Feedback </span>
          <FeedbackSummary scores={scores} />
        </span>
      </div>
      <Said role="user" value={trace.input} label={`Input of turn ${turn}`} />
      <Said role="assistant" value={trace.output} label={`Output of turn ${turn}`} />
      {comments.map((s) => (
        <p key={s.id} className="sl-turn__comment">
          <span className="sl-muted">Feedback comment: </span>“{s.comment}”
        </p>
      ))}
      {onOpenTrace && (
        <button type="button" className="sl-button" onClick={(e) => onOpenTrace(trace.id, e)}>
          Open trace<span className="sl-visually-hidden"> of turn {turn}</span>
        </button>
      )}
    </li>
  )
}
