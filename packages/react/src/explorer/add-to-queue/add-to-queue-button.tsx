import type { Queue } from '@sightline/core'
import { useId, useState, type ComponentPropsWithoutRef } from 'react'
import { formatCount } from '../../format/format'
import { AddToForm, AddToMenu, tracesText } from '../../utils/add-to-menu'
import { cx } from '../../utils/cx'
import { SelectMenu } from '../../utils/select-menu'
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

/** What an add did. A trace is in a queue at most once: one already there is skipped. */
function resultText({ added, skipped, queue }: AddToQueueResult): string {
  if (added === 0) return `Nothing new in ${queue.name}: the traces were in it already.`
  const text = `Added ${tracesText(added)} to ${queue.name}.`
  return skipped > 0 ? `${text} ${formatCount(skipped)} ${skipped === 1 ? 'was' : 'were'} in it already.` : text
}

const WHERE = 'to a review queue'

/**
 * "Add to review queue": a button opening a small menu that picks an annotation queue and adds the
 * traces to it as pending items, for reviewers to score. Place it by the trace viewer's header or a
 * trace table's selection. Data from props (see `ConnectedAddToQueueButton`).
 */
export function AddToQueueButton(props: AddToQueueButtonProps) {
  const {
    label = 'Add to review queue',
    className,
    queues,
    queuesLoading,
    queuesError,
    onQueuesRetry,
    onAdd,
    adding,
    addError,
    result,
    ...rest
  } = props
  return (
    <AddToMenu {...rest} label={label} where={WHERE} className={cx('sl-add-to-queue', className)}>
      {/* The form mounts each time the menu opens: a fresh pick every time. */}
      {(close) => <AddForm {...props} onDone={close} />}
    </AddToMenu>
  )
}

function AddForm(props: AddToQueueButtonProps & { onDone: () => void }) {
  const {
    traceIds,
    queues,
    queuesLoading: loading = false,
    queuesError: error = null,
    onQueuesRetry: onRetry,
    onAdd,
    adding = false,
  } = props
  const { addError = null, result = null, onDone } = props
  const pickerId = useId()
  const live = (queues ?? []).filter((q) => !q.archivedAt)
  const [picked, setPicked] = useState<string | null>(null)
  const value = picked ?? live[0]?.id ?? null
  const optionLabel = (q: QueueChoice) => (q.counts?.pending != null ? `${q.name} (${formatCount(q.counts.pending)} pending)` : q.name)
  return (
    <AddToForm
      traceIds={traceIds}
      where={WHERE}
      what="queues"
      loaded={queues !== undefined}
      loading={loading}
      loadError={error}
      onRetry={onRetry}
      empty={value === null && 'There is no review queue yet. Create one first; then traces can be added to it.'}
      hint="Each trace becomes a pending item for reviewers; a trace already in the queue is left as it is."
      adding={adding}
      canAdd={!!onAdd}
      addError={addError}
      result={result && resultText(result)}
      onSubmit={() => value !== null && onAdd?.(value, traceIds)}
      onDone={onDone}
    >
      <label htmlFor={pickerId}>Queue</label>
      <SelectMenu
        id={pickerId}
        value={value ?? ''}
        onValueChange={setPicked}
        options={live.map((q) => ({ value: q.id, label: optionLabel(q) }))}
      />
    </AddToForm>
  )
}
