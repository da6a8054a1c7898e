import { useSyncExternalStore } from 'react'

export const ROUTES = ['assistant', 'assistant-react', 'admin', 'monitoring', 'review', 'evaluators', 'datasets', 'alerts'] as const
export type Route = (typeof ROUTES)[number]
export const DEFAULT_ROUTE: Route = 'assistant'

export function parseHash(hash: string): Route {
  const name = /^#\/([\w-]+)/.exec(hash)?.[1]
  return (ROUTES as readonly string[]).includes(name ?? '') ? (name as Route) : DEFAULT_ROUTE
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The page named by the URL hash (`#/assistant`, `#/admin`, `#/evaluators`, …); unknown hashes show the default page. */
export function useHashRoute(): Route {
  return useSyncExternalStore(
    subscribe,
    () => parseHash(window.location.hash),
    () => DEFAULT_ROUTE,
  )
}
