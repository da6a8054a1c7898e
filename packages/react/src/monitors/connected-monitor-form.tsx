import type { Monitor } from '@sightline/core'
import { MonitorForm, type MonitorFormProps } from './monitor-form'
import { useBacktestMonitor, useChannels, useCreateMonitor, useUpdateMonitor } from './use-monitors'

export interface ConnectedMonitorFormProps
  extends Omit<
    MonitorFormProps,
    'channels' | 'onSubmit' | 'submitting' | 'error' | 'onBacktest' | 'backtest' | 'backtesting' | 'backtestError' | 'defaultValue'
  > {
  /** edit this monitor (PATCH); without it the form creates one */
  monitor?: Monitor | undefined
  /** after a save */
  onSaved?: ((monitor: Monitor) => void) | undefined
  /** false leaves the preview out (a server without the backtest route) */
  preview?: boolean | undefined
}

/** Creates or edits a monitor through `<MonitorApiProvider>`, with the channels to pick and a backtest preview. */
export function ConnectedMonitorForm({ monitor, onSaved, preview = true, ...rest }: ConnectedMonitorFormProps) {
  const channels = useChannels()
  const create = useCreateMonitor()
  const update = useUpdateMonitor()
  const backtest = useBacktestMonitor()
  const save = monitor ? update : create
  return (
    <MonitorForm
      {...rest}
      key={monitor?.id ?? 'new'}
      defaultValue={monitor}
      channels={channels.data}
      onSubmit={(input) => {
        const done = { onSuccess: (saved: Monitor) => onSaved?.(saved) }
        if (monitor) update.mutate({ id: monitor.id, patch: input }, done)
        else create.mutate(input, done)
      }}
      submitting={save.isPending}
      error={save.error}
      {...(preview && {
        onBacktest: (request) => backtest.mutate(request),
        backtest: backtest.data,
        backtesting: backtest.isPending,
        backtestError: backtest.error,
      })}
    />
  )
}
