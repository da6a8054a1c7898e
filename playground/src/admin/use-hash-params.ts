import { useCallback, useMemo, useSyncExternalStore } from 'react'

const REPLACED = 'pg:hash-replaced'

/** The query part of a hash route: `#/admin?trace=…&span=…` → `trace=…&span=…`. */
export function hashQuery(hash: string): string {
  const at = hash.indexOf('?')
  return at < 0 ? '' : hash.slice(at + 1)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  window.addEventListener(REPLACED, onChange)
  return () => {
    window.removeEventListener('hashchange', onChange)
    window.removeEventListener(REPLACED, onChange)
  }
}

/** `replace` swaps the history entry (a span selection) instead of adding one (a new filter, a new trace) */
export type SetHashParams = (params: URLSearchParams, options?: { replace?: boolean }) => void

/**
 * The page's state in the hash's query, so every view of the admin page is a link and the back
 * button walks through filters and traces.
 */
export function useHashParams(route: string): [URLSearchParams, SetHashParams] {
  const query = useSyncExternalStore(
    subscribe,
    () => hashQuery(window.location.hash),
    () => '',
  )
  const params = useMemo(() => new URLSearchParams(query), [query])
  const set = useCallback<SetHashParams>(
    (next, { replace = false } = {}) => {
      const text = next.toString()
      const hash = `#/${route}${text ? `?${text}` : ''}`
      if (hash === window.location.hash) return
      if (replace) {
        history.replaceState(history.state, '', hash)
        window.dispatchEvent(new Event(REPLACED))
      } else window.location.hash = hash
    },
    [route],
  )
  return [params, set]
}
