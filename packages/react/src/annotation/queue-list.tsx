import { useId, type ComponentPropsWithoutRef, type SyntheticEvent } from 'react'
import { formatCount } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { QueueProgress } from './queue-progress'
import type { QueueWithCounts } from './use-queues'

export interface QueueListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  queues?: readonly QueueWithCounts[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** "Review" on a queue */
  onOpen?: ((queue: QueueWithCounts, event: SyntheticEvent) => void) | undefined
  /** the queue open elsewhere (marked aria-current) */
  currentQueueId?: string | null | undefined
  /** archived queues are left out unless this is set */
  showArchived?: boolean | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * Annotation queues with their counts and a progress bar; "Review" opens one. The queues come from
 * props (see `ConnectedQueueList` for the one that fetches).
 */
export function QueueList(props: QueueListProps) {
  const {
    queues,
    loading = false,
    error = null,
    onRetry,
    onOpen,
    currentQueueId,
    showArchived = false,
    headingLevel = 2,
    title = 'Annotation queues',
    className,
    ...rest
  } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4' | 'h5'
  const shown = (queues ?? []).filter((q) => showArchived || !q.archivedAt)
  const state = queues ? (shown.length ? 'ready' : 'empty') : error ? 'error' : loading ? 'loading' : 'empty'
  return (
    <section
      {...rest}
      className={cx('sl-root sl-queue-list', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <Heading id={titleId} className="sl-queue-list__title">
        {title}
      </Heading>
      {state === 'loading' ? (
        <p role="status">Loading queues…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not load the queues" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-muted">No annotation queues yet.</p>
      ) : (
        <ul className="sl-queue-list__items" aria-labelledby={titleId}>
          {shown.map((queue) => {
            const { counts } = queue
            return (
              <li
                key={queue.id}
                className="sl-queue-card"
                data-queue-id={queue.id}
                aria-current={queue.id === currentQueueId ? 'true' : undefined}
              >
                <div className="sl-queue-card__head">
                  <Sub className="sl-queue-card__name">{queue.name}</Sub>
                  {queue.archivedAt && <span className="sl-badge">Archived</span>}
                </div>
                {queue.description && <p className="sl-queue-card__description sl-muted">{queue.description}</p>}
                <QueueProgress done={counts.done} total={counts.total} label={`Progress of ${queue.name}`} />
                <p className="sl-queue-card__counts">
                  {formatCount(counts.pending)} pending · {formatCount(counts.inProgress)} in progress · {formatCount(counts.skipped)}{' '}
                  skipped
                </p>
                {onOpen && !queue.archivedAt && (
                  <button type="button" className="sl-button" onClick={(e) => onOpen(queue, e)}>
                    Review<span className="sl-visually-hidden"> {queue.name}</span>
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
