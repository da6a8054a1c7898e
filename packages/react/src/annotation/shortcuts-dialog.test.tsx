import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ShortcutsDialog } from './shortcuts-dialog'

function Page({ onPageKey }: { onPageKey: (key: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <div className="sl-root" data-sl-theme="dark" onKeyDown={(e) => onPageKey(e.key)}>
      <button type="button" onClick={() => setOpen(true)}>
        Shortcuts
      </button>
      <button type="button">Elsewhere</button>
      <ShortcutsDialog open={open} onOpenChange={setOpen} shortcuts={[{ keys: ['S'], description: 'Skip this item' }]} />
    </div>
  )
}

describe('ShortcutsDialog', () => {
  it('traps focus, keeps keys from the page, closes on Escape and gives focus back to the opener', async () => {
    const onPageKey = vi.fn()
    const { container } = render(<Page onPageKey={onPageKey} />)
    const opener = screen.getByRole('button', { name: 'Shortcuts' })
    act(() => opener.focus())
    fireEvent.click(opener)

    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveAttribute('data-state', 'open')
    // In place, inside the panel's root and its theme.
    expect(dialog.closest('[data-sl-theme="dark"]')).toBe(container.firstChild)
    const close = within(dialog).getByRole('button', { name: 'Close' })
    await waitFor(() => expect(document.activeElement).toBe(close))
    // The page behind is hidden from assistive technology; making it inert is the page's part (see AnnotationQueue).
    expect(await axeViolations(dialog)).toEqual([])

    // Tab from the last control wraps around instead of leaving; focus that escapes is brought back.
    expect(fireEvent.keyDown(close, { key: 'Tab' })).toBe(false)
    expect(document.activeElement).toBe(close)
    act(() => screen.getByText('Elsewhere').focus())
    expect(dialog).toContainElement(document.activeElement as HTMLElement)

    fireEvent.keyDown(close, { key: 's' })
    expect(onPageKey).not.toHaveBeenCalled()

    fireEvent.keyDown(close, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(opener))
  })

  it('closes on a press outside and on "Close"', async () => {
    render(<Page onPageKey={() => {}} />)
    const opener = screen.getByRole('button', { name: 'Shortcuts' })
    fireEvent.click(opener)
    // Radix listens for presses outside from the next tick on, and closes on the click that ends one.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
    const overlay = document.querySelector('.sl-dialog-overlay')!
    fireEvent.pointerDown(overlay, { button: 0 })
    fireEvent.click(overlay)
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(opener)
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
