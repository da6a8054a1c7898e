import { useSession } from '../hooks/use-session'
import { SessionConversation, type SessionConversationProps } from './session-conversation'

export interface SessionViewProps extends Omit<SessionConversationProps, 'session' | 'loading' | 'error' | 'onRetry'> {
  sessionId: string
  /** poll for new turns: true (every 5 s, paused in hidden tabs), false, or an interval in ms */
  live?: boolean | number
}

/** A session's conversation across its traces, fetched through the provider's client. */
export function SessionView({ sessionId, live = true, ...props }: SessionViewProps) {
  const { data, error, isPending, refetch } = useSession(sessionId, { live })
  return <SessionConversation {...props} session={data} loading={isPending} error={error} onRetry={() => void refetch()} />
}
