import type { JsonValue, TraceDetail } from '@sightline/core'
import { useMemo, type ComponentPropsWithoutRef } from 'react'
import { PayloadView } from '../explorer'
import { cx } from '../utils/cx'
import { conversationOf } from './conversation'

export interface TraceConversationProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  detail: TraceDetail
  /** heading level of the section titles; 3 by default */
  headingLevel?: 2 | 3 | 4 | 5 | undefined
  /** model calls shown open; by default the first three */
  openCalls?: number | undefined
}

function Said({ role, value, label }: { role: 'user' | 'assistant'; value: JsonValue | null; label: string }) {
  return (
    <div className="sl-review-message" data-role={role}>
      <div className="sl-review-message__role">{role === 'user' ? 'User' : 'Assistant'}</div>
      <PayloadView value={value} label={label} />
    </div>
  )
}

type JsonObject = { [key: string]: JsonValue }
const isObject = (v: JsonValue): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const firstString = (o: JsonObject, keys: readonly string[]) => keys.map((k) => o[k]).find((v): v is string => typeof v === 'string')
const TITLE_KEYS = ['title', 'name', 'source', 'url', 'id']
const TEXT_KEYS = ['text', 'content', 'pageContent', 'page_content', 'snippet', 'chunk']

/** Retrieved documents as a numbered list (title, score, text); anything else as a payload. */
function SourceDocuments({ documents, label }: { documents: JsonValue | null; label: string }) {
  const docs = Array.isArray(documents) && documents.length > 0 && documents.every(isObject) ? (documents as JsonObject[]) : null
  if (!docs) return <PayloadView value={documents} label={label} />
  return (
    <ol className="sl-review-sources" aria-label={label}>
      {docs.map((doc, i) => {
        const title = firstString(doc, TITLE_KEYS) ?? `Document ${i + 1}`
        const text = firstString(doc, TEXT_KEYS)
        const score = typeof doc.score === 'number' ? doc.score : typeof doc.relevance === 'number' ? doc.relevance : null
        return (
          <li key={i} className="sl-review-sources__doc">
            <span className="sl-review-sources__title">{title}</span>
            {score !== null && <span className="sl-muted"> · score {score}</span>}
            {text && <p className="sl-review-sources__text">{text}</p>}
          </li>
        )
      })}
    </ol>
  )
}

/**
 * A trace as a reviewer reads it: the user's input and the answer, then the sources retriever
 * spans fetched and the messages of each model call.
 */
export function TraceConversation({ detail, headingLevel = 3, openCalls = 3, className, ...rest }: TraceConversationProps) {
  const conversation = useMemo(() => conversationOf(detail), [detail])
  const Heading = `h${headingLevel}` as const
  return (
    <section aria-label="Conversation" {...rest} className={cx('sl-review-conversation', className)}>
      <Said role="user" value={conversation.input} label="Input" />
      <Said role="assistant" value={conversation.output} label="Output" />
      {conversation.sources.length > 0 && (
        <section className="sl-review-conversation__group" aria-label="Retrieved sources">
          <Heading className="sl-review-conversation__title">Retrieved sources</Heading>
          {conversation.sources.map((source) => (
            <details key={source.spanId} className="sl-review-disclosure" open>
              <summary>
                {source.name}
                {typeof source.query === 'object' && source.query && 'query' in source.query && typeof source.query.query === 'string' && (
                  <span className="sl-muted"> · “{source.query.query}”</span>
                )}
              </summary>
              <SourceDocuments documents={source.documents} label={`Documents of ${source.name}`} />
            </details>
          ))}
        </section>
      )}
      {conversation.calls.length > 0 && (
        <section className="sl-review-conversation__group" aria-label="Model calls">
          <Heading className="sl-review-conversation__title">Model calls</Heading>
          {conversation.calls.map((call, i) => (
            <details key={call.spanId} className="sl-review-disclosure" open={i < openCalls}>
              <summary>
                {call.name}
                {call.model && <span className="sl-muted"> · {call.model}</span>}
              </summary>
              <div className="sl-review-call">
                <PayloadView value={call.input} label={`Messages sent by ${call.name}`} />
                {call.output != null && <PayloadView value={call.output} label={`Answer of ${call.name}`} />}
              </div>
            </details>
          ))}
        </section>
      )}
    </section>
  )
}
