import type { SessionDetail } from '@sightline/core'
import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { explorerKeys } from './keys'
import { liveInterval } from './live'
import type { LiveOptions } from './use-trace-skeleton'

export type UseSessionResult = UseQueryResult<SessionDetail, Error>

/** A session's traces and scores, oldest first; polled so new turns appear. */
export function useSession(sessionId: string | null | undefined, { live = true }: LiveOptions = {}): UseSessionResult {
  const { client, queryClient, scope } = useSightlineContext('useSession')
  return useQuery(
    {
      queryKey: explorerKeys.session(sessionId ?? '', scope),
      queryFn: sessionId ? ({ signal }) => client.getSession(sessionId, { signal }) : skipToken,
      refetchInterval: liveInterval(live),
    },
    queryClient,
  )
}
