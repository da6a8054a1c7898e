import { type JsonValue, readChatMessages } from '@sightline/core'
import { Toggle } from 'radix-ui'
import { useMemo, useState } from 'react'
import { ChatMessages } from './chat-messages'
import { JsonViewer } from './json-viewer'
import { Markdown } from './markdown'
import { parseJsonText } from './messages'

export interface PayloadViewProps {
  value: JsonValue | null | undefined
  /** accessible name, e.g. "Input" */
  label: string
}

/**
 * An untrusted payload in its most readable form: chat messages as a conversation, text as Markdown,
 * anything else as collapsible JSON. A switch shows the raw JSON of any of them.
 */
export function PayloadView({ value, label }: PayloadViewProps) {
  const [raw, setRaw] = useState(false)
  const parsed = useMemo(() => (value == null ? value : parseJsonText(value)), [value])
  const messages = useMemo(() => readChatMessages(parsed), [parsed])
  if (value == null) return <p className="sl-muted sl-payload__none">None</p>
  const formatted = messages ? 'messages' : typeof parsed === 'string' ? 'text' : 'json'
  return (
    <div className="sl-payload" data-format={raw ? 'json' : formatted}>
      {formatted !== 'json' && (
        <Toggle.Root className="sl-link-button sl-payload__switch" pressed={raw} onPressedChange={setRaw}>
          Raw JSON
        </Toggle.Root>
      )}
      {raw || formatted === 'json' ? (
        <JsonViewer value={value} label={label} />
      ) : messages ? (
        <ChatMessages messages={messages} label={`${label} messages`} />
      ) : (
        <Markdown text={parsed as string} />
      )}
    </div>
  )
}
