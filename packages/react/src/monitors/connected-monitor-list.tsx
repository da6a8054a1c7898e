import { MonitorList, type MonitorListProps } from './monitor-list'
import { useMonitors } from './use-monitors'

export interface ConnectedMonitorListProps extends Omit<MonitorListProps, 'monitors' | 'loading' | 'error' | 'onRetry'> {
  /** refetch every this many ms; 30 s by default (states move as windows close) */
  refetchInterval?: number | false | undefined
}

/** The project's monitors, fetched through `<MonitorApiProvider>`. */
export function ConnectedMonitorList({ refetchInterval = 30_000, ...rest }: ConnectedMonitorListProps) {
  const monitors = useMonitors({ refetchInterval })
  return (
    <MonitorList
      {...rest}
      monitors={monitors.data}
      loading={monitors.isPending}
      error={monitors.error}
      onRetry={() => void monitors.refetch()}
    />
  )
}
