import type { GroupBy, TimeRangePreset } from '@sightline/core'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { GroupBySelect, TimeRangePicker } from './dashboard-controls'

function Range({ onChange }: { onChange: (range: TimeRangePreset) => void }) {
  const [value, setValue] = useState<TimeRangePreset>('7d')
  return (
    <TimeRangePicker
      value={value}
      onChange={(next) => {
        setValue(next)
        onChange(next)
      }}
    />
  )
}

describe('TimeRangePicker', () => {
  it('is one tab stop: arrow keys move between presets, a press picks, the picked one stays picked', async () => {
    const onChange = vi.fn()
    const { container } = render(<Range onChange={onChange} />)
    const group = screen.getByRole('radiogroup', { name: 'Time range' })
    const radios = screen.getAllByRole('radio')
    const day = radios[0]!
    const week = radios[1]!
    const month = radios[2]!
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual(['24hLast 24 hours', '7dLast 7 days', '30dLast 30 days'])
    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toBe(week)
    expect(week).toBeChecked()
    expect(week).toHaveAttribute('data-state', 'on')
    expect(await axeViolations(container)).toEqual([])

    // Tabbing in lands on the picked preset.
    act(() => group.focus())
    expect(document.activeElement).toBe(week)
    expect([day, week, month].map((r) => r.tabIndex)).toEqual([-1, 0, -1])
    // Radix moves focus in a timeout.
    fireEvent.keyDown(week, { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(month))
    fireEvent.keyDown(month, { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(day))
    // Moving does not pick: a press does (Space and Enter click the focused button).
    expect(onChange).not.toHaveBeenCalled()
    fireEvent.click(day)
    expect(onChange).toHaveBeenLastCalledWith('24h')
    expect(day).toBeChecked()
    expect(week).not.toBeChecked()

    // Pressing the picked preset again does not leave the control empty.
    fireEvent.click(day)
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(day).toBeChecked()
  })
})

describe('GroupBySelect', () => {
  it('picks a field and "None" as null', async () => {
    const onChange = vi.fn()
    function Host() {
      const [value, setValue] = useState<GroupBy | null>(null)
      return (
        <GroupBySelect
          value={value}
          onChange={(next) => {
            setValue(next)
            onChange(next)
          }}
        />
      )
    }
    const { container } = render(<Host />)
    const select = screen.getByRole('combobox', { name: 'Group by' })
    expect(select).toHaveTextContent('None')
    expect(await axeViolations(container)).toEqual([])
    pickOption(select, 'Model')
    expect(onChange).toHaveBeenLastCalledWith('model')
    expect(select).toHaveTextContent('Model')
    pickOption(select, 'None')
    expect(onChange).toHaveBeenLastCalledWith(null)
    expect(select).toHaveTextContent('None')
  })
})
