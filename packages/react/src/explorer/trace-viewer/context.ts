import type { Score, Span } from '@sightline/core'
import { createContext, useContext } from 'react'
import type { SpanModel, SpanRow, SpanSearch, ViewerSpan, ViewerTrace } from './span-model'

/** The selected span with its payloads, when the viewer was given skeletons. */
export interface SpanDetailState {
  span?: Span | null
  loading?: boolean
  error?: Error | string | null
  onRetry?: () => void
}

export interface TraceViewerContextValue {
  trace: ViewerTrace | null
  spans: readonly ViewerSpan[]
  scores: readonly Score[]
  loading: boolean
  error: Error | string | null
  onRetry: (() => void) | undefined
  model: SpanModel
  rows: SpanRow[]
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
  idPrefix: string
  /** keeps the tree and the timeline scrolled together */
  panes: { register: (el: HTMLElement | null, key: string) => void; sync: (from: HTMLElement) => void }
}

export const TraceViewerContext = createContext<TraceViewerContextValue | null>(null)

export function useTraceViewerContext(part: string): TraceViewerContextValue {
  const value = useContext(TraceViewerContext)
  if (!value) throw new Error(`<TraceViewer.${part}> must be used inside <TraceViewer.Root>.`)
  return value
}
