import type { Queue } from '@sightline/core'
import { Popover } from 'radix-ui'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent } from 'react'
import { formatCount } from '../../format/format'
import { cx } from '../../utils/cx'
import { ErrorAlert, errorMessage } from '../../utils/error-alert'
import { SelectMenu } from '../../utils/select-menu'
import { useControllableState } from '../../utils/use-controllable-state'
import type { AddToQueueResult } from './use-add-to-queue'

/** A queue as the picker lists it; pending counts are shown when the list has them. */
export type QueueChoice = Queue & { counts?: { pending?: number | undefined } | undefined }

export interface AddToQueueButtonProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSubmit'> {
  /** the traces to add: the one shown, or the rows selected */
  traceIds: readonly string[]
  /** the queues to pick from (archived ones are left out) */
  queues?: readonly QueueChoice[] | undefined
  queuesLoading?: boolean | undefined
  queuesError?: Error | string | null | undefined
  onQueuesRetry?: (() => void) | undefined
  /** Add in the menu, with the queue and the traces */
  onAdd?: ((queueId: string, traceIds: readonly string[]) => void) | undefined
  adding?: boolean | undefined
  addError?: Error | string | null | undefined
  /** the last add, said in the menu */
  result?: AddToQueueResult | null | undefined
  /** the menu is open (controlled) */
  open?: boolean | undefined
  defaultOpen?: boolean | undefined
  onOpenChange?: ((open: boolean) => void) | undefined
  /** the button's text; "Add to review queue" by default */
  label?: string | undefined
}

const tracesText = (n: number) => (n === 1 ? '1 trace' : `${formatCount(n)} traces`)

/** What an add did. A trace is in a queue at most once: one already there is skipped. */
function resultText({ added, skipped, queue }: AddToQueueResult): string {
  if (added === 0) return `Nothing new in ${queue.name}: the traces were in it already.`
  const text = `Added ${tracesText(added)} to ${queue.name}.`
  return skipped > 0 ? `${text} ${formatCount(skipped)} ${skipped === 1 ? 'was' : 'were'} in it already.` : text
}

/**
 * "Add to review queue": a button opening a small menu that picks an annotation queue and adds the
 * traces to it as pending items, for reviewers to score. Place it by the trace viewer's header or a
 * trace table's selection. Data from props (see `ConnectedAddToQueueButton`).
 */
export function AddToQueueButton(props: AddToQueueButtonProps) {
  const {
    traceIds,
    queues,
    queuesLoading = false,
    queuesError = null,
    onQueuesRetry,
    onAdd,
    adding = false,
    addError = null,
    result = null,
    open: openProp,
    defaultOpen = false,
    onOpenChange,
    label = 'Add to review queue',
    className,
    ...rest
  } = props
  const [open, setOpen] = useControllableState({ prop: openProp, defaultProp: defaultOpen, onChange: onOpenChange })
  const none = traceIds.length === 0
  return (
    <div {...rest} className={cx('sl-root sl-add-to-queue', className)}>
      <Popover.Root open={open && !none} onOpenChange={setOpen}>
        <Popover.Trigger className="sl-button" aria-disabled={none || undefined} disabled={none}>
          {label}
          {traceIds.length > 1 && <span className="sl-add-to-queue__count"> ({formatCount(traceIds.length)})</span>}
        </Popover.Trigger>
        {/* Not portalled: the menu stays inside the panel's `.sl-root`, under its theme. */}
        <Popover.Content
          className="sl-add-to-queue__content"
          aria-label={`Add ${tracesText(traceIds.length)} to a review queue`}
          side="bottom"
          align="start"
          sideOffset={4}
          collisionPadding={8}
        >
          <AddForm
            traceIds={traceIds}
            queues={queues}
            loading={queuesLoading}
            error={queuesError}
            onRetry={onQueuesRetry}
            onAdd={onAdd}
            adding={adding}
            addError={addError}
            result={result}
            onDone={() => setOpen(false)}
          />
        </Popover.Content>
      </Popover.Root>
    </div>
  )
}

interface AddFormProps {
  traceIds: readonly string[]
  queues: readonly QueueChoice[] | undefined
  loading: boolean
  error: Error | string | null
  onRetry: (() => void) | undefined
  onAdd: AddToQueueButtonProps['onAdd']
  adding: boolean
  addError: Error | string | null
  result: AddToQueueResult | null
  onDone: () => void
}

function AddForm({ traceIds, queues, loading, error, onRetry, onAdd, adding, addError, result, onDone }: AddFormProps) {
  const titleId = useId()
  const pickerId = useId()
  const live = (queues ?? []).filter((q) => !q.archivedAt)
  const [picked, setPicked] = useState<string | null>(null)
  const value = picked ?? live[0]?.id ?? null
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (adding || !onAdd || value === null) return
    onAdd(value, traceIds)
  }
  const optionLabel = (q: QueueChoice) => (q.counts?.pending != null ? `${q.name} (${formatCount(q.counts.pending)} pending)` : q.name)
  return (
    <form className="sl-add-to-queue__form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <p id={titleId} className="sl-add-to-queue__title">
        Add {tracesText(traceIds.length)} to a review queue
      </p>
      {!queues && error ? (
        <ErrorAlert className="sl-error-text" what="Could not load the queues" error={error} onRetry={onRetry} />
      ) : !queues && loading ? (
        <p role="status">Loading queues…</p>
      ) : value === null ? (
        <>
          <p className="sl-muted sl-add-to-queue__hint">There is no review queue yet. Create one first; then traces can be added to it.</p>
          <div className="sl-add-to-queue__actions">
            <button type="button" className="sl-button" onClick={onDone}>
              Close
            </button>
          </div>
        </>
      ) : (
        <>
          <label htmlFor={pickerId}>Queue</label>
          <SelectMenu
            id={pickerId}
            value={value}
            onValueChange={setPicked}
            options={live.map((q) => ({ value: q.id, label: optionLabel(q) }))}
          />
          <p className="sl-muted sl-add-to-queue__hint">
            Each trace becomes a pending item for reviewers; a trace already in the queue is left as it is.
          </p>
          {addError && (
            <p role="alert" className="sl-error-text">
              Could not add the traces: {errorMessage(addError)}
            </p>
          )}
          <div role="status" className="sl-add-to-queue__result">
            {result && !adding && resultText(result)}
          </div>
          <div className="sl-add-to-queue__actions">
            <button type="submit" className="sl-button sl-button--primary" aria-disabled={adding || !onAdd || undefined}>
              {adding ? 'Adding…' : `Add ${tracesText(traceIds.length)}`}
            </button>
            <button type="button" className="sl-button" onClick={onDone}>
              {result ? 'Done' : 'Cancel'}
            </button>
          </div>
        </>
      )}
    </form>
  )
}
