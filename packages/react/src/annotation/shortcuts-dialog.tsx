import { Dialog } from 'radix-ui'
import { useLayoutEffect, useRef, type ComponentPropsWithoutRef } from 'react'
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

export interface ShortcutsDialogProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'children' | 'title'> {
  open: boolean
  onOpenChange: (open: boolean) => void
  shortcuts?: readonly Shortcut[] | undefined
  title?: string | undefined
}

/**
 * The keyboard shortcuts in a modal dialog (Radix Dialog): focus moves in and is kept there, Escape,
 * a click outside or "Close" closes it, and focus returns to where it was when it opened.
 *
 * Rendered in place rather than portalled, so it stays inside the panel's `.sl-root` and its theme.
 */
export function ShortcutsDialog({
  open,
  onOpenChange,
  shortcuts = REVIEW_SHORTCUTS,
  title = 'Keyboard shortcuts',
  className,
  onKeyDown,
  onCloseAutoFocus,
  ...rest
}: ShortcutsDialogProps) {
  // Often opened by a key with no trigger button (see AnnotationQueue): focus goes back to
  // whatever had it. Read in a layout effect, before the dialog takes focus.
  const opener = useRef<HTMLElement | null>(null)
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
  }, [open])

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Overlay className="sl-dialog-overlay">
        <Dialog.Content
          aria-modal="true"
          {...rest}
          className={cx('sl-dialog', className)}
          onKeyDown={(event) => {
            onKeyDown?.(event)
            // Review shortcuts do not reach the queue behind the dialog.
            event.stopPropagation()
          }}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event)
            if (event.defaultPrevented) return
            event.preventDefault()
            const to = opener.current
            opener.current = null
            if (to?.isConnected) to.focus()
          }}
        >
          <Dialog.Title className="sl-dialog__title">{title}</Dialog.Title>
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
            <Dialog.Close className="sl-button">Close</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Overlay>
    </Dialog.Root>
  )
}
