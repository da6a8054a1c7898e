import { useEffect, useRef, useState, type ComponentPropsWithoutRef, type MouseEvent } from 'react'
import { cx } from './cx'

/** How long "Copied" stays, in ms. */
const SAID_MS = 2_000

export interface CopyButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children' | 'value'> {
  /** the text put on the clipboard */
  value: string
  /** what is copied, for the button's name and the announcement: "trace id" → "Copy trace id", "Copied trace id" */
  what: string
  /** after the value is on the clipboard */
  onCopied?: ((value: string) => void) | undefined
}

type CopyState = 'idle' | 'copied' | 'failed'

async function writeClipboard(text: string): Promise<void> {
  if (!globalThis.navigator?.clipboard) throw new Error('no clipboard')
  await navigator.clipboard.writeText(text)
}

/**
 * A small "Copy" button for an id. Its name says what it copies; the result ("Copied trace id",
 * or how to copy by hand when the browser refuses) is shown beside it and announced politely.
 * The host's onClick runs first and may preventDefault.
 */
export function CopyButton({ value, what, onCopied, onClick, className, ...rest }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const say = (next: CopyState) => {
    setState(next)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), SAID_MS)
  }
  const copy = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (event.defaultPrevented) return
    writeClipboard(value).then(
      () => {
        say('copied')
        onCopied?.(value)
      },
      () => say('failed'),
    )
  }
  return (
    <span className={cx('sl-copy', className)} data-state={state}>
      <button type="button" aria-label={`Copy ${what}`} {...rest} className="sl-copy__button" onClick={copy}>
        Copy
      </button>
      <span role="status" className="sl-copy__status">
        {state === 'copied' ? `Copied ${what}` : state === 'failed' ? `Could not copy: select the ${what} and copy it` : ''}
      </span>
    </span>
  )
}
