import { TraceViewerDetail } from './trace-viewer-detail'
import { TraceViewerHeader, TraceViewerScores } from './trace-viewer-header'
import { TraceViewerTimeline } from './trace-viewer-timeline'
import { TraceViewerToolbar } from './trace-viewer-toolbar'
import { TraceViewerTree } from './trace-viewer-tree'

/** The parts in their usual places: header, trace scores, toolbar, tree beside timeline, detail. */
export function TraceViewerLayout() {
  return (
    <>
      <TraceViewerHeader />
      <TraceViewerScores />
      <TraceViewerToolbar />
      <div className="sl-trace-viewer__body">
        <div className="sl-trace-viewer__panes">
          <TraceViewerTree />
          <TraceViewerTimeline />
        </div>
        <TraceViewerDetail />
      </div>
    </>
  )
}
