import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import { DEMO_USER_ID } from '../demo-config'
import { newId } from '../http'
import { sendChat } from './chat-api'

interface Message {
  id: string
  role: 'user' | 'assistant'
  text: string
  traceId?: string
}

export interface ChatProps {
  title: string
  /** what goes under each answer: the page's feedback widget */
  renderFeedback?: ((traceId: string) => ReactNode) | null
  /** shown above the conversation, e.g. why feedback is unavailable */
  notice?: ReactNode
}

/** The demo chat product; pages differ only in the feedback under each answer. */
export function Chat({ title, renderFeedback, notice }: ChatProps) {
  const titleId = useId()
  const [sessionId, setSessionId] = useState(newId)
  const [messages, setMessages] = useState<Message[]>([])
  const [draft, setDraft] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const abortRef = useRef<AbortController | null>(null)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const logRef = useRef<HTMLDivElement>(null)

  useEffect(() => () => abortRef.current?.abort(), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls to the end whenever a message or the pending answer changes
  useEffect(() => {
    const log = logRef.current
    if (log) log.scrollTop = log.scrollHeight
  }, [messages, pending])

  async function send() {
    const text = draft.trim()
    if (!text || pending) return
    const controller = new AbortController()
    abortRef.current = controller
    const userMessage: Message = { id: newId(), role: 'user', text }
    setMessages((m) => [...m, userMessage])
    setDraft('')
    setError(null)
    setPending(true)
    try {
      const reply = await sendChat({ sessionId, message: text, userId: DEMO_USER_ID }, controller.signal)
      setMessages((m) => [...m, { id: newId(), role: 'assistant', text: reply.answer, traceId: reply.traceId }])
    } catch (err) {
      if (controller.signal.aborted) return
      // Take the unanswered message back into the box, so sending again is one keystroke.
      setMessages((m) => m.filter((x) => x !== userMessage))
      setDraft((d) => d || text)
      setError(`Could not get an answer: ${(err as Error).message}`)
    } finally {
      if (abortRef.current === controller) {
        abortRef.current = null
        setPending(false)
      }
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    void send()
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void send()
    }
  }

  function newConversation() {
    abortRef.current?.abort()
    abortRef.current = null
    setSessionId(newId())
    setMessages([])
    setDraft('')
    setError(null)
    setPending(false)
    inputRef.current?.focus()
  }

  return (
    <section className="pg-assistant" aria-labelledby={titleId}>
      <div className="pg-page-header">
        <h1 id={titleId} tabIndex={-1}>
          {title}
        </h1>
        <button type="button" className="sl-button" onClick={newConversation}>
          New conversation
        </button>
      </div>

      {notice}
      <div ref={logRef} className="pg-conversation" role="log" aria-label="Conversation" data-session-id={sessionId}>
        {messages.length === 0 && !pending && <p className="pg-hint">Ask the assistant anything to start a conversation.</p>}
        {messages.map((m) =>
          m.role === 'user' ? (
            <div key={m.id} className="pg-message pg-message--user">
              <span className="sl-visually-hidden">You: </span>
              {m.text}
            </div>
          ) : (
            <div key={m.id} className="pg-message pg-message--assistant" data-trace-id={m.traceId}>
              <p className="pg-message__text">
                <span className="sl-visually-hidden">Assistant: </span>
                {m.text}
              </p>
              {m.traceId && renderFeedback?.(m.traceId)}
            </div>
          ),
        )}
      </div>

      {pending && (
        <p className="pg-message pg-message--pending" role="status">
          Assistant is thinking…
        </p>
      )}
      {error && (
        <p className="pg-error" role="alert">
          {error}
        </p>
      )}

      <form className="pg-composer" onSubmit={onSubmit}>
        <label htmlFor="assistant-message">Message</label>
        <textarea
          id="assistant-message"
          ref={inputRef}
          rows={3}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Enter to send, Shift+Enter for a new line"
        />
        {/* aria-disabled rather than disabled: the button keeps keyboard focus while waiting. */}
        <button type="submit" className="sl-button pg-primary" aria-disabled={pending || undefined}>
          Send
        </button>
      </form>
    </section>
  )
}
