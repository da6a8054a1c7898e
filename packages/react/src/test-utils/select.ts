import { fireEvent, screen } from '@testing-library/react'

/**
 * Picks an option of a Radix Select as a pointer user does: a press on the trigger opens the list
 * (Radix opens it on pointerdown, not on click), then the option is clicked.
 */
export function pickOption(trigger: HTMLElement, option: string | RegExp): void {
  fireEvent.pointerDown(trigger, { button: 0, ctrlKey: false, pointerType: 'mouse' })
  fireEvent.click(screen.getByRole('option', { name: option }))
}
