import { createClient, SightlineError, SightlineNetworkError, type SightlineClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useInsertionEffect, useMemo, useRef, useState, type ReactNode } from 'react'

export type GetToken = () => string | Promise<string>

/** Either a ready client, or where to reach the server and how to authenticate. */
export type SightlineClientSource =
  | { client: SightlineClient; baseUrl?: never; token?: never; getToken?: never; fetch?: never }
  | {
      client?: never
      /** "" for same-origin */
      baseUrl: string
      /** a short-lived view or annotate token (never a secret key in a browser); a new one refetches */
      token: string
      getToken?: never
      fetch?: typeof fetch | undefined
    }
  | {
      client?: never
      baseUrl: string
      token?: never
      /** called before each request; cache the token there and refresh it before it expires */
      getToken: GetToken
      fetch?: typeof fetch | undefined
    }

/** `auto` follows the system's light or dark preference. */
export type SightlineTheme = 'light' | 'dark' | 'auto'

export type SightlineProviderProps = SightlineClientSource & {
  /** Share the app's QueryClient; otherwise the provider keeps one of its own. */
  queryClient?: QueryClient | undefined
  /**
   * Colours for the panels inside: wraps them in an element with `data-sl-theme` (which the
   * stylesheet reads, like `data-sl-theme` set anywhere above). Without it the page's choice, or
   * light, applies and the provider renders no element.
   */
  theme?: SightlineTheme | undefined
  children?: ReactNode
}

export interface SightlineContextValue {
  client: SightlineClient
  queryClient: QueryClient
  /** Separates cached data of different clients (servers, tokens) in one QueryClient. */
  scope: number
}

const SightlineContext = createContext<SightlineContextValue | null>(null)

const scopes = new WeakMap<SightlineClient, number>()
let nextScope = 1
function scopeOf(client: SightlineClient): number {
  let scope = scopes.get(client)
  if (scope === undefined) {
    scope = nextScope++
    scopes.set(client, scope)
  }
  return scope
}

/** A 4xx, or a page origin the server refuses: retrying will not help. */
function isClientError(error: unknown): boolean {
  if (error instanceof SightlineNetworkError) return error.reason === 'origin-not-allowed'
  return error instanceof SightlineError && error.status >= 400 && error.status < 500
}

function createOwnQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx (bad filter, expired token, missing trace) or a refused origin will not heal by retrying.
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
    },
  })
}

/**
 * Gives Sightline panels and hooks their API client and query cache.
 *
 * The QueryClient is passed to the hooks directly rather than through a QueryClientProvider, so an
 * app's own `useQueryClient()` below this provider keeps seeing the app's client.
 */
export function SightlineProvider(props: SightlineProviderProps) {
  const { client: given, baseUrl, token, getToken, fetch: fetchImpl, queryClient: givenQueryClient, theme, children } = props

  // The client calls the latest getToken and fetch: inline functions must not re-create it (and so
  // empty the cache scope) on every render.
  const latest = useRef({ getToken, fetch: fetchImpl })
  useInsertionEffect(() => {
    latest.current = { getToken, fetch: fetchImpl }
  })
  const usesGetToken = getToken !== undefined
  const usesFetch = fetchImpl !== undefined

  const client = useMemo(() => {
    if (given) return given
    const options = {
      baseUrl: baseUrl ?? '',
      fetch: usesFetch ? (...args: Parameters<typeof fetch>) => latest.current.fetch!(...args) : undefined,
    }
    if (usesGetToken) return createClient({ ...options, getToken: () => latest.current.getToken!() })
    if (token !== undefined) return createClient({ ...options, token })
    return createClient(options)
  }, [given, baseUrl, token, usesGetToken, usesFetch])

  const [ownQueryClient] = useState(createOwnQueryClient)
  const queryClient = givenQueryClient ?? ownQueryClient
  // What QueryClientProvider would do: refetch on window focus and reconnect (mounts are counted).
  useEffect(() => {
    queryClient.mount()
    return () => queryClient.unmount()
  }, [queryClient])

  const value = useMemo(() => ({ client, queryClient, scope: scopeOf(client) }), [client, queryClient])
  return (
    <SightlineContext.Provider value={value}>
      {theme ? (
        // display: contents keeps the host's layout; the theme's custom properties still inherit.
        <div data-sl-theme={theme} style={{ display: 'contents' }}>
          {children}
        </div>
      ) : (
        children
      )}
    </SightlineContext.Provider>
  )
}

/** The provider's client, QueryClient and cache scope. */
export function useSightlineContext(caller = 'useSightlineContext'): SightlineContextValue {
  const value = useContext(SightlineContext)
  if (!value)
    throw new Error(
      `${caller} must be used inside <SightlineProvider>. Wrap the panels in ` +
        '<SightlineProvider baseUrl="…" getToken={…}> (or pass client={…}).',
    )
  return value
}

/** The Sightline API client of the nearest <SightlineProvider>. */
export function useSightlineClient(): SightlineClient {
  return useSightlineContext('useSightlineClient').client
}
