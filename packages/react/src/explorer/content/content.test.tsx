import type { JsonValue } from '@sightline/core'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../../test-utils/axe'
import { FORBIDDEN_SELECTOR, INJECTIONS } from '../test-utils/spans'
import { JsonViewer } from './json-viewer'
import { Markdown, parseInline, parseMarkdown } from './markdown'
import { PayloadView } from './payload-view'
import { safeHref } from './safe-url'

describe('safeHref', () => {
  it('keeps http(s) URLs only', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1')
    expect(safeHref(' http://example.com ')).toBe('http://example.com/')
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      '/relative',
      '//evil.example',
      'https://',
      'mailto:a@b.c',
    ])
      expect(safeHref(bad), bad).toBeNull()
  })
})

describe('parseMarkdown', () => {
  it('reads blocks and inline markup', () => {
    expect(parseMarkdown('# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n```\nx < y\n```\n> quoted')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Some ' },
          { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'code', text: 'code' },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'list', ordered: false, start: 1, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]] },
      { type: 'code', text: 'x < y' },
      { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted' }] }] },
    ])
  })

  it('leaves snake_case and lone markers alone', () => {
    expect(parseInline('call get_user_name now * 2')).toEqual([{ type: 'text', text: 'call get_user_name now * 2' }])
  })

  // Scans are linear or bounded: a quadratic one would run into the test's timeout here.
  it('finishes on hostile input', () => {
    const hostile = '*a'.repeat(50_000) + '[x'.repeat(20_000) + '`'.repeat(5_000) + '_b'.repeat(20_000) + '> '.repeat(10_000)
    expect(parseMarkdown(hostile).length).toBeGreaterThan(0)
  })
})

describe('Markdown', () => {
  it('renders safe links with rel, and other links as text', () => {
    const { container } = render(
      <Markdown text={'See [docs](https://docs.example/a) or <https://x.example>.\n\n[bad](javascript:alert(1))'} />,
    )
    const links = screen.getAllByRole('link')
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://docs.example/a', 'https://x.example/'])
    for (const a of links) {
      expect(a).toHaveAttribute('rel', 'noopener noreferrer nofollow')
      expect(a).toHaveAttribute('target', '_blank')
    }
    expect(container).toHaveTextContent('bad')
    expect(container.querySelector('a[href^="javascript"]')).toBeNull()
  })

  it.each(INJECTIONS)('renders %s as inert text', (text) => {
    const { container } = render(<Markdown text={`before ${text} after`} />)
    expect(container.querySelector(FORBIDDEN_SELECTOR)).toBeNull()
    expect(container).toHaveTextContent('before')
    expect(container).toHaveTextContent('after')
  })

  it('shows raw HTML as the text it is', () => {
    const { container } = render(<Markdown text="<script>window.__pwned = 1</script>" />)
    expect(container).toHaveTextContent('<script>window.__pwned = 1</script>')
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })
})

describe('JsonViewer', () => {
  it('opens lazily, pages long lists and cuts long strings', async () => {
    const big = { items: Array.from({ length: 1000 }, (_, i) => ({ i })), text: 'x'.repeat(10_000), nested: { deep: { deeper: 1 } } }
    const { container } = render(<JsonViewer value={big} label="Output" />)
    const viewer = screen.getByRole('group', { name: 'Output' })
    // Only the top level is open: nothing of the 1,000 items is in the DOM yet.
    expect(within(viewer).getByRole('button', { name: /^items.*1,000 items/ })).toHaveAttribute('aria-expanded', 'false')
    expect(container.querySelectorAll('li').length).toBe(3)
    expect(container).toHaveTextContent('Show more (9,700 more characters)')

    fireEvent.click(within(viewer).getByRole('button', { name: /^items/ }))
    expect(container.querySelectorAll('.sl-json__children .sl-json__children > li').length).toBe(100)
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more of 900' }))
    expect(container.querySelectorAll('.sl-json__children .sl-json__children > li').length).toBe(200)
    expect(await axeViolations(container)).toEqual([])
  }, 60_000)

  it('renders a multi-megabyte payload as a handful of elements', () => {
    const value = { rows: Array.from({ length: 100_000 }, (_, i) => ({ i, text: 'lorem ipsum '.repeat(4) })), blob: 'x'.repeat(3_000_000) }
    const { container } = render(<JsonViewer value={value} label="Output" defaultExpandDepth={2} />)
    expect(container.querySelectorAll('*').length).toBeLessThan(2_000)
    expect(container).toHaveTextContent('Show 100 more of 99,900')
    expect(container.textContent!.length).toBeLessThan(100_000)
  })

  it('renders keys and values of hostile JSON as text', () => {
    const value = Object.fromEntries(INJECTIONS.map((s, i) => [s, { [`k${i}`]: s }]))
    const { container } = render(<JsonViewer value={value} label="Attributes" defaultExpandDepth={3} />)
    expect(container.querySelector(FORBIDDEN_SELECTOR)).toBeNull()
    expect(container).toHaveTextContent('<img src=x onerror="window.__pwned = 1">')
  })
})

describe('PayloadView', () => {
  it('shows chat messages as a conversation with tool calls and results', async () => {
    const messages: JsonValue = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is order **4821**?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: { orderId: '4821' } }] },
      { role: 'tool', content: '{"status":"shipped"}', toolCallId: 'call_1' },
      { role: 'assistant', content: 'It shipped.' },
    ]
    const { container } = render(<PayloadView value={messages} label="Input" />)
    const list = screen.getByRole('list', { name: 'Input messages' })
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === list)
    expect(items.map((li) => li.dataset.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant'])
    expect(items[1]!.querySelector('strong')).toHaveTextContent('4821')
    expect(within(items[2]!).getByRole('list', { name: 'Tool calls' })).toHaveTextContent('lookup_order')
    expect(within(items[3]!).getByRole('group', { name: 'Tool result content' })).toHaveTextContent('shipped')
    expect(await axeViolations(container)).toEqual([])

    const raw = screen.getByRole('button', { name: 'Raw JSON' })
    expect(raw).toHaveAttribute('aria-pressed', 'false')
    fireEvent.click(raw)
    expect(raw).toHaveAttribute('aria-pressed', 'true')
    expect(raw).toHaveAttribute('data-state', 'on')
    expect(screen.getByRole('group', { name: 'Input' })).toBeInTheDocument()
    fireEvent.click(raw)
    expect(screen.getByRole('list', { name: 'Input messages' })).toBeInTheDocument()
  })

  it.each(INJECTIONS)('keeps %s inert in messages, text and JSON', (text) => {
    const { container } = render(
      <>
        <PayloadView
          value={[
            { role: 'user', content: text },
            { role: 'assistant', content: text, toolCalls: [{ name: text, arguments: text }] },
          ]}
          label="A"
        />
        <PayloadView value={text} label="B" />
        <PayloadView value={{ [text]: text }} label="C" />
      </>,
    )
    expect(container.querySelector(FORBIDDEN_SELECTOR)).toBeNull()
  })
})
