import type { ChatMessageView } from '@sightline/core'
import { JsonViewer } from './json-viewer'
import { Markdown } from './markdown'
import { parseJsonText } from './messages'

const ROLE_NAMES: Record<string, string> = {
  system: 'System',
  developer: 'Developer',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool result',
  function: 'Tool result',
}

export interface ChatMessagesProps {
  messages: readonly ChatMessageView[]
  /** accessible name of the list */
  label: string
}

/** Chat messages as a conversation: roles, Markdown text, tool calls and tool results. */
export function ChatMessages({ messages, label }: ChatMessagesProps) {
  return (
    <ol className="sl-chat" aria-label={label}>
      {messages.map((message, i) => {
        const known = ROLE_NAMES[message.role]
        const toolResult = message.role === 'tool' || message.role === 'function'
        const parsed = toolResult ? parseJsonText(message.content) : message.content
        return (
          // Only known roles reach the attribute that styles them.
          <li key={i} className="sl-chat__message" data-role={known ? message.role : 'other'}>
            <div className="sl-chat__role">
              {known ?? message.role}
              {message.toolCallId && <span className="sl-muted"> · {message.toolCallId}</span>}
            </div>
            {typeof parsed === 'string' ? (
              parsed && <Markdown text={parsed} />
            ) : (
              <JsonViewer value={parsed} label={`${known ?? message.role} content`} />
            )}
            {message.parts.map((part, j) => (
              <JsonViewer key={j} value={part} label={`Content part ${j + 1}`} defaultExpandDepth={0} />
            ))}
            {message.toolCalls && message.toolCalls.length > 0 && (
              <ul className="sl-chat__tool-calls" aria-label="Tool calls">
                {message.toolCalls.map((call, j) => (
                  <li key={j} className="sl-chat__tool-call">
                    <div>
                      <span className="sl-muted">Calls </span>
                      <code className="sl-chat__tool-name">{call.name}</code>
                      {call.id && <span className="sl-muted"> · {call.id}</span>}
                    </div>
                    {call.arguments !== undefined && <JsonViewer value={call.arguments} label={`Arguments of ${call.name}`} />}
                  </li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ol>
  )
}
