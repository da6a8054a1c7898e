import { traceListQueryToParams, type TraceListQuery } from '@sightline/core'
import {
  ConnectedAlertTimeline,
  ConnectedChannelForm,
  ConnectedChannelList,
  ConnectedDeliveryLog,
  ConnectedMonitorForm,
  ConnectedMonitorList,
  describeCondition,
  MonitorSeries,
  MonitorStateBadge,
  monitorState,
  SightlineProvider,
  useDeleteMonitor,
  useMonitor,
  useUpdateMonitor,
  type MonitorTracesFilter,
} from '@sightline/react'
import { useHashParams } from '../shared/hash-params'
import { manageClient } from '../shared/manage-client'
import './monitors-admin.css'

/** The admin page's trace table, filtered to an alert's window (and group). */
const tracesHref = (filter: MonitorTracesFilter) => `#/admin?${traceListQueryToParams(filter as TraceListQuery)}`
const openTraces = (filter: MonitorTracesFilter) => {
  window.location.hash = tracesHref(filter)
}

/**
 * The monitors page: monitors on the left, the selected one's series and alerts (or the form) on
 * the right; below, the alert channels with the selected channel's delivery log. The view lives in
 * the hash (`#/alerts?monitor=…&channel=…`, `?new=monitor`, `?new=channel`), so every view is a link.
 */
export function MonitorsAdminPage() {
  const [params, setParams] = useHashParams('alerts')
  const paramText = params.toString()
  const selectedId = params.get('monitor')
  const channelId = params.get('channel')
  const creating = params.get('new')
  const editing = params.has('edit')

  const update = (change: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(paramText)
    change(next)
    setParams(next, { replace })
  }
  const startNew = (what: 'monitor' | 'channel') =>
    update((next) => {
      next.set('new', what)
      next.delete('edit')
      if (what === 'monitor') next.delete('monitor')
    })
  const selectMonitor = (id: string | null) =>
    update((next) => {
      next.delete('new')
      next.delete('edit')
      if (id) next.set('monitor', id)
      else next.delete('monitor')
    })
  const closeNew = () => update((next) => next.delete('new'))

  return (
    <div className="pg-alerts">
      <div className="pg-page-header">
        <h1 tabIndex={-1}>Monitors & alerts</h1>
        <div className="pg-alerts__actions">
          <button
            type="button"
            className="sl-button sl-button--primary"
            aria-pressed={creating === 'monitor'}
            onClick={() => startNew('monitor')}
          >
            New monitor
          </button>
          <button type="button" className="sl-button" aria-pressed={creating === 'channel'} onClick={() => startNew('channel')}>
            New channel
          </button>
        </div>
      </div>
      <p className="sl-muted pg-alerts__note">
        Monitors watch a metric per window and alert their channels. The page manages them through the demo backend, which holds the secret
        key, as your own backend would for its signed-in admins. For the charts themselves, see <a href="#/monitoring">Monitoring</a>.
      </p>
      <SightlineProvider client={manageClient}>
        <div className="pg-alerts__layout">
          <ConnectedMonitorList
            className="pg-alerts__list"
            selectedId={selectedId}
            onSelect={(monitor) => selectMonitor(monitor.id)}
            onCreate={() => startNew('monitor')}
            onOpenTraces={openTraces}
          />
          <div className="pg-alerts__detail">
            {creating === 'monitor' ? (
              <ConnectedMonitorForm onSaved={(saved) => selectMonitor(saved.id)} onCancel={closeNew} />
            ) : selectedId ? (
              <MonitorDetail
                id={selectedId}
                editing={editing}
                onEdit={(on) => update((next) => (on ? next.set('edit', '') : next.delete('edit')))}
                onDeleted={() => selectMonitor(null)}
              />
            ) : (
              <p className="sl-muted pg-alerts__hint">
                Pick a monitor to see each of its series and its alerts, or create one and preview when it would have fired last week.
              </p>
            )}
          </div>
        </div>

        <div className="pg-alerts__layout pg-alerts__channels">
          <div className="pg-alerts__detail">
            <ConnectedChannelList
              selectedId={channelId}
              onSelect={(channel) =>
                update((next) => (channel.id === channelId ? next.delete('channel') : next.set('channel', channel.id)), true)
              }
              onCreate={() => startNew('channel')}
            />
            {creating === 'channel' && <ConnectedChannelForm onCancel={closeNew} onDone={closeNew} />}
          </div>
          <div className="pg-alerts__detail">
            {channelId ? (
              <ConnectedDeliveryLog channelId={channelId} pageSize={20} />
            ) : (
              <p className="sl-muted pg-alerts__hint">
                Pick a channel's Deliveries to see what was sent, what the receiver answered and when failed ones are retried; replay any of
                them.
              </p>
            )}
          </div>
        </div>
      </SightlineProvider>
    </div>
  )
}

interface MonitorDetailProps {
  id: string
  editing: boolean
  onEdit: (editing: boolean) => void
  onDeleted: () => void
}

function MonitorDetail({ id, editing, onEdit, onDeleted }: MonitorDetailProps) {
  const monitor = useMonitor(id, { refetchInterval: 15_000 })
  const toggle = useUpdateMonitor()
  const remove = useDeleteMonitor()
  const data = monitor.data
  const actionError = toggle.error ?? remove.error
  return (
    <section className="pg-alerts__selected" aria-labelledby="pg-monitor-name">
      <div className="pg-alerts__selected-header">
        <h2 id="pg-monitor-name">{data?.name ?? (monitor.error ? 'Monitor' : 'Loading…')}</h2>
        {data && <MonitorStateBadge state={monitorState(data)} />}
        {data && (
          <>
            <button type="button" className="sl-button" aria-pressed={editing} onClick={() => onEdit(!editing)}>
              {editing ? 'Close editor' : 'Edit'}
            </button>
            <button
              type="button"
              className="sl-button"
              aria-disabled={toggle.isPending || undefined}
              onClick={() => !toggle.isPending && toggle.mutate({ id, patch: { active: !data.active } })}
            >
              {data.active ? 'Switch off' : 'Switch on'}
            </button>
            <button
              type="button"
              className="sl-button"
              aria-disabled={remove.isPending || undefined}
              onClick={() => {
                if (!remove.isPending && window.confirm(`Delete the monitor "${data.name}"? Its alert history goes with it.`))
                  remove.mutate(id, { onSuccess: onDeleted })
              }}
            >
              Delete
            </button>
          </>
        )}
      </div>
      {monitor.error && (
        <p role="alert" className="pg-error">
          Could not load the monitor: {monitor.error.message}
          <button type="button" className="sl-button" onClick={() => void monitor.refetch()}>
            Retry
          </button>
        </p>
      )}
      {actionError && (
        <p role="alert" className="pg-error">
          Could not change the monitor: {actionError.message}
        </p>
      )}
      {data && (
        <p className="sl-muted pg-alerts__watch">
          <code>{data.metric}</code> {describeCondition(data.metric, data.condition)} · per {data.window}
          {data.groupBy && <> · by {data.groupBy}</>}
          {data.filter && Object.keys(data.filter).length > 0 && (
            <>
              {' '}
              · where{' '}
              {Object.entries(data.filter)
                .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
                .join(', ')}
            </>
          )}
        </p>
      )}
      {editing && data ? (
        <ConnectedMonitorForm monitor={data} headingLevel={3} onSaved={() => onEdit(false)} onCancel={() => onEdit(false)} />
      ) : (
        data && (
          <>
            <MonitorSeries monitor={data} onOpenTraces={openTraces} />
            <ConnectedAlertTimeline monitorId={id} monitor={data} pageSize={20} onOpenTraces={openTraces} />
          </>
        )
      )}
    </section>
  )
}
