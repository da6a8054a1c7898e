import { AlertTimeline, type AlertTimelineProps } from './alert-timeline'
import { useMonitor, useMonitorEvents } from './use-monitors'

export interface ConnectedAlertTimelineProps
  extends Omit<AlertTimelineProps, 'events' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'onLoadMore' | 'loadingMore'> {
  monitorId: string
  /** events per page; 50 by default */
  pageSize?: number | undefined
  /** refetch every this many ms; 30 s by default */
  refetchInterval?: number | false | undefined
}

/** A monitor's alerts fetched through `<MonitorApiProvider>`, a page at a time; fetches the monitor too unless given. */
export function ConnectedAlertTimeline({
  monitorId,
  monitor: given,
  pageSize = 50,
  refetchInterval = 30_000,
  ...rest
}: ConnectedAlertTimelineProps) {
  const events = useMonitorEvents(monitorId, { limit: pageSize, refetchInterval })
  const fetched = useMonitor(given ? null : monitorId)
  return (
    <AlertTimeline
      {...rest}
      monitor={given ?? fetched.data}
      events={events.data?.pages.flatMap((p) => p.data)}
      loading={events.isPending}
      error={events.error}
      onRetry={() => void (events.isFetchNextPageError ? events.fetchNextPage() : events.refetch())}
      hasMore={events.hasNextPage}
      loadingMore={events.isFetchingNextPage}
      onLoadMore={() => void events.fetchNextPage()}
    />
  )
}
