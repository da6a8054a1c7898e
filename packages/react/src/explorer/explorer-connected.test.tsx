import type { SessionDetail, Trace, TraceListQuery } from '@sightline/core'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { traceSummaries, traceSummary } from '../test-utils/traces'
import { ConnectedSessionConversation } from './session/connected-session-conversation'
import { fakeServer, renderWithServer } from './test-utils/fake-server'
import { ConnectedTraceFilters } from './trace-filters/connected-trace-filters'
import { useScrollerHeight } from './test-utils/layout'
import { fullSpan, score, skeleton } from './test-utils/spans'
import { ConnectedTraceTable } from './trace-table/connected-trace-table'
import { ConnectedTraceViewer } from './trace-viewer/connected-trace-viewer'

useScrollerHeight()

const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-trace-id'))

describe('ConnectedTraceTable', () => {
  it('fetches with the query, sorts on the server, pages by cursor', async () => {
    const server = fakeServer({ traces: traceSummaries(5), pageSize: 3 })
    const onQueryChange = vi.fn<(q: TraceListQuery) => void>()
    renderWithServer(
      <ConnectedTraceTable defaultQuery={{ environment: 'production' }} onQueryChange={onQueryChange} live={false} />,
      server.fetch,
    )
    await waitFor(() => expect(rows()).toHaveLength(3))
    expect(server.paths()[0]).toBe('/api/v1/traces?environment=production')
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(rows()).toHaveLength(5))
    expect(server.paths()).toContain('/api/v1/traces?environment=production&cursor=3')
    fireEvent.click(screen.getByRole('button', { name: 'Cost' }))
    expect(onQueryChange).toHaveBeenLastCalledWith({ environment: 'production', sort: '-cost' })
    await waitFor(() => expect(server.paths()).toContain('/api/v1/traces?environment=production&sort=-cost'))
  })

  it('shows new traces without a reload (polling)', async () => {
    const data = { traces: traceSummaries(2) }
    const server = fakeServer(data)
    renderWithServer(<ConnectedTraceTable live={40} />, server.fetch)
    await waitFor(() => expect(rows()).toHaveLength(2))
    data.traces = [traceSummary({ id: 'fresh', name: 'just now' }), ...data.traces]
    await waitFor(() => expect(rows()[0]).toHaveAttribute('data-trace-id', 'fresh'), { timeout: 2000 })
  })

  it('loads scores for the feedback column', async () => {
    const server = fakeServer({ traces: traceSummaries(2), scores: [score({ id: 'f1', traceId: 't1', value: false })] })
    renderWithServer(<ConnectedTraceTable columns={['name', 'feedback']} live={false} />, server.fetch)
    await waitFor(() => expect(rows()[1]).toHaveTextContent('1 not helpful'))
    // one request for the whole page of rows, not one a row
    expect(
      server
        .paths()
        .filter((p) => p.includes('/api/v1/scores'))
        .map((p) => p.replace(/^https?:\/\/[^/]+/, '')),
    ).toEqual(['/api/v1/scores?traceId=t0&traceId=t1&limit=500'])
  })

  it('reports an error', async () => {
    const server = fakeServer({})
    server.fetch.mockImplementation(
      async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'token expired' } }), { status: 401 }),
    )
    renderWithServer(<ConnectedTraceTable live={false} />, server.fetch)
    expect(await screen.findByRole('alert')).toHaveTextContent('token expired')
  })
})

describe('ConnectedTraceViewer', () => {
  const trace = traceSummary({ id: 'tr', name: 'rag-qa', endTime: null, startTime: new Date().toISOString() })
  const spans = [
    skeleton({ id: 'root', traceId: 'tr', name: 'rag-qa', type: 'chain' }),
    skeleton({ id: 'gen', traceId: 'tr', parentId: 'root', name: 'generate', type: 'generation' }, 10),
  ]

  it('loads the skeleton, then the payloads of the selected span, and shows spans as they arrive', async () => {
    const data = {
      skeletons: { tr: { trace, spans, scores: [] } },
      spans: {
        gen: fullSpan({
          id: 'gen',
          traceId: 'tr',
          name: 'generate',
          type: 'generation',
          output: [{ role: 'assistant', content: 'Open **Settings**' }],
        }),
      },
    }
    const server = fakeServer(data)
    const onSelectedSpanChange = vi.fn()
    const { container } = renderWithServer(
      <ConnectedTraceViewer traceId="tr" onSelectedSpanChange={onSelectedSpanChange} live={40} />,
      server.fetch,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Loading trace…')
    await waitFor(() => expect(screen.getAllByRole('treeitem')).toHaveLength(2))
    expect(server.paths()[0]).toBe('/api/v1/traces/tr?fields=skeleton')
    expect(server.paths().some((p) => p.includes('/spans/'))).toBe(false)

    screen.getAllByRole('treeitem')[0]!.focus()
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    expect(onSelectedSpanChange).toHaveBeenLastCalledWith('gen')
    const detail = await screen.findByRole('region', { name: 'generate' })
    await waitFor(() => expect(within(detail).getByRole('list', { name: 'Output messages' })).toHaveTextContent('Open Settings'))
    expect(server.paths()).toContain('/api/v1/traces/tr/spans/gen')

    // A span that arrives later shows up without a reload while the trace is in progress.
    data.skeletons.tr = {
      trace,
      spans: [...spans, skeleton({ id: 'late', traceId: 'tr', parentId: 'root', name: 'late tool', type: 'tool' }, 20)],
      scores: [],
    }
    await waitFor(() => expect(screen.getAllByRole('treeitem')).toHaveLength(3), { timeout: 2000 })
    expect(await axeViolations(container)).toEqual([])
  })

  it('says plainly when the server has no such trace', async () => {
    const server = fakeServer({})
    renderWithServer(<ConnectedTraceViewer traceId="nope" live={false} />, server.fetch)
    expect(await screen.findByRole('heading', { name: 'Trace not found' })).toBeInTheDocument()
    expect(screen.getByText('nope')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('ConnectedSessionConversation', () => {
  const turn = (id: string, input: Trace['input'], output: Trace['output']): Trace => {
    const { inputPreview: _i, outputPreview: _o, ...t } = traceSummary({ id, sessionId: 's1' })
    return { ...t, input, output }
  }
  const session: SessionDetail = {
    session: {
      id: 's1',
      traceCount: 2,
      startTime: '2026-11-26T18:00:00.000Z',
      endTime: null,
      userIds: ['ada'],
      totalTokens: 2400,
      cost: 0.0024,
      errorCount: 0,
    },
    traces: [
      turn('t1', 'How do I reset my password?', 'Open **Settings**.'),
      turn(
        't2',
        [
          { role: 'system', content: 'Be brief' },
          { role: 'user', content: 'And my <b>email</b>?' },
        ],
        { role: 'assistant', content: 'Same place.' },
      ),
    ],
    scores: [score({ id: 'f', traceId: 't2', value: false, comment: 'too short' })],
  }

  it('shows each turn with latency, cost and feedback, and opens its trace', async () => {
    const server = fakeServer({ sessions: { s1: session } })
    const onOpenTrace = vi.fn()
    const { container } = renderWithServer(
      <ConnectedSessionConversation sessionId="s1" onOpenTrace={onOpenTrace} currentTraceId="t2" live={false} />,
      server.fetch,
    )
    const turns = within(await screen.findByRole('list', { name: 'Conversation' }))
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('sl-turn'))
    expect(turns).toHaveLength(2)
    expect(turns[0]).toHaveTextContent('How do I reset my password?')
    expect(turns[0]!.querySelector('strong')).toHaveTextContent('Settings')
    expect(turns[1]).toHaveTextContent('And my <b>email</b>?')
    expect(turns[1]!.querySelector('b')).toBeNull()
    expect(turns[1]).toHaveTextContent('Same place.')
    expect(turns[1]).toHaveTextContent('1 not helpful')
    expect(turns[1]).toHaveTextContent('“too short”')
    expect(turns[1]).toHaveAttribute('aria-current', 'true')
    expect(turns[0]).toHaveTextContent('Latency 1.2 s')
    fireEvent.click(within(turns[1]!).getByRole('button', { name: 'Open trace of turn 2' }))
    expect(onOpenTrace).toHaveBeenCalledWith('t2', expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('ConnectedTraceFilters', () => {
  it('suggests the values the server has seen for the field in use, narrowed as one types', async () => {
    const traces = ['production', 'staging', 'production'].map((environment, i) => traceSummary({ id: `t${i}`, environment }))
    const server = fakeServer({ traces })
    renderWithServer(<ConnectedTraceFilters options={{ environment: ['dev'] }} applyDelay={60_000} />, server.fetch)
    const environment = screen.getByLabelText('Environment')
    const offered = () =>
      [...document.querySelectorAll(`#${CSS.escape(environment.getAttribute('list') ?? 'none')} option`)].map((o) =>
        o.getAttribute('value'),
      )
    expect(offered()).toEqual(['dev'])
    fireEvent.focus(environment)
    await waitFor(() => expect(offered()).toEqual(['dev', 'production', 'staging']))
    fireEvent.change(environment, { target: { value: 'st' } })
    await waitFor(() => expect(offered()).toEqual(['dev', 'staging']))
    expect(server.paths()).toContain('/api/v1/traces/values?field=environment&q=st&limit=20')
  })
})
