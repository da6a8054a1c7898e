import { useEffect, useId, useRef, type ComponentPropsWithoutRef, type KeyboardEvent } from 'react'
import { cx } from '../utils/cx'

export interface Shortcut {
  /** keys as shown, e.g. ["Ctrl", "Enter"] */
  keys: readonly string[]
  description: string
}

export const REVIEW_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['1', '…', '9'], description: 'Pick an option of the focused field, or of the first unanswered one' },
  { keys: ['Enter'], description: 'Submit the scores and go to the next item' },
  { keys: ['Ctrl', 'Enter'], description: 'Submit from a note (⌘ Enter on a Mac)' },
  { keys: ['S'], description: 'Skip this item' },
  { keys: ['K'], description: 'Back to the item reviewed before (read-only)' },
  { keys: ['J'], description: 'Forward again, up to the current item' },
  { keys: ['D'], description: 'Show or hide the trace details' },
  { keys: ['Space'], description: 'Pick the focused option' },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close this dialog' },
]

export interface ShortcutsDialogProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'title'> {
  open: boolean
  onOpenChange: (open: boolean) => void
  shortcuts?: readonly Shortcut[]
  title?: string
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])'

/**
 * The keyboard shortcuts in a modal dialog: focus moves in and is kept there, Escape or "Close"
 * closes it, and focus returns to where it was.
 */
export function ShortcutsDialog({ open, onOpenChange, shortcuts = REVIEW_SHORTCUTS, title = 'Keyboard shortcuts', className, onKeyDown, ...rest }: ShortcutsDialogProps) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const before = document.activeElement as HTMLElement | null
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => {
      if (before?.isConnected) before.focus()
    }
  }, [open])
  if (!open) return null

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event)
    if (event.defaultPrevented) return
    if (event.key === 'Escape') {
      event.preventDefault()
      onOpenChange(false)
    } else if (event.key === 'Tab') {
      // Keep focus inside the dialog.
      const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
      if (items.length === 0) return
      const first = items[0]
      const last = items[items.length - 1]
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    }
    // Review shortcuts do not reach the queue behind the dialog.
    event.stopPropagation()
  }

  return (
    <div className="sl-dialog-overlay" onMouseDown={(e) => e.target === e.currentTarget && onOpenChange(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        {...rest}
        ref={ref}
        className={cx('sl-dialog', className)}
        data-state="open"
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId} className="sl-dialog__title">
          {title}
        </h2>
        <table className="sl-table sl-shortcuts">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Does</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys.join('+')}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={i}>
                      {i > 0 && k !== '…' && s.keys[i - 1] !== '…' && ' + '}
                      {k === '…' ? ' … ' : <kbd>{k}</kbd>}
                    </span>
                  ))}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="sl-dialog__actions">
          <button type="button" className="sl-button" data-autofocus="" onClick={() => onOpenChange(false)}>
            Close
          </button>
        </div>
      </div>
    </div>
  )
}
