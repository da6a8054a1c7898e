import type { Score } from '@sightline/core'
import { useQueries } from '@tanstack/react-query'
import { useSightlineContext } from '../../provider/sightline-provider'
import { explorerKeys } from './keys'

const NONE: Readonly<Record<string, readonly Score[]>> = {}

/**
 * Scores of the listed traces, for the table's feedback and score columns. One request a trace:
 * the list endpoint carries no scores. Fetched only while `enabled`.
 */
export function useTraceScores(traceIds: readonly string[], enabled: boolean): Readonly<Record<string, readonly Score[]>> {
  const { client, queryClient, scope } = useSightlineContext('useTraceScores')
  return useQueries(
    {
      queries: (enabled ? traceIds : []).map((traceId) => ({
        queryKey: explorerKeys.scores({ traceId, limit: 100 }, scope),
        queryFn: ({ signal }: { signal: AbortSignal }) => client.listScores({ traceId, limit: 100 }, { signal }),
        staleTime: 30_000,
      })),
      combine: (results) => {
        if (!results.length) return NONE
        const out: Record<string, readonly Score[]> = {}
        results.forEach((r, i) => {
          if (r.data) out[traceIds[i]] = r.data.data
        })
        return out
      },
    },
    queryClient,
  )
}
