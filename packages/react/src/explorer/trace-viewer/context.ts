import type { ReactNode } from 'react'
import type { Score, Span, SpanSearch } from '@sightline/core'
import { createContext, useContext } from 'react'
import type { ViewerRow, ViewerSpan, ViewerSpanModel, ViewerTrace } from './viewer-span'

/** The selected span with its payloads, when the viewer was given skeletons. */
export interface SpanDetailState {
  span?: Span | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
}

export interface TraceViewerContextValue {
  trace: ViewerTrace | null
  spans: readonly ViewerSpan[]
  scores: readonly Score[]
  loading: boolean
  error: Error | string | null
  onRetry: (() => void) | undefined
  model: ViewerSpanModel
  rows: ViewerRow[]
  indexOf: Map<string, number>
  collapsed: ReadonlySet<string>
  /** true while a search filters the tree: collapsing is off then */
  filtering: boolean
  setExpanded: (id: string, expanded: boolean) => void
  expandAll: () => void
  collapseAll: () => void
  selectedId: string | null
  select: (id: string | null) => void
  /** the tree item in the tab order (roving tabindex) */
  activeId: string | null
  setActiveId: (id: string) => void
  search: string
  setSearch: (search: string) => void
  searchResult: SpanSearch | null
  spanDetail: SpanDetailState | undefined
  locale: string | undefined
  timeZone: string | undefined
  /** the host's actions for the trace, shown in the header */
  actions: ReactNode
  idPrefix: string
  /** what the tree shows (rows and scroll), for the timeline to draw the same rows */
  viewport: ViewportStore
}

export interface ViewportSnapshot {
  /** the tree's rendered rows: index into `rows`, top offset in px */
  items: readonly { index: number; start: number }[]
  /** the tree's scroll offset in px */
  offset: number
  /** the tree's scroll box, which the timeline scrolls on wheel */
  element: HTMLElement
}

export interface ViewportStore {
  get: () => ViewportSnapshot | null
  set: (next: ViewportSnapshot | null) => void
  subscribe: (listener: () => void) => () => void
}

/**
 * One virtualizer (the tree's) decides which rows exist; the timeline follows it. Two scroll boxes
 * kept in step echo each other's scroll events a frame late and stutter on fast drags.
 */
export function createViewportStore(): ViewportStore {
  let snapshot: ViewportSnapshot | null = null
  const listeners = new Set<() => void>()
  return {
    get: () => snapshot,
    set: (next) => {
      snapshot = next
      for (const listener of listeners) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export const TraceViewerContext = createContext<TraceViewerContextValue | null>(null)

export function useTraceViewerContext(part: string): TraceViewerContextValue {
  const value = useContext(TraceViewerContext)
  if (!value) throw new Error(`<TraceViewer.${part}> must be used inside <TraceViewer>, <TraceViewer.Root> or <ConnectedTraceViewer>.`)
  return value
}
