import type { MonitorState } from '@sightline/core'
import { MONITOR_STATE_LABELS, type MonitorOverallState } from './monitor-format'

const SERIES_STATE_LABELS: Record<MonitorState, string> = { ok: 'OK', firing: 'Firing', insufficient: 'Too little data' }

/** A monitor's or a series' state as a badge; colours come from `data-state`. */
export function MonitorStateBadge({ state }: { state: MonitorOverallState | MonitorState }) {
  return (
    <span className="sl-badge sl-monitor-state" data-state={state}>
      {state in SERIES_STATE_LABELS ? SERIES_STATE_LABELS[state as MonitorState] : MONITOR_STATE_LABELS[state]}
    </span>
  )
}
