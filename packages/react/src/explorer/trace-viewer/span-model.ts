import { buildSpanTree, type Span, type SpanNode, type SpanSkeleton, type SpanTree, type Trace, type TraceSummary } from '@sightline/core'

/** A span as the viewer gets it: a skeleton (payloads fetched on selection) or a full span. */
export type ViewerSpan = Span | SpanSkeleton
/** The trace as the viewer gets it: a summary (skeleton reads) or a full trace. */
export type ViewerTrace = Trace | TraceSummary

/** What the tree is built from: times parsed once, so sorting 50,000 spans compares numbers. */
export interface SpanItem {
  id: string
  parentId: string | null
  startTime: number
  endTime: number | null
  span: ViewerSpan
}

export type SpanRow = SpanNode<SpanItem>

export interface SpanPlace {
  /** the node this one hangs under in the tree (orphans hang under the root), null for roots */
  parent: SpanRow | null
  /** 1-based position among its siblings, and their number (aria-posinset / aria-setsize) */
  position: number
  siblings: number
}

export interface SpanModel {
  tree: SpanTree<SpanItem>
  places: Map<string, SpanPlace>
  /** every span depth first: the rows when nothing is collapsed */
  order: SpanRow[]
  /** a span id → its index in `order` */
  orderIndex: Map<string, number>
  /** for each index in `order`, the index just past its subtree: collapsing skips to it */
  subtreeEnd: Int32Array
  /** ids of spans with children: what "collapse all" collapses */
  parents: string[]
  count: number
  /** the time range the timeline spans, epoch ms */
  start: number
  end: number
  /** the first token of the earliest generation, epoch ms */
  firstToken: number | null
}

const parse = (iso: string | null): number | null => {
  if (iso == null) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** Builds the span tree (non-recursive, nothing dropped) with what rows need for ARIA and the timeline. */
export function buildSpanModel(spans: readonly ViewerSpan[]): SpanModel {
  let start = Infinity
  let end = -Infinity
  let firstToken: number | null = null
  const items: SpanItem[] = new Array(spans.length)
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]
    const s = parse(span.startTime) ?? 0
    const e = parse(span.endTime)
    const ft = parse(span.completionStartTime)
    if (s < start) start = s
    if ((e ?? s) > end) end = e ?? s
    if (ft !== null && (firstToken === null || ft < firstToken)) firstToken = ft
    items[i] = { id: span.id, parentId: span.parentId, startTime: s, endTime: e, span }
  }
  const tree = buildSpanTree(items)
  const places = new Map<string, SpanPlace>()
  const parents: string[] = []
  const place = (list: SpanRow[], parent: SpanRow | null) => {
    for (let i = 0; i < list.length; i++) places.set(list[i].span.id, { parent, position: i + 1, siblings: list.length })
  }
  place(tree.roots, null)
  for (const node of tree.byId.values())
    if (node.children.length) {
      parents.push(node.span.id)
      place(node.children, node)
    }
  if (!spans.length) start = end = 0

  const order: SpanRow[] = []
  const orderIndex = new Map<string, number>()
  const subtreeEnd = new Int32Array(tree.byId.size)
  // Depth first without recursion; a node's subtree ends when the walk comes back to it (pushed as ~index).
  const stack: (SpanRow | number)[] = []
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push(tree.roots[i])
  while (stack.length) {
    const top = stack.pop()!
    if (typeof top === 'number') {
      subtreeEnd[~top] = order.length
      continue
    }
    orderIndex.set(top.span.id, order.length)
    stack.push(~order.length)
    order.push(top)
    for (let i = top.children.length - 1; i >= 0; i--) stack.push(top.children[i])
  }
  return { tree, places, parents, order, orderIndex, subtreeEnd, count: tree.byId.size, start, end, firstToken }
}

/**
 * The rows on screen, depth first. Children of collapsed spans are skipped; with `keep` (a search),
 * only kept spans show and collapsing is ignored so every match is reachable. With nothing
 * collapsed and no search this is `model.order` itself, so "expand all" costs nothing.
 */
export function visibleRows(model: SpanModel, collapsed: ReadonlySet<string>, keep: ReadonlySet<string> | null): SpanRow[] {
  const { order, subtreeEnd } = model
  if (!keep && !collapsed.size) return order
  const rows: SpanRow[] = []
  for (let i = 0; i < order.length; ) {
    const id = order[i].span.id
    // A span left out of `keep` has no match below it (matches keep their ancestors): skip it all.
    if (keep && !keep.has(id)) i = subtreeEnd[i]
    else {
      rows.push(order[i])
      i = !keep && collapsed.has(id) ? subtreeEnd[i] : i + 1
    }
  }
  return rows
}

/** Ids of the ancestors of a span in the tree, nearest first. */
export function ancestorIds(model: SpanModel, id: string): string[] {
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

const searchText = (s: ViewerSpan) => `${s.name}\n${s.model ?? ''}\n${s.type}\n${s.provider ?? ''}`.toLowerCase()

/** Spans whose name, model, type or provider contain every word of the query; null for an empty query. */
export function searchSpans(model: SpanModel, query: string): SpanSearch | null {
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
