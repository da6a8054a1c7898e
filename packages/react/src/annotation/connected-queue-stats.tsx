import { QueueStats, type QueueStatsProps } from './queue-stats'
import { useQueueStats } from './use-queues'

export interface ConnectedQueueStatsProps extends Omit<QueueStatsProps, 'stats' | 'loading' | 'error' | 'onRetry'> {
  queueId: string
  /** refetch every this many ms; 15 s by default */
  refetchInterval?: number | false | undefined
}

/** A queue's statistics, fetched through the provider's client. */
export function ConnectedQueueStats({ queueId, refetchInterval = 15_000, ...rest }: ConnectedQueueStatsProps) {
  const stats = useQueueStats(queueId, { refetchInterval })
  return <QueueStats {...rest} stats={stats.data} loading={stats.isPending} error={stats.error} onRetry={() => void stats.refetch()} />
}
