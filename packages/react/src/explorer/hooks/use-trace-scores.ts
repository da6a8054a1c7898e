import type { Score } from '@sightline/core'
import { useQuery } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { explorerKeys } from './keys'

const NONE: Readonly<Record<string, readonly Score[]>> = {}
const PAGE = 500

/**
 * Scores of the listed traces, for the table's feedback and score columns: one request for all
 * of them (following cursors past 500 scores), not one a row. Fetched only while `enabled`.
 */
export function useTraceScores(traceIds: readonly string[], enabled: boolean): Readonly<Record<string, readonly Score[]>> {
  const { client, queryClient, scope } = useSightlineContext('useTraceScores')
  const ids = [...traceIds]
  const { data } = useQuery(
    {
      queryKey: explorerKeys.scores({ traceId: ids, limit: PAGE }, scope),
      queryFn: async ({ signal }) => {
        const out: Record<string, Score[]> = {}
        let cursor: string | undefined
        do {
          const page = await client.listScores({ traceId: ids, limit: PAGE, cursor }, { signal })
          for (const score of page.data) (out[score.traceId] ??= []).push(score)
          cursor = page.nextCursor ?? undefined
        } while (cursor)
        return out
      },
      enabled: enabled && ids.length > 0,
      staleTime: 30_000,
    },
    queryClient,
  )
  return data ?? NONE
}
