import { buildSpanModel, type Span, type SpanSkeleton, type TraceSummary, visibleRows } from '@sightline/core'
import { SightlineError } from '@sightline/core'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../../test-utils/axe'
import { traceSummary } from '../../test-utils/traces'
import { useScrollerHeight } from '../test-utils/layout'
import { FORBIDDEN_SELECTOR, fullSpan, INJECTIONS, manySpans, score, skeleton } from '../test-utils/spans'
import { TraceViewer } from './trace-viewer'

const trace: TraceSummary = traceSummary({ id: 'trace-1', name: 'support-agent', startTime: '2026-11-26T18:00:00.000Z' })

// Out of order on purpose: the tree sorts by start time.
const spans: SpanSkeleton[] = [
  skeleton({ id: 'answer', parentId: 'agent', name: 'answer', type: 'generation', model: 'gpt-4o' }, 300),
  skeleton({ id: 'tool', parentId: 'agent', name: 'lookup_order', type: 'tool', status: 'error', statusMessage: 'timed out' }, 200),
  skeleton({ id: 'agent', name: 'support-agent', type: 'agent' }, 0),
  skeleton({ id: 'plan', parentId: 'agent', name: 'plan', type: 'generation', model: 'gpt-4o-mini' }, 100),
  skeleton({ id: 'plan-call', parentId: 'plan', name: 'http call' }, 110),
]

useScrollerHeight()

const items = () => screen.getAllByRole('treeitem')
const names = () => items().map((i) => i.querySelector('.sl-tree__name')!.textContent)
const focused = () => (document.activeElement as HTMLElement).dataset.spanId
const key = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k })

describe('TraceViewer', () => {
  it('shows the tree with levels, sizes and positions, and the totals', async () => {
    const { container } = render(
      <TraceViewer trace={trace} spans={spans} scores={[score({ id: 'fb1' }), score({ id: 'fb2', value: false })]} />,
    )
    expect(screen.getByRole('article', { name: 'Trace support-agent' })).toHaveAttribute('data-trace-id', 'trace-1')
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('support-agent')
    const tree = screen.getByRole('tree', { name: 'Spans' })
    expect(tree).toHaveAttribute('data-span-count', '5')
    expect(names()).toEqual(['support-agent', 'plan', 'http call', 'lookup_order', 'answer'])
    const [agent, plan, call, tool] = items()
    expect(agent).toHaveAttribute('aria-level', '1')
    expect(agent).toHaveAttribute('aria-expanded', 'true')
    expect(plan).toHaveAttribute('aria-level', '2')
    expect(plan).toHaveAttribute('aria-posinset', '1')
    expect(plan).toHaveAttribute('aria-setsize', '3')
    expect(call).not.toHaveAttribute('aria-expanded')
    expect(tool).toHaveTextContent('Error')
    expect(items().map((i) => i.tabIndex)).toEqual([0, -1, -1, -1, -1])
    expect(screen.getByText('Time to first token')).toBeInTheDocument()
    expect(screen.getByText('1 helpful, 1 not helpful')).toBeInTheDocument()
    expect(screen.getByRole('list', { name: 'Scores' }).querySelectorAll('[data-score-id]')).toHaveLength(2)
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows the host’s actions in its header', () => {
    render(<TraceViewer trace={trace} spans={spans} actions={<button type="button">Add to dataset</button>} />)
    const header = document.querySelector('.sl-trace-viewer__header') as HTMLElement
    expect(within(header).getByRole('button', { name: 'Add to dataset' })).toBeTruthy()
  })

  it('walks the tree with the keyboard (roving tabindex) and selects with Enter', () => {
    const onSelectedSpanChange = vi.fn()
    render(<TraceViewer.Root trace={trace} spans={spans} onSelectedSpanChange={onSelectedSpanChange} />)
    items()[0]!.focus()
    key('ArrowDown')
    expect(focused()).toBe('plan')
    key('ArrowRight') // open: go to the first child
    expect(focused()).toBe('plan-call')
    key('ArrowLeft') // a leaf: go to the parent
    expect(focused()).toBe('plan')
    key('ArrowLeft') // open: collapse
    expect(items().find((i) => i.dataset.spanId === 'plan')).toHaveAttribute('aria-expanded', 'false')
    expect(names()).toEqual(['support-agent', 'plan', 'lookup_order', 'answer'])
    key('ArrowRight') // closed: open
    expect(names()).toHaveLength(5)
    key('End')
    expect(focused()).toBe('answer')
    key('Home')
    expect(focused()).toBe('agent')
    key('ArrowUp')
    expect(focused()).toBe('agent')
    key('ArrowDown')
    key('ArrowDown')
    key('ArrowDown')
    expect(focused()).toBe('tool')
    expect(items().map((i) => i.tabIndex)).toEqual([-1, -1, -1, 0, -1])

    key('Enter')
    expect(onSelectedSpanChange).toHaveBeenLastCalledWith('tool')
    const detail = screen.getByRole('region', { name: 'lookup_order' })
    expect(detail).toHaveTextContent('timed out')
    expect(items()[3]).toHaveAttribute('aria-selected', 'true')
  })

  it('lets a consumer handle keys first', () => {
    const onSelectedSpanChange = vi.fn()
    render(
      <TraceViewer.Root trace={trace} spans={spans} onSelectedSpanChange={onSelectedSpanChange}>
        <TraceViewer.Tree onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
      </TraceViewer.Root>,
    )
    items()[0]!.focus()
    key('Enter')
    expect(onSelectedSpanChange).not.toHaveBeenCalled()
  })

  it('expands and collapses everything, and a deep link opens the way to its span', () => {
    const { rerender } = render(<TraceViewer.Root trace={trace} spans={spans} selectedSpanId={null} />)
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }))
    expect(names()).toEqual(['support-agent'])
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }))
    expect(names()).toHaveLength(5)
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }))
    rerender(<TraceViewer.Root trace={trace} spans={spans} selectedSpanId="plan-call" />)
    expect(names()).toEqual(['support-agent', 'plan', 'http call', 'lookup_order', 'answer'])
    expect(items()[2]).toHaveAttribute('aria-selected', 'true')
  })

  it('searches spans by name, model and type, keeping their parents', () => {
    render(<TraceViewer.Root trace={trace} spans={spans} />)
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search spans' }), { target: { value: 'gpt-4o-mini' } })
    expect(names()).toEqual(['support-agent', 'plan'])
    expect(items()[1]).toHaveAttribute('data-match', 'true')
    expect(items()[0]).toHaveAttribute('data-match', 'false')
    expect(screen.getByText('1 of 5 spans match')).toBeInTheDocument()
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'http' } })
    expect(items()[2]!.querySelector('mark')).toHaveTextContent('http')
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Escape' })
    expect(names()).toHaveLength(5)
  })

  it('flags orphans and cycles and drops nothing', async () => {
    render(
      <TraceViewer.Root
        trace={trace}
        spans={[
          skeleton({ id: 'r' }),
          skeleton({ id: 'o', parentId: 'gone' }, 1),
          skeleton({ id: 'x', parentId: 'y' }, 2),
          skeleton({ id: 'y', parentId: 'x' }, 3),
        ]}
      />,
    )
    expect(items()).toHaveLength(4)
    expect(screen.getByText('Orphan')).toBeInTheDocument()
    expect(screen.getByText('Cycle')).toBeInTheDocument()
    // The flag's explanation is in its row's accessible name, and a tooltip for the pointer.
    const orphan = screen.getByText('Orphan')
    expect(orphan.closest('[role="treeitem"]')).toHaveAccessibleName(/Orphan\s*: Its parent span is not in the trace/)
    fireEvent.pointerMove(orphan, { pointerType: 'mouse' })
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Its parent span is not in the trace')
  })

  it('keeps all of 50,000 spans reachable: End reaches the last one', () => {
    const many = manySpans(50_000)
    render(<TraceViewer.Root trace={trace} spans={many} />)
    const tree = screen.getByRole('tree')
    expect(tree).toHaveAttribute('data-span-count', '50000')
    expect(tree).toHaveAttribute('data-row-count', '50000')
    // Virtualized: a screenful, not 50,000 elements.
    expect(items().length).toBeLessThan(100)
    items()[0]!.focus()
    key('End')
    const expected = visibleRows(buildSpanModel(many), new Set(), null).at(-1)!.span.id
    expect(focused()).toBe(expected)
    expect(document.activeElement).toHaveAttribute('aria-level', String(buildSpanModel(many).tree.byId.get(expected)!.depth + 1))
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }))
    expect(tree).toHaveAttribute('data-row-count', '1')
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }))
    expect(tree).toHaveAttribute('data-row-count', '50000')
    items()[0]!.focus()
    key('End')
    expect(focused()).toBe(expected)
    key('Enter')
    expect(screen.getByRole('region', { name: many.find((s) => s.id === expected)!.name })).toBeInTheDocument()
  }, 60_000)
})

describe('TraceViewer.Detail', () => {
  const generation: Span = fullSpan({
    id: 'gen',
    name: 'generate',
    type: 'generation',
    model: 'gpt-4o',
    provider: 'openai',
    modelParameters: { temperature: 0.2 },
    usage: { input: 100, output: 20, total: 120, cacheRead: null, cacheWrite: null, reasoning: null },
    cost: { input: 0.001, output: 0.002, total: 0.003, source: 'computed' },
    input: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ],
    output: [{ role: 'assistant', content: 'Hi **there**' }],
    attributes: { 'gen_ai.system': 'openai' },
  })

  it('shows a full span: conversation, parameters, usage and cost, attributes, span scores', async () => {
    const { container } = render(
      <TraceViewer.Root
        trace={trace}
        spans={[generation]}
        defaultSelectedSpanId="gen"
        scores={[score({ id: 's1', spanId: 'gen', name: 'accuracy', value: 0.8, source: 'eval' })]}
      >
        <TraceViewer.Detail />
      </TraceViewer.Root>,
    )
    const detail = screen.getByRole('region', { name: 'generate' })
    expect(within(detail).getByRole('list', { name: 'Input messages' })).toHaveTextContent('Be brief.')
    expect(within(detail).getByRole('list', { name: 'Output messages' }).querySelector('strong')).toHaveTextContent('there')
    expect(detail).toHaveTextContent('120 (100 in, 20 out)')
    expect(detail).toHaveTextContent('$0.0030')
    expect(within(detail).getByRole('group', { name: 'Model parameters' })).toHaveTextContent('temperature')
    expect(within(detail).getByRole('group', { name: 'Attributes' })).toHaveTextContent('gen_ai.system')
    expect(within(detail).getByRole('list', { name: 'Span scores' })).toHaveTextContent('accuracy')
    expect(await axeViolations(container)).toEqual([])
  })

  it('waits for the payloads of a skeleton span, and reports a failed load', () => {
    const onRetry = vi.fn()
    const { rerender } = render(
      <TraceViewer.Root trace={trace} spans={spans} selectedSpanId="answer" spanDetail={{ loading: true }}>
        <TraceViewer.Detail />
      </TraceViewer.Root>,
    )
    expect(screen.getByText('Loading input…')).toBeInTheDocument()
    rerender(
      <TraceViewer.Root trace={trace} spans={spans} selectedSpanId="answer" spanDetail={{ error: new Error('HTTP 500'), onRetry }}>
        <TraceViewer.Detail />
      </TraceViewer.Root>,
    )
    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]!)
    expect(onRetry).toHaveBeenCalled()
  })

  it('reads the epoch-ms times of a skeleton span: start, running or not, first token on the bar', () => {
    const gen = skeleton({ id: 'gen', name: 'generate', type: 'generation', completionStartTime: Date.parse('2026-11-26T18:00:00.040Z') })
    const { rerender } = render(<TraceViewer.Root trace={trace} spans={[gen]} selectedSpanId="gen" spanDetail={{ loading: true }} />)
    const detail = () => screen.getByRole('region', { name: 'generate' })
    expect(detail().querySelector('time')).toHaveAttribute('datetime', '2026-11-26T18:00:00.000Z')
    expect(within(detail()).getByText('Time to first token').nextElementSibling).toHaveTextContent('40 ms')
    expect(within(detail()).getByText('Latency').nextElementSibling).toHaveTextContent('100 ms')
    expect(document.querySelector<HTMLElement>('.sl-timeline__ttft')!.style.left).toBe('40%')
    rerender(<TraceViewer.Root trace={trace} spans={[{ ...gen, endTime: null, latencyMs: null }]} selectedSpanId="gen" />)
    expect(within(detail()).getByText('Latency').nextElementSibling).toHaveTextContent('Running')
  })

  it.each(INJECTIONS)('renders %s inert in every field of the detail and the tree', (text) => {
    const hostile = fullSpan({
      id: 'evil',
      name: text,
      type: 'generation',
      model: text,
      status: 'error',
      statusMessage: text,
      input: [{ role: text, content: text, toolCalls: [{ name: text, arguments: { [text]: text } }] }],
      output: text,
      modelParameters: { [text]: text },
      attributes: { [text]: { nested: text } },
    })
    const { container } = render(
      <TraceViewer.Root
        trace={{ ...trace, name: text }}
        spans={[hostile]}
        defaultSelectedSpanId="evil"
        scores={[score({ id: 'c', comment: text, spanId: 'evil' })]}
      />,
    )
    expect(container.querySelector(FORBIDDEN_SELECTOR)).toBeNull()
    expect(screen.getByRole('treeitem')).toHaveTextContent(text.slice(0, 10))
  })
})

describe('TraceViewer actions', () => {
  it('shows each span’s tokens and cost as chips on its row', () => {
    const priced = [
      skeleton({ id: 'agent', name: 'agent', type: 'agent' }, 0),
      skeleton(
        {
          id: 'llm',
          parentId: 'agent',
          name: 'answer',
          type: 'generation',
          usage: { input: 1000, output: 234, total: 1234, cacheRead: null, cacheWrite: null, reasoning: null },
          cost: { input: 0.001, output: 0.0002, total: 0.0012, source: 'computed' },
        },
        10,
      ),
    ]
    render(<TraceViewer trace={trace} spans={priced} />)
    const [agent, llm] = items()
    expect(agent!.querySelector('.sl-tree__chip')).toBeNull()
    const chips = [...llm!.querySelectorAll('.sl-tree__chip')]
    expect(chips.map((c) => c.getAttribute('data-kind'))).toEqual(['tokens', 'cost'])
    // Seen as "1.2K tok", heard as "1.2K tokens".
    expect(chips[0]!.querySelector('[aria-hidden="true"]')).toHaveTextContent('tok')
    expect(llm).toHaveAccessibleName(/1\.2K tokens \$0\.0012/)
  })

  it('copies the trace, session and span ids and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { container } = render(<TraceViewer trace={trace} spans={spans} defaultSelectedSpanId="tool" />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy trace id' }))
    expect(writeText).toHaveBeenLastCalledWith('trace-1')
    await waitFor(() => expect(screen.getByText('Copied trace id')).toHaveAttribute('role', 'status'))
    fireEvent.click(screen.getByRole('button', { name: 'Copy session id' }))
    expect(writeText).toHaveBeenLastCalledWith('session-1')
    await screen.findByText('Copied session id')
    fireEvent.click(screen.getByRole('button', { name: 'Copy span id' }))
    expect(writeText).toHaveBeenLastCalledWith('tool')
    await screen.findByText('Copied span id')
    expect(await axeViolations(container)).toEqual([])

    writeText.mockImplementationOnce(() => Promise.reject(new Error('denied')))
    fireEvent.click(screen.getByRole('button', { name: 'Copy trace id' }))
    await screen.findByText('Could not copy: select the trace id and copy it')
  })
})

describe('TraceViewer.Root states', () => {
  it('says when the server has no such trace (404), and can look again', async () => {
    const onRetry = vi.fn()
    const { container } = render(
      <TraceViewer.Root traceId="tr-missing" error={new SightlineError(404, 'not_found', 'trace not found')} onRetry={onRetry} />,
    )
    expect(screen.getByRole('article')).toHaveAttribute('data-state', 'not-found')
    expect(screen.getByRole('heading', { name: 'Trace not found' })).toBeInTheDocument()
    expect(screen.getByText('tr-missing')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Look again' }))
    expect(onRetry).toHaveBeenCalled()
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows loading and error states', async () => {
    const onRetry = vi.fn()
    const { rerender, container } = render(<TraceViewer.Root loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading trace…')
    rerender(<TraceViewer.Root error={new Error('trace not found')} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the trace: trace not found')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
    expect(await axeViolations(container)).toEqual([])
  })

  it('throws a helpful error for a part outside the root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<TraceViewer.Tree />)).toThrow(
      '<TraceViewer.Tree> must be used inside <TraceViewer>, <TraceViewer.Root> or <ConnectedTraceViewer>.',
    )
  })

  it('keeps the timeline on the rows the tree shows', () => {
    render(<TraceViewer.Root trace={trace} spans={manySpans(500)} />)
    const tree = screen.getByRole('tree')
    const canvas = document.querySelector<HTMLElement>('.sl-timeline__canvas')!
    const bars = () => [...document.querySelectorAll<HTMLElement>('.sl-timeline__row')].map((r) => r.dataset.spanId)
    const before = bars()
    expect(before).toEqual(items().map((i) => i.dataset.spanId))
    act(() => {
      tree.scrollTop = 2800
      fireEvent.scroll(tree)
    })
    expect(canvas.style.transform).toBe('translateY(-2800px)')
    expect(bars()).toEqual(items().map((i) => i.dataset.spanId))
    expect(bars()).not.toEqual(before)
  })
})
