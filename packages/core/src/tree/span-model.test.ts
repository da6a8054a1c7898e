import { describe, expect, it } from 'vitest'
import { manySpans, skeleton } from '../test-utils/spans'
import { ancestorIds, buildSpanModel, highlightRange, searchSpans, visibleRows } from './span-model'

const ids = (rows: { span: { id: string } }[]) => rows.map((r) => r.span.id)

describe('buildSpanModel', () => {
  it('builds the tree from spans in any order, with places for ARIA', () => {
    const spans = [
      skeleton({ id: 'c2', parentId: 'b', name: 'second child' }, 30),
      skeleton({ id: 'b', parentId: 'a' }, 10),
      skeleton(
        {
          id: 'c1',
          parentId: 'b',
          name: 'first child',
          model: 'gpt-4o',
          type: 'generation',
          completionStartTime: new Date(Date.UTC(2026, 10, 26, 18, 0, 0, 25)).toISOString(),
        },
        20,
      ),
      skeleton({ id: 'a' }, 0),
      skeleton({ id: 'd', parentId: 'a' }, 40),
    ]
    const model = buildSpanModel(spans)
    expect(ids(visibleRows(model, new Set(), null))).toEqual(['a', 'b', 'c1', 'c2', 'd'])
    expect(model.count).toBe(5)
    expect(model.places.get('c2')).toMatchObject({ position: 2, siblings: 2 })
    expect(model.places.get('d')).toMatchObject({ position: 2, siblings: 2 })
    expect(model.places.get('a')).toMatchObject({ parent: null, position: 1, siblings: 1 })
    expect(model.parents.sort()).toEqual(['a', 'b'])
    expect(model.end - model.start).toBe(140)
    expect(model.firstToken! - model.start).toBe(25)
    expect(ancestorIds(model, 'c2')).toEqual(['b', 'a'])
    expect(ids(visibleRows(model, new Set(['b']), null))).toEqual(['a', 'b', 'd'])
  })

  it('keeps orphans and cycles, flagged, under the root', () => {
    const model = buildSpanModel([
      skeleton({ id: 'root' }, 0),
      skeleton({ id: 'lost', parentId: 'missing' }, 5),
      skeleton({ id: 'x', parentId: 'y' }, 6),
      skeleton({ id: 'y', parentId: 'x' }, 7),
    ])
    const rows = visibleRows(model, new Set(), null)
    expect(rows).toHaveLength(4)
    expect(rows.find((r) => r.span.id === 'lost')).toMatchObject({ orphan: true, depth: 1 })
    expect(rows.filter((r) => r.cycle)).toHaveLength(1)
    expect(model.tree.orphanCount).toBe(1)
    expect(model.tree.cycleCount).toBe(1)
  })

  it('never drops a span of a large shuffled trace', () => {
    const model = buildSpanModel(manySpans(20_000))
    expect(visibleRows(model, new Set(), null)).toHaveLength(20_000)
    expect(visibleRows(model, new Set(model.parents), null)).toHaveLength(1)
  })

  it('skips collapsed and unsearched subtrees exactly as a walk of the tree would', () => {
    const model = buildSpanModel(manySpans(3_000, 7))
    // The reference: a plain recursive walk.
    const walk = (collapsed: ReadonlySet<string>, keep: ReadonlySet<string> | null) => {
      const out: string[] = []
      const visit = (n: (typeof model.tree.roots)[number]) => {
        if (keep && !keep.has(n.span.id)) return
        out.push(n.span.id)
        if (keep || !collapsed.has(n.span.id)) n.children.forEach(visit)
      }
      model.tree.roots.forEach(visit)
      return out
    }
    expect(visibleRows(model, new Set(), null)).toBe(model.order)
    expect(ids(model.order)).toEqual(walk(new Set(), null))
    const some = new Set(model.parents.filter((_, i) => i % 3 === 0))
    expect(ids(visibleRows(model, some, null))).toEqual(walk(some, null))
    const search = searchSpans(model, 'step 1')!
    expect(ids(visibleRows(model, some, search.keep))).toEqual(walk(some, search.keep))
    expect(model.order.every((row, i) => model.orderIndex.get(row.span.id) === i)).toBe(true)
  })
})

describe('searchSpans', () => {
  it('matches name, model and type, and keeps the ancestors of matches', () => {
    const model = buildSpanModel([
      skeleton({ id: 'a', name: 'agent run', type: 'agent' }),
      skeleton({ id: 'b', parentId: 'a', name: 'plan' }, 1),
      skeleton({ id: 'c', parentId: 'b', name: 'Generate Answer', model: 'gpt-4o', type: 'generation' }, 2),
      skeleton({ id: 'd', parentId: 'a', name: 'lookup', type: 'tool' }, 3),
    ])
    expect(searchSpans(model, '  ')).toBeNull()
    const byModel = searchSpans(model, 'GPT-4o')!
    expect([...byModel.matches]).toEqual(['c'])
    expect(ids(visibleRows(model, new Set(['a', 'b']), byModel.keep))).toEqual(['a', 'b', 'c'])
    expect([...searchSpans(model, 'tool')!.matches]).toEqual(['d'])
    expect([...searchSpans(model, 'generate gpt')!.matches]).toEqual(['c'])
    expect(highlightRange('Generate Answer', ['answer'])).toEqual([9, 15])
  })
})
