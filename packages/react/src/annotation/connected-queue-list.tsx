import { QueueList, type QueueListProps } from './queue-list'
import { useQueues } from './use-queues'

export interface ConnectedQueueListProps extends Omit<QueueListProps, 'queues' | 'loading' | 'error' | 'onRetry'> {
  /** refetch every this many ms; 15 s by default */
  refetchInterval?: number | false | undefined
}

/** The project's annotation queues, fetched through the provider's client. */
export function ConnectedQueueList({ refetchInterval = 15_000, ...rest }: ConnectedQueueListProps) {
  const queues = useQueues({ refetchInterval })
  return <QueueList {...rest} queues={queues.data} loading={queues.isPending} error={queues.error} onRetry={() => void queues.refetch()} />
}
