import { type GroupBy, TIME_RANGES, type TimeRangePreset } from '@sightline/core'
import { ToggleGroup } from 'radix-ui'
import { useId } from 'react'
import { SelectMenu } from '../utils/select-menu'

const RANGE_TEXT: Record<TimeRangePreset, { short: string; long: string }> = {
  '24h': { short: '24h', long: 'Last 24 hours' },
  '7d': { short: '7d', long: 'Last 7 days' },
  '30d': { short: '30d', long: 'Last 30 days' },
}

export interface TimeRangePickerProps {
  value: TimeRangePreset
  onChange: (range: TimeRangePreset) => void
  /** the presets offered */
  ranges?: readonly TimeRangePreset[] | undefined
  label?: string | undefined
}

/**
 * A segmented control (Radix ToggleGroup): one tab stop, arrow keys move between the presets,
 * Space or Enter picks one. A preset is always picked: pressing the current one keeps it.
 */
export function TimeRangePicker({ value, onChange, ranges = TIME_RANGES, label = 'Time range' }: TimeRangePickerProps) {
  return (
    <ToggleGroup.Root
      type="single"
      className="sl-segmented"
      aria-label={label}
      value={value}
      onValueChange={(next) => {
        if (next) onChange(next as TimeRangePreset)
      }}
    >
      {ranges.map((r) => (
        <ToggleGroup.Item key={r} value={r} className="sl-segmented__option">
          <span aria-hidden="true">{RANGE_TEXT[r].short}</span>
          <span className="sl-visually-hidden">{RANGE_TEXT[r].long}</span>
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
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
  options?: readonly GroupByOption[] | undefined
  label?: string | undefined
}

export function GroupBySelect({ value, onChange, options = DEFAULT_GROUP_BY_OPTIONS, label = 'Group by' }: GroupBySelectProps) {
  const id = useId()
  return (
    <div className="sl-group-by">
      <label htmlFor={id}>{label}</label>
      <SelectMenu
        id={id}
        value={value ?? ''}
        onValueChange={(next) => onChange((next || null) as GroupBy | null)}
        options={options.map((o) => ({ value: o.value ?? '', label: o.label }))}
      />
    </div>
  )
}
