import type { Channel, Delivery } from '@sightline/core'
import { LoadMore } from '../utils/load-more'
import type { ComponentPropsWithoutRef, SyntheticEvent } from 'react'
import { formatTime, MISSING } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert, errorMessage } from '../utils/error-alert'
import { ListPanel } from '../utils/list-panel'

const STATUS_LABELS: Record<Delivery['status'], string> = {
  pending: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  disabled: 'Not sent',
}

export interface DeliveryLogProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  /** newest first, as the API sends them */
  deliveries?: readonly Delivery[] | undefined
  /** the channel, for the heading */
  channel?: Channel | null | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  /** "Replay" on a delivery: send the same payload again (same `webhook-id`, so receivers can drop repeats) */
  onReplay?: ((delivery: Delivery, event: SyntheticEvent) => void) | undefined
  replayingId?: string | null | undefined
  replayError?: Error | string | null | undefined
  timeZone?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/** A channel's deliveries: status, attempts, the receiver's last answer, when the next retry runs, with Replay. */
export function DeliveryLog(props: DeliveryLogProps) {
  const {
    deliveries,
    channel,
    loading = false,
    error = null,
    onRetry,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    onReplay,
    replayingId = null,
    replayError = null,
    timeZone,
    headingLevel = 3,
    title = channel ? `Deliveries to ${channel.name}` : 'Deliveries',
    className,
    ...rest
  } = props
  const state = deliveries?.length ? 'ready' : error ? 'error' : loading || (deliveries === undefined && !error) ? 'loading' : 'empty'
  const time = (iso: string | null) => (iso ? <time dateTime={iso}>{formatTime(iso, { length: 'short', timeZone })}</time> : MISSING)

  return (
    <ListPanel
      {...rest}
      className={cx('sl-delivery-log', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="deliveries"
      error={error}
      onRetry={onRetry}
      notice={
        replayError && (
          <p role="alert" className="sl-error-text">
            Could not replay the delivery: {errorMessage(replayError)}
          </p>
        )
      }
      empty={
        <>
          <p>Nothing sent yet.</p>
          <p className="sl-muted">
            Each alert of a monitor that uses this channel is delivered here: a failed one is retried with growing pauses, and any can be
            replayed.
          </p>
        </>
      }
    >
      {(titleId) => (
        <>
          <div className="sl-list-panel__scroll">
            <table className="sl-table sl-delivery-log__table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="sl-num">
                    Attempts
                  </th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Delivered / next try</th>
                  <th scope="col">Event</th>
                  {onReplay && (
                    <th scope="col">
                      <span className="sl-visually-hidden">Replay</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {deliveries!.map((d) => {
                  const replaying = replayingId === d.id
                  return (
                    <tr key={d.id} data-delivery-id={d.id} data-status={d.status}>
                      <th scope="row">{time(d.createdAt)}</th>
                      <td>
                        <span className="sl-badge sl-delivery-status" data-status={d.status}>
                          {STATUS_LABELS[d.status]}
                        </span>
                      </td>
                      <td className="sl-num">{d.attempts}</td>
                      <td className="sl-delivery-log__answer">
                        {d.lastStatusCode ?? MISSING}
                        {d.lastError && <span className="sl-delivery-log__error"> {d.lastError}</span>}
                      </td>
                      <td>{d.deliveredAt ? time(d.deliveredAt) : d.nextAttemptAt ? <>next {time(d.nextAttemptAt)}</> : MISSING}</td>
                      <td>
                        <code className="sl-delivery-log__id">{d.eventId}</code>
                      </td>
                      {onReplay && (
                        <td>
                          <button
                            type="button"
                            className="sl-button"
                            aria-disabled={replaying || undefined}
                            onClick={(e) => !replaying && onReplay(d, e)}
                          >
                            {replaying ? 'Replaying…' : 'Replay'}
                            <span className="sl-visually-hidden"> delivery {d.id}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          {error && <ErrorAlert className="sl-error-text" what="Could not load more deliveries" error={error} onRetry={onRetry} />}
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} />
        </>
      )}
    </ListPanel>
  )
}
