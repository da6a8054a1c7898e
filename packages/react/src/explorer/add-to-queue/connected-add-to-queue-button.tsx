import { useAddToMenuOpen } from '../../utils/add-to-menu'
import { AddToQueueButton, type AddToQueueButtonProps } from './add-to-queue-button'
import { useAddToQueue, useQueueChoices, type AddToQueueResult } from './use-add-to-queue'

export interface ConnectedAddToQueueButtonProps
  extends Omit<
    AddToQueueButtonProps,
    'queues' | 'queuesLoading' | 'queuesError' | 'onQueuesRetry' | 'onAdd' | 'adding' | 'addError' | 'result'
  > {
  /** after the traces were added */
  onAdded?: ((result: AddToQueueResult) => void) | undefined
}

/**
 * "Add to review queue" on the provider's client: the queues load when the menu opens; Add puts the
 * traces in the picked queue (`addQueueItems`). Needs a credential that may manage queues (the
 * secret key, through your backend).
 */
export function ConnectedAddToQueueButton({
  onAdded,
  open: openProp,
  defaultOpen,
  onOpenChange,
  traceIds,
  ...rest
}: ConnectedAddToQueueButtonProps) {
  const add = useAddToQueue()
  const menu = useAddToMenuOpen({ open: openProp, defaultOpen, onOpenChange }, add.reset)
  const queues = useQueueChoices({ enabled: menu.open })
  return (
    <AddToQueueButton
      {...rest}
      traceIds={traceIds}
      open={menu.open}
      onOpenChange={menu.onOpenChange}
      queues={queues.data}
      queuesLoading={queues.isPending}
      queuesError={queues.error}
      onQueuesRetry={() => void queues.refetch()}
      onAdd={(queueId, ids) =>
        add.mutate(
          { queueId, traceIds: ids, queueName: queues.data?.find((q) => q.id === queueId)?.name },
          { onSuccess: (result) => onAdded?.(result) },
        )
      }
      adding={add.isPending}
      addError={add.error}
      result={add.data}
    />
  )
}
