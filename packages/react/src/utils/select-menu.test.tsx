import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { SelectMenu } from './select-menu'

const OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'ok', label: 'OK' },
  { value: 'error', label: 'Error' },
]

function Field({ onValueChange, initial = '' }: { onValueChange?: (value: string) => void; initial?: string }) {
  const [value, setValue] = useState(initial)
  return (
    <div className="sl-root" data-sl-theme="dark">
      <label htmlFor="status">Status</label>
      <SelectMenu
        id="status"
        value={value}
        onValueChange={(next) => {
          setValue(next)
          onValueChange?.(next)
        }}
        options={OPTIONS}
      />
    </div>
  )
}

describe('SelectMenu', () => {
  it('is a labelled combobox that picks with the pointer and maps "" to its own option', async () => {
    const onValueChange = vi.fn()
    const { container } = render(<Field onValueChange={onValueChange} />)
    const trigger = screen.getByRole('combobox', { name: 'Status' })
    expect(trigger).toHaveTextContent('Any')
    expect(trigger).toHaveAttribute('aria-expanded', 'false')
    expect(await axeViolations(container)).toEqual([])

    pickOption(trigger, 'Error')
    expect(onValueChange).toHaveBeenLastCalledWith('error')
    expect(trigger).toHaveTextContent('Error')
    expect(screen.queryByRole('listbox')).toBeNull()

    pickOption(trigger, 'Any')
    expect(onValueChange).toHaveBeenLastCalledWith('')
    expect(trigger).toHaveTextContent('Any')
  })

  it('works from the keyboard inside the panel root, and gives focus back', async () => {
    const onValueChange = vi.fn()
    const { container } = render(<Field onValueChange={onValueChange} initial="ok" />)
    const trigger = screen.getByRole('combobox', { name: 'Status' })
    act(() => trigger.focus())
    fireEvent.keyDown(trigger, { key: 'Enter' })
    const listbox = await screen.findByRole('listbox')
    expect(trigger).toHaveAttribute('aria-expanded', 'true')
    // Portalled into the .sl-root around it, so the theme set there applies.
    expect(listbox.closest('[data-sl-theme="dark"]')).toBe(container.firstChild)
    const ok = screen.getByRole('option', { name: 'OK' })
    expect(ok).toHaveAttribute('data-state', 'checked')
    // While open, Radix hides the rest of the page (the trigger too) from assistive technology.
    expect(await axeViolations(listbox)).toEqual([])

    await waitFor(() => expect(document.activeElement).toBe(ok))
    fireEvent.keyDown(ok, { key: 'ArrowDown' })
    const error = screen.getByRole('option', { name: 'Error' })
    await waitFor(() => expect(document.activeElement).toBe(error))
    fireEvent.keyDown(error, { key: 'Enter' })
    expect(onValueChange).toHaveBeenLastCalledWith('error')
    expect(screen.queryByRole('listbox')).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(trigger))

    fireEvent.keyDown(trigger, { key: 'ArrowDown' })
    await screen.findByRole('listbox')
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(onValueChange).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(document.activeElement).toBe(trigger))
  })
})
