/** The fields tree building needs; works on full spans and on skeletons alike. */
export interface TreeSpan {
  id: string
  parentId: string | null
  startTime: string | number
}

export interface SpanNode<S extends TreeSpan = TreeSpan> {
  span: S
  children: SpanNode<S>[]
  depth: number
  /** start time, epoch ms */
  start: number
  /** its parent id names a span that is not in the trace; hung under the root */
  orphan: boolean
  /** its parent link closed a cycle and was cut */
  cycle: boolean
}

export interface SpanTree<S extends TreeSpan = TreeSpan> {
  roots: SpanNode<S>[]
  byId: Map<string, SpanNode<S>>
  orphanCount: number
  cycleCount: number
}

const byStart = (a: SpanNode, b: SpanNode) => a.start - b.start || (a.span.id < b.span.id ? -1 : a.span.id > b.span.id ? 1 : 0)

/**
 * Builds the span tree without recursion (50,000-deep chains must not blow the stack).
 * Spans may come in any order. A span whose parent is missing is an orphan and hangs under the
 * root (or becomes a root when there is no single root); a parent link that closes a cycle is cut
 * at the earliest span of the cycle, which is then treated like an orphan. Nothing is dropped.
 */
export function buildSpanTree<S extends TreeSpan>(spans: readonly S[]): SpanTree<S> {
  const byId = new Map<string, SpanNode<S>>()
  for (const span of spans) {
    // Parsed once here: sorting 50,000 siblings would otherwise parse ISO strings a million times.
    const start = typeof span.startTime === 'number' ? span.startTime : Date.parse(span.startTime)
    byId.set(span.id, { span, children: [], depth: 0, start, orphan: false, cycle: false })
  }

  const roots: SpanNode<S>[] = []
  const orphans: SpanNode<S>[] = []
  for (const node of byId.values()) {
    const pid = node.span.parentId
    if (pid == null || pid === '') roots.push(node)
    else if (pid === node.span.id) {
      node.cycle = true
      orphans.push(node)
    } else {
      const parent = byId.get(pid)
      if (parent) parent.children.push(node)
      else {
        node.orphan = true
        orphans.push(node)
      }
    }
  }
  roots.sort(byStart)

  const visited = new Set<SpanNode<S>>()
  const walk = (start: SpanNode<S>) => {
    const stack = [start]
    while (stack.length) {
      const node = stack.pop()!
      if (visited.has(node)) continue
      visited.add(node)
      for (const child of node.children) stack.push(child)
    }
  }
  for (const root of roots) walk(root)

  // Spans not reached yet hang on a cycle: find it by climbing parents, cut it at its earliest span.
  for (const node of orphans) walk(node)
  for (const start of byId.values()) {
    if (visited.has(start)) continue
    const climbed = new Set<SpanNode<S>>()
    let at = start
    while (!climbed.has(at)) {
      climbed.add(at)
      at = byId.get(at.span.parentId!)!
    }
    let cut = at
    for (let n = byId.get(at.span.parentId!)!; n !== at; n = byId.get(n.span.parentId!)!) if (byStart(n, cut) < 0) cut = n
    const parent = byId.get(cut.span.parentId!)!
    parent.children.splice(parent.children.indexOf(cut), 1)
    cut.cycle = true
    orphans.push(cut)
    walk(cut)
  }

  const anchor = roots.length === 1 ? roots[0] : undefined
  for (const node of orphans) (anchor ? anchor.children : roots).push(node)
  if (!anchor) roots.sort(byStart)

  // Sort children and set depths, breadth first.
  const queue = [...roots]
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!
    node.children.sort(byStart)
    for (const child of node.children) {
      child.depth = node.depth + 1
      queue.push(child)
    }
  }

  return {
    roots,
    byId,
    orphanCount: orphans.filter((n) => n.orphan).length,
    cycleCount: orphans.filter((n) => n.cycle).length,
  }
}
