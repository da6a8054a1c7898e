import { describe, expect, it } from 'vitest'
import { buildSpanTree, type SpanNode, type TreeSpan } from './build-span-tree'

const span = (id: string, parentId: string | null, startTime: number): TreeSpan => ({ id, parentId, startTime })
/** The tree depth first, one line a span (small trees only: this walk recurses). */
const shape = (tree: ReturnType<typeof buildSpanTree>) => {
  const lines: string[] = []
  const visit = (n: SpanNode) => {
    lines.push(`${'  '.repeat(n.depth)}${n.span.id}${n.orphan ? ' (orphan)' : ''}${n.cycle ? ' (cycle)' : ''}`)
    n.children.forEach(visit)
  }
  tree.roots.forEach(visit)
  return lines
}

describe('buildSpanTree', () => {
  it('builds the same tree whatever order spans come in', () => {
    const spans = [span('root', null, 0), span('a', 'root', 10), span('b', 'root', 5), span('a1', 'a', 11), span('a2', 'a', 12)]
    const expected = ['root', '  b', '  a', '    a1', '    a2']
    expect(shape(buildSpanTree(spans))).toEqual(expected)
    expect(shape(buildSpanTree([...spans].reverse()))).toEqual(expected)
    expect(shape(buildSpanTree([3, 0, 4, 2, 1].map((i) => spans[i]!)))).toEqual(expected)
  })

  it('accepts ISO times and orders siblings by start, then id', () => {
    const tree = buildSpanTree([
      { id: 'r', parentId: null, startTime: '2026-01-01T00:00:00Z' },
      { id: 'y', parentId: 'r', startTime: '2026-01-01T00:00:01Z' },
      { id: 'x', parentId: 'r', startTime: '2026-01-01T00:00:01Z' },
    ])
    expect(tree.roots[0]!.children.map((c) => c.span.id)).toEqual(['x', 'y'])
  })

  it('hangs spans with a missing parent under the root, flagged', () => {
    const tree = buildSpanTree([span('root', null, 0), span('lost', 'gone', 5), span('lost-child', 'lost', 6)])
    expect(shape(tree)).toEqual(['root', '  lost (orphan)', '    lost-child'])
    expect(tree.orphanCount).toBe(1)
  })

  it('makes orphans roots when there is no single root', () => {
    const tree = buildSpanTree([span('x', 'gone', 5), span('y', 'gone', 1)])
    expect(shape(tree)).toEqual(['y (orphan)', 'x (orphan)'])
  })

  it('cuts cycles at their earliest span and drops nothing', () => {
    const tree = buildSpanTree([
      span('root', null, 0),
      span('a', 'b', 20),
      span('b', 'c', 10),
      span('c', 'a', 30),
      span('a-child', 'a', 1),
      span('self', 'self', 40),
    ])
    expect(tree.cycleCount).toBe(2)
    expect(shape(tree)).toEqual(['root', '  b (cycle)', '    a', '      a-child', '      c', '  self (cycle)'])
    expect(tree.byId.size).toBe(6)
  })

  it('handles a 100,000-deep chain without recursion', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : null, i))
    const tree = buildSpanTree(spans.reverse())
    expect(tree.byId.size).toBe(100_000)
    expect(tree.roots.map((n) => n.span.id)).toEqual(['s0'])
    expect(tree.byId.get('s99999')!.depth).toBe(99_999)
  })

  it('keeps the last of duplicate ids', () => {
    const tree = buildSpanTree([span('r', null, 0), span('a', 'r', 1), { ...span('a', 'r', 2) }])
    expect(tree.roots[0]!.children).toHaveLength(1)
    expect(tree.roots[0]!.children[0]!.span.startTime).toBe(2)
  })
})
