import { buildSpanTree, type SpanNode, type SpanTree, type TreeSpan } from './build-span-tree'

/** What the span model reads of a span: full spans and skeletons alike, times as epoch ms or ISO strings. */
export interface ModelSpan extends TreeSpan {
  endTime?: string | number | null
  completionStartTime?: string | number | null
}

/** What `searchSpans` matches: name, model, type and provider. */
export interface SearchableSpan extends ModelSpan {
  name: string
  type: string
  model?: string | null
  provider?: string | null
}

/** A span with its times as epoch ms, parsed once, so sorting 50,000 spans compares numbers. */
export interface TimedSpan<S extends ModelSpan = ModelSpan> {
  id: string
  parentId: string | null
  startTime: number
  endTime: number | null
  span: S
}

export type SpanRow<S extends ModelSpan = ModelSpan> = SpanNode<TimedSpan<S>>

export interface SpanPlace<S extends ModelSpan = ModelSpan> {
  /** the node this one hangs under in the tree (orphans hang under the root), null for roots */
  parent: SpanRow<S> | null
  /** 1-based position among its siblings, and their number (aria-posinset / aria-setsize) */
  position: number
  siblings: number
}

export interface SpanModel<S extends ModelSpan = ModelSpan> {
  tree: SpanTree<TimedSpan<S>>
  places: Map<string, SpanPlace<S>>
  /** every span depth first: the rows when nothing is collapsed */
  order: SpanRow<S>[]
  /** a span id → its index in `order` */
  orderIndex: Map<string, number>
  /** for each index in `order`, the index just past its subtree: collapsing skips to it */
  subtreeEnd: Int32Array
  /** ids of spans with children: what "collapse all" collapses */
  parents: string[]
  count: number
  /** the time range the spans cover, epoch ms */
  start: number
  end: number
  /** the first token of the earliest generation, epoch ms */
  firstToken: number | null
}

const toMs = (t: string | number | null | undefined): number | null => {
  if (t == null) return null
  const ms = typeof t === 'number' ? t : Date.parse(t)
  return Number.isNaN(ms) ? null : ms
}

/**
 * Builds the span tree (non-recursive, nothing dropped) with what a tree view needs: places for
 * ARIA, the depth-first order with each subtree's end, and the time range.
 */
export function buildSpanModel<S extends ModelSpan>(spans: readonly S[]): SpanModel<S> {
  let start = Infinity
  let end = -Infinity
  let firstToken: number | null = null
  const items: TimedSpan<S>[] = new Array(spans.length)
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!
    const s = toMs(span.startTime) ?? 0
    const e = toMs(span.endTime)
    const ft = toMs(span.completionStartTime)
    if (s < start) start = s
    if ((e ?? s) > end) end = e ?? s
    if (ft !== null && (firstToken === null || ft < firstToken)) firstToken = ft
    items[i] = { id: span.id, parentId: span.parentId, startTime: s, endTime: e, span }
  }
  const tree = buildSpanTree(items)
  const places = new Map<string, SpanPlace<S>>()
  const parents: string[] = []
  const place = (list: SpanRow<S>[], parent: SpanRow<S> | null) => {
    for (let i = 0; i < list.length; i++) places.set(list[i]!.span.id, { parent, position: i + 1, siblings: list.length })
  }
  place(tree.roots, null)
  for (const node of tree.byId.values())
    if (node.children.length) {
      parents.push(node.span.id)
      place(node.children, node)
    }
  if (!spans.length) start = end = 0

  const order: SpanRow<S>[] = []
  const orderIndex = new Map<string, number>()
  const subtreeEnd = new Int32Array(tree.byId.size)
  // Depth first without recursion; a node's subtree ends when the walk comes back to it (pushed as ~index).
  const stack: (SpanRow<S> | number)[] = []
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push(tree.roots[i]!)
  while (stack.length) {
    const top = stack.pop()!
    if (typeof top === 'number') {
      subtreeEnd[~top] = order.length
      continue
    }
    orderIndex.set(top.span.id, order.length)
    stack.push(~order.length)
    order.push(top)
    for (let i = top.children.length - 1; i >= 0; i--) stack.push(top.children[i]!)
  }
  return { tree, places, parents, order, orderIndex, subtreeEnd, count: tree.byId.size, start, end, firstToken }
}

/**
 * The rows on screen, depth first. Children of collapsed spans are skipped; with `keep` (a search),
 * only kept spans show and collapsing is ignored so every match is reachable. With nothing
 * collapsed and no search this is `model.order` itself, so "expand all" costs nothing.
 */
export function visibleRows<S extends ModelSpan>(
  model: SpanModel<S>,
  collapsed: ReadonlySet<string>,
  keep: ReadonlySet<string> | null,
): SpanRow<S>[] {
  const { order, subtreeEnd } = model
  if (!keep && !collapsed.size) return order
  const rows: SpanRow<S>[] = []
  for (let i = 0; i < order.length; ) {
    const id = order[i]!.span.id
    // A span left out of `keep` has no match below it (matches keep their ancestors): skip it all.
    if (keep && !keep.has(id)) i = subtreeEnd[i]!
    else {
      rows.push(order[i]!)
      i = !keep && collapsed.has(id) ? subtreeEnd[i]! : i + 1
    }
  }
  return rows
}

/** Ids of the ancestors of a span in the tree, nearest first. */
export function ancestorIds<S extends ModelSpan>(model: SpanModel<S>, id: string): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (let p = model.places.get(id)?.parent; p && !seen.has(p.span.id); p = model.places.get(p.span.id)?.parent) {
    seen.add(p.span.id)
    out.push(p.span.id)
  }
  return out
}

export interface SpanSearch {
  /** lower-cased words of the query */
  words: string[]
  matches: Set<string>
  /** matches and their ancestors: what the tree shows while searching */
  keep: Set<string>
}

const searchText = (s: SearchableSpan) => `${s.name}\n${s.model ?? ''}\n${s.type}\n${s.provider ?? ''}`.toLowerCase()

/** Spans whose name, model, type or provider contain every word of the query; null for an empty query. */
export function searchSpans<S extends SearchableSpan>(model: SpanModel<S>, query: string): SpanSearch | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return null
  const matches = new Set<string>()
  const keep = new Set<string>()
  for (const node of model.tree.byId.values()) {
    const text = searchText(node.span.span)
    if (!words.every((w) => text.includes(w))) continue
    matches.add(node.span.id)
    keep.add(node.span.id)
    for (let p = model.places.get(node.span.id)?.parent; p && !keep.has(p.span.id); p = model.places.get(p.span.id)?.parent)
      keep.add(p.span.id)
  }
  return { words, matches, keep }
}

/** Where the first query word occurs in a text, for highlighting; null when it does not. */
export function highlightRange(text: string, words: readonly string[]): [number, number] | null {
  const lower = text.toLowerCase()
  for (const w of words) {
    const at = lower.indexOf(w)
    if (at >= 0) return [at, at + w.length]
  }
  return null
}
