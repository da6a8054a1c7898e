import type { QueryClient } from '@tanstack/react-query'

/** The server answered 404: the thing asked for is not there (or not visible to this credential). */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && (error as { status: unknown }).status === 404
}

/**
 * A query's `retry` that gives up at once on a 404 (a missing thing is said, not retried for
 * seconds) and otherwise retries as the query client's defaults say (TanStack's 3 when unset).
 */
export function retryUnlessNotFound(queryClient: QueryClient) {
  const base = queryClient.getDefaultOptions().queries?.retry ?? 3
  return (failures: number, error: Error): boolean => {
    if (isNotFound(error)) return false
    if (typeof base === 'function') return base(failures, error)
    if (typeof base === 'boolean') return base
    return failures < base
  }
}
