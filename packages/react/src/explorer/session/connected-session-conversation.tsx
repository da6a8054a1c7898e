import { useSession } from '../hooks/use-session'
import { SessionConversation, type SessionConversationProps } from './session-conversation'

export interface ConnectedSessionConversationProps extends Omit<SessionConversationProps, 'session' | 'loading' | 'error' | 'onRetry'> {
  sessionId: string
  /** poll for new turns: true (every 5 s, paused in hidden tabs), false, or an interval in ms */
  live?: boolean | number | undefined
}

/**
 * A session's conversation across its traces, fetched through the provider's client. The
 * presentational part keeps its descriptive name, `SessionConversation` (a session shown as a
 * conversation), so the one that fetches is `ConnectedSessionConversation`.
 */
export function ConnectedSessionConversation({ sessionId, live = true, ...props }: ConnectedSessionConversationProps) {
  const { data, error, isPending, refetch } = useSession(sessionId, { live })
  return <SessionConversation {...props} session={data} loading={isPending} error={error} onRetry={() => void refetch()} />
}
