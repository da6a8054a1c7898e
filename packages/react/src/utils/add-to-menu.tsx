import { Popover } from 'radix-ui'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent, type ReactNode } from 'react'
import { formatCount } from '../format/format'
import { cx } from './cx'
import { ErrorAlert, errorMessage } from './error-alert'
import { useControllableState } from './use-controllable-state'

export const tracesText = (n: number) => (n === 1 ? '1 trace' : `${formatCount(n)} traces`)

export interface AddToMenuProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSubmit'> {
  traceIds: readonly string[]
  /** the button's text */
  label: string
  /** where the traces go, after "Add 3 traces": "to a dataset" */
  where: string
  open?: boolean | undefined
  defaultOpen?: boolean | undefined
  onOpenChange?: ((open: boolean) => void) | undefined
  /** the menu's form; `close` shuts the menu */
  children: (close: () => void) => ReactNode
}

/**
 * The shell of every "Add to …" button: the trigger (with the count of several traces) and a menu
 * that stays inside the panel. Disabled without traces.
 */
export function AddToMenu({
  traceIds,
  label,
  where,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  className,
  children,
  ...rest
}: AddToMenuProps) {
  const [open, setOpen] = useControllableState({ prop: openProp, defaultProp: defaultOpen, onChange: onOpenChange })
  const none = traceIds.length === 0
  return (
    <div {...rest} className={cx('sl-root sl-add-to', className)}>
      <Popover.Root open={open && !none} onOpenChange={setOpen}>
        <Popover.Trigger className="sl-button" aria-disabled={none || undefined} disabled={none}>
          {label}
          {traceIds.length > 1 && <span className="sl-add-to__count"> ({formatCount(traceIds.length)})</span>}
        </Popover.Trigger>
        {/* Not portalled: the menu stays inside the panel's `.sl-root`, under its theme. */}
        <Popover.Content
          className="sl-add-to__content"
          aria-label={`Add ${tracesText(traceIds.length)} ${where}`}
          side="bottom"
          align="start"
          sideOffset={4}
          collisionPadding={8}
        >
          {children(() => setOpen(false))}
        </Popover.Content>
      </Popover.Root>
    </div>
  )
}

export interface AddToFormProps {
  traceIds: readonly string[]
  /** as in AddToMenu */
  where: string
  /** the targets' plural ("datasets"), for the loading and error lines */
  what: string
  /** the targets have arrived */
  loaded: boolean
  loading: boolean
  loadError: Error | string | null
  onRetry: (() => void) | undefined
  /** with the targets loaded but none to add to: said instead of the fields, with Close */
  empty?: ReactNode
  /** what an add does, under the fields */
  hint: ReactNode
  adding: boolean
  /** there is somewhere to send the add */
  canAdd: boolean
  addError: Error | string | null
  /** what the last add did */
  result: string | null
  onSubmit: () => void
  onDone: () => void
  /** the picker's fields */
  children: ReactNode
}

/** The menu's form: loading and error states, the fields, what an add does and did, Add and Cancel/Done. */
export function AddToForm(props: AddToFormProps) {
  const {
    traceIds,
    where,
    what,
    loaded,
    loading,
    loadError,
    onRetry,
    empty,
    hint,
    adding,
    canAdd,
    addError,
    result,
    onSubmit,
    onDone,
    children,
  } = props
  const titleId = useId()
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!adding && canAdd) onSubmit()
  }
  const close = (text: string) => (
    <button type="button" className="sl-button" onClick={onDone}>
      {text}
    </button>
  )
  return (
    <form className="sl-add-to__form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <p id={titleId} className="sl-add-to__title">
        Add {tracesText(traceIds.length)} {where}
      </p>
      {!loaded && loadError ? (
        <ErrorAlert className="sl-error-text" what={`Could not load the ${what}`} error={loadError} onRetry={onRetry} />
      ) : !loaded && loading ? (
        <p role="status">Loading {what}…</p>
      ) : empty ? (
        <>
          <p className="sl-muted sl-add-to__hint">{empty}</p>
          <div className="sl-add-to__actions">{close('Close')}</div>
        </>
      ) : (
        <>
          {children}
          <p className="sl-muted sl-add-to__hint">{hint}</p>
          {addError && (
            <p role="alert" className="sl-error-text">
              Could not add the traces: {errorMessage(addError)}
            </p>
          )}
          <div role="status" className="sl-add-to__result">
            {result && !adding && result}
          </div>
          <div className="sl-add-to__actions">
            <button type="submit" className="sl-button sl-button--primary" aria-disabled={adding || !canAdd || undefined}>
              {adding ? 'Adding…' : `Add ${tracesText(traceIds.length)}`}
            </button>
            {close(result ? 'Done' : 'Cancel')}
          </div>
        </>
      )}
    </form>
  )
}

/**
 * The open state of a connected "Add to …" menu, controlled or not. Opening it calls `reset`: a
 * fresh menu does not show the last add's message and error.
 */
export function useAddToMenuOpen(
  { open: openProp, defaultOpen = false, onOpenChange }: Pick<AddToMenuProps, 'open' | 'defaultOpen' | 'onOpenChange'>,
  reset: () => void,
) {
  const [inner, setInner] = useState(defaultOpen)
  return {
    open: openProp ?? inner,
    onOpenChange: (next: boolean) => {
      setInner(next)
      if (next) reset()
      onOpenChange?.(next)
    },
  }
}
