import { type GroupBy, TIME_RANGES, type TimeRangePreset } from '@sightline/core'
import { useId } from 'react'

const RANGE_TEXT: Record<TimeRangePreset, { short: string; long: string }> = {
  '24h': { short: '24h', long: 'Last 24 hours' },
  '7d': { short: '7d', long: 'Last 7 days' },
  '30d': { short: '30d', long: 'Last 30 days' },
}

export interface TimeRangePickerProps {
  value: TimeRangePreset
  onChange: (range: TimeRangePreset) => void
  /** the presets offered */
  ranges?: readonly TimeRangePreset[]
  label?: string
}

/** A segmented control over native radio buttons: arrow keys, one tab stop and form semantics for free. */
export function TimeRangePicker({ value, onChange, ranges = TIME_RANGES, label = 'Time range' }: TimeRangePickerProps) {
  const name = useId()
  return (
    <fieldset className="sl-segmented">
      <legend className="sl-visually-hidden">{label}</legend>
      {ranges.map((r) => (
        <label key={r} className="sl-segmented__option" data-state={r === value ? 'on' : 'off'}>
          <input type="radio" className="sl-segmented__input" name={name} value={r} checked={r === value} onChange={() => onChange(r)} />
          <span aria-hidden="true">{RANGE_TEXT[r].short}</span>
          <span className="sl-visually-hidden">{RANGE_TEXT[r].long}</span>
        </label>
      ))}
    </fieldset>
  )
}

export interface GroupByOption {
  /** null: no grouping */
  value: GroupBy | null
  label: string
}

export const DEFAULT_GROUP_BY_OPTIONS: readonly GroupByOption[] = [
  { value: null, label: 'None' },
  { value: 'model', label: 'Model' },
  { value: 'environment', label: 'Environment' },
  { value: 'release', label: 'Release' },
  { value: 'name', label: 'Name' },
  { value: 'version', label: 'Version' },
]

export interface GroupBySelectProps {
  value: GroupBy | null
  onChange: (groupBy: GroupBy | null) => void
  options?: readonly GroupByOption[]
  label?: string
}

export function GroupBySelect({ value, onChange, options = DEFAULT_GROUP_BY_OPTIONS, label = 'Group by' }: GroupBySelectProps) {
  const id = useId()
  return (
    <div className="sl-group-by">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="sl-select" value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as GroupBy | null)}>
        {options.map((o) => (
          <option key={o.value ?? ''} value={o.value ?? ''}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
