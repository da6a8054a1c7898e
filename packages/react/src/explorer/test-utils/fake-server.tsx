import {
  createClient,
  encodeTraceSkeleton,
  type Page,
  type Score,
  type SessionDetail,
  type Span,
  type TraceSkeleton,
  type TraceSummary,
} from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import { SightlineProvider } from '../../provider/sightline-provider'

export interface FakeData {
  traces?: TraceSummary[]
  /** page size of the fake list */
  pageSize?: number
  skeletons?: Record<string, TraceSkeleton>
  spans?: Record<string, Span>
  sessions?: Record<string, SessionDetail>
  scores?: Score[]
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const notFound = (what: string) => json(404, { error: { code: 'not_found', message: `${what} not found` } })

/** A fake API over mutable data: tests change `data` to play a live server. */
export function fakeServer(data: FakeData) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://sightline.test')
    const path = url.pathname
    if (path === '/api/v1/traces') {
      const env = url.searchParams.get('environment')
      const list = (data.traces ?? []).filter((t) => !env || t.environment === env)
      const size = data.pageSize ?? 50
      const from = Number(url.searchParams.get('cursor') ?? 0)
      const page: Page<TraceSummary> = {
        data: list.slice(from, from + size),
        nextCursor: from + size < list.length ? String(from + size) : null,
      }
      return json(200, page)
    }
    if (path === '/api/v1/traces/values') {
      const field = url.searchParams.get('field') as 'environment' | 'name' | 'userId'
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const counts = new Map<string, number>()
      for (const t of data.traces ?? []) {
        const v = t[field]
        if (v?.toLowerCase().startsWith(q)) counts.set(v, (counts.get(v) ?? 0) + 1)
      }
      const values = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count }))
      return json(200, { field, values })
    }
    let m = /^\/api\/v1\/traces\/([^/]+)\/spans\/([^/]+)$/.exec(path)
    if (m) return data.spans?.[decodeURIComponent(m[2]!)] ? json(200, data.spans[decodeURIComponent(m[2]!)]) : notFound('span')
    m = /^\/api\/v1\/traces\/([^/]+)$/.exec(path)
    if (m) {
      const skeleton = data.skeletons?.[decodeURIComponent(m[1]!)]
      return skeleton ? json(200, encodeTraceSkeleton(skeleton)) : notFound('trace')
    }
    m = /^\/api\/v1\/sessions\/([^/]+)$/.exec(path)
    if (m) return data.sessions?.[decodeURIComponent(m[1]!)] ? json(200, data.sessions[decodeURIComponent(m[1]!)]) : notFound('session')
    if (path === '/api/v1/scores') {
      const traceIds = url.searchParams.getAll('traceId')
      return json(200, { data: (data.scores ?? []).filter((s) => traceIds.includes(s.traceId)), nextCursor: null })
    }
    return notFound('route')
  })
  const paths = () => fetch.mock.calls.map(([u]) => String(u))
  return { fetch, paths }
}

export function renderWithServer(ui: ReactNode, fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const client = createClient({ baseUrl: '', fetch })
  return render(
    <SightlineProvider client={client} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
}
