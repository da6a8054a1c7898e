import { describe, expect, it } from 'vitest'
import { ancestorIds, buildSpanModel, highlightRange, type SearchableSpan, searchSpans, visibleRows } from './span-model'

const T0 = Date.UTC(2026, 10, 26, 18, 0, 0)
const ids = (rows: { span: { id: string } }[]) => rows.map((r) => r.span.id)

/** A span starting `at` ms after T0 and lasting 100 ms; tests override only the fields they look at. */
const span = (over: Partial<SearchableSpan> & { id: string }, at = 0): SearchableSpan => ({
  parentId: null,
  name: `span ${over.id}`,
  type: 'span',
  startTime: T0 + at,
  endTime: T0 + at + 100,
  completionStartTime: null,
  ...over,
})

/** `count` spans in a tree of random depth (deterministic), listed in shuffled order. */
function manySpans(count: number, seed = 1): SearchableSpan[] {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const spans: SearchableSpan[] = []
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `s${Math.max(0, i - 1 - Math.floor(next() * Math.min(i, 8)))}`
    spans.push(span({ id: `s${i}`, parentId: parent, name: `step ${i}`, type: i % 5 === 0 ? 'generation' : 'span' }, i))
  }
  for (let i = spans.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[spans[i], spans[j]] = [spans[j]!, spans[i]!]
  }
  return spans
}

describe('buildSpanModel', () => {
  it('builds the tree from spans in any order, with places for ARIA', () => {
    const spans = [
      span({ id: 'c2', parentId: 'b', name: 'second child' }, 30),
      span({ id: 'b', parentId: 'a' }, 10),
      span({ id: 'c1', parentId: 'b', name: 'first child', model: 'gpt-4o', type: 'generation', completionStartTime: T0 + 25 }, 20),
      span({ id: 'a' }, 0),
      span({ id: 'd', parentId: 'a' }, 40),
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

  it('reads ISO times (full spans) as it reads epoch ms (skeletons)', () => {
    const iso = (at: number) => new Date(T0 + at).toISOString()
    const model = buildSpanModel([
      { id: 'a', parentId: null, startTime: iso(0), endTime: iso(100), completionStartTime: iso(25) },
      { id: 'b', parentId: 'a', startTime: iso(50), endTime: null },
      { id: 'c', parentId: 'a', startTime: T0 + 10, endTime: T0 + 300 },
    ])
    expect(ids(model.order)).toEqual(['a', 'c', 'b'])
    expect(model.order.map((r) => [r.span.startTime - T0, r.span.endTime === null ? null : r.span.endTime - T0])).toEqual([
      [0, 100],
      [10, 300],
      [50, null],
    ])
    expect([model.start - T0, model.end - T0, model.firstToken! - T0]).toEqual([0, 300, 25])
  })

  it('keeps orphans and cycles, flagged, under the root', () => {
    const model = buildSpanModel([
      span({ id: 'root' }, 0),
      span({ id: 'lost', parentId: 'missing' }, 5),
      span({ id: 'x', parentId: 'y' }, 6),
      span({ id: 'y', parentId: 'x' }, 7),
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

  it('handles a 100,000-deep chain without recursion', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => ({ id: `s${i}`, parentId: i ? `s${i - 1}` : null, startTime: i }))
    const model = buildSpanModel(spans.reverse())
    expect(model.order).toHaveLength(100_000)
    expect(model.order[99_999]!.depth).toBe(99_999)
    expect(model.subtreeEnd[0]).toBe(100_000)
    expect(visibleRows(model, new Set(['s1']), null)).toHaveLength(2)
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
      span({ id: 'a', name: 'agent run', type: 'agent' }),
      span({ id: 'b', parentId: 'a', name: 'plan' }, 1),
      span({ id: 'c', parentId: 'b', name: 'Generate Answer', model: 'gpt-4o', type: 'generation' }, 2),
      span({ id: 'd', parentId: 'a', name: 'lookup', type: 'tool' }, 3),
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
