import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type SightlineClient } from '@sightline/core'
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { render, renderHook, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { SightlineProvider, useSightlineClient, useSightlineContext, type SightlineProviderProps } from './sightline-provider'

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

describe('SightlineProvider', () => {
  it('explains what is missing outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useSightlineClient())).toThrow(/useSightlineClient must be used inside <SightlineProvider>/)
    vi.restoreAllMocks()
  })

  it('passes a given client through', () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:1' })
    const { result } = renderHook(() => useSightlineClient(), {
      wrapper: ({ children }) => <SightlineProvider client={client}>{children}</SightlineProvider>,
    })
    expect(result.current).toBe(client)
  })

  it('creates a client that authenticates with the latest getToken', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => ok({ status: 'ok', version: '0', storage: 'sqlite' }))
    let token = 'first'
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <SightlineProvider baseUrl="http://127.0.0.1:4318/" fetch={fetch} getToken={() => token}>
        {children}
      </SightlineProvider>
    )
    const { result, rerender } = renderHook(() => useSightlineClient(), { wrapper })
    const client = result.current
    await client.health()
    token = 'second'
    rerender()
    expect(result.current).toBe(client)
    await result.current.health()

    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual(['http://127.0.0.1:4318/api/health', 'http://127.0.0.1:4318/api/health'])
    expect(fetch.mock.calls.map(([, init]) => new Headers(init?.headers).get('authorization'))).toEqual(['Bearer first', 'Bearer second'])
  })

  it('keeps its client when an inline fetch changes, and calls the latest one', async () => {
    const calls: string[] = []
    const clients: SightlineClient[] = []
    function Probe() {
      clients.push(useSightlineClient())
      return null
    }
    const ui = (name: string) => (
      <SightlineProvider
        baseUrl=""
        token="t"
        fetch={async () => {
          calls.push(name)
          return ok({ status: 'ok', version: '0', storage: 'sqlite' })
        }}
      >
        <Probe />
      </SightlineProvider>
    )
    const { rerender } = render(ui('a'))
    await clients[0]!.health()
    rerender(ui('b'))
    expect(new Set(clients).size).toBe(1)
    await clients[0]!.health()
    expect(calls).toEqual(['a', 'b'])
  })

  it('uses a given QueryClient and leaves an outer QueryClientProvider alone', () => {
    const appClient = new QueryClient()
    const ownClient = new QueryClient()
    const { result } = renderHook(() => ({ context: useSightlineContext(), app: useQueryClient() }), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={appClient}>
          <SightlineProvider baseUrl="" token="t" queryClient={ownClient}>
            {children}
          </SightlineProvider>
        </QueryClientProvider>
      ),
    })
    expect(result.current.context.queryClient).toBe(ownClient)
    expect(result.current.app).toBe(appClient)
  })

  it('keeps a QueryClient of its own when none is given', () => {
    function Probe() {
      const { queryClient } = useSightlineContext()
      return <p>{queryClient instanceof QueryClient ? 'own client' : 'none'}</p>
    }
    render(
      <SightlineProvider baseUrl="" token="t">
        <Probe />
      </SightlineProvider>,
    )
    expect(screen.getByText('own client')).toBeInTheDocument()
  })

  it('themes the panels inside through data-sl-theme, which the stylesheet reads', () => {
    const { rerender, container } = render(
      <SightlineProvider baseUrl="" token="t" theme="dark">
        <p>panel</p>
      </SightlineProvider>,
    )
    const root = screen.getByText('panel').parentElement!
    expect(root).toHaveAttribute('data-sl-theme', 'dark')
    // No box of its own: the host's layout is unchanged.
    expect(root.style.display).toBe('contents')
    for (const theme of ['light', 'auto'] as const) {
      rerender(
        <SightlineProvider baseUrl="" token="t" theme={theme}>
          <p>panel</p>
        </SightlineProvider>,
      )
      expect(screen.getByText('panel').parentElement).toHaveAttribute('data-sl-theme', theme)
    }
    // Without a theme there is no element: a data-sl-theme set by the page applies.
    rerender(
      <SightlineProvider baseUrl="" token="t">
        <p>panel</p>
      </SightlineProvider>,
    )
    expect(container.firstElementChild?.tagName).toBe('P')
    // The theme selectors live with the tokens (styles.css imports them first).
    const css = readFileSync(join(import.meta.dirname, '../tokens.css'), 'utf8')
    for (const theme of ['light', 'dark', 'auto']) expect(css).toMatch(new RegExp(`\\[data-sl-theme=["']${theme}["']\\]`))
    expectTypeOf<'sepia'>().not.toExtend<NonNullable<SightlineProviderProps['theme']>>()
  })

  it('accepts exactly one way to get a client', () => {
    const client = {} as SightlineClient
    expectTypeOf({ client }).toExtend<SightlineProviderProps>()
    expectTypeOf({ baseUrl: '', token: 't' }).toExtend<SightlineProviderProps>()
    expectTypeOf({ baseUrl: '', getToken: async () => 't' }).toExtend<SightlineProviderProps>()
    expectTypeOf({ client, baseUrl: '' }).not.toExtend<SightlineProviderProps>()
    expectTypeOf({ baseUrl: '', token: 't', getToken: () => 't' }).not.toExtend<SightlineProviderProps>()
  })
})
