import { TraceViewerDetail } from './trace-viewer-detail'
import { TraceViewerHeader, TraceViewerScores } from './trace-viewer-header'
import { TraceViewerLayout } from './trace-viewer-layout'
import { TraceViewerRoot, type TraceViewerRootProps } from './trace-viewer-root'
import { TraceViewerTimeline } from './trace-viewer-timeline'
import { TraceViewerToolbar } from './trace-viewer-toolbar'
import { TraceViewerTree } from './trace-viewer-tree'

/** The trace, its spans (skeletons or full spans) and scores as props; the parts as children, or none for the usual layout. */
export type TraceViewerProps = TraceViewerRootProps

/**
 * A trace's spans as a tree and a waterfall with the selected span's detail, from props (see
 * `ConnectedTraceViewer` for the one that fetches). Without children it shows every part in its
 * usual place; its parts (`TraceViewer.Root`, `.Header`, `.Tree`, `.Detail`, …) compose custom layouts.
 */
export const TraceViewer = Object.assign(
  function TraceViewer(props: TraceViewerProps) {
    return <TraceViewerRoot {...props} />
  },
  {
    Root: TraceViewerRoot,
    Header: TraceViewerHeader,
    Scores: TraceViewerScores,
    Toolbar: TraceViewerToolbar,
    Tree: TraceViewerTree,
    Timeline: TraceViewerTimeline,
    Detail: TraceViewerDetail,
    Layout: TraceViewerLayout,
  },
)
