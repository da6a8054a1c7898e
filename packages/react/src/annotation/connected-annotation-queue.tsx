import { useState } from 'react'
import { AnnotationQueue, type AnnotationQueueProps, type AnnotationSummary } from './annotation-queue'
import { useAnnotationSession, type AnnotationReview } from './use-annotation-session'
import { useQueueStats } from './use-queues'

/** What the connected queue fills in itself. */
type SessionProps =
  | 'state'
  | 'queueName'
  | 'configs'
  | 'task'
  | 'values'
  | 'defaultValues'
  | 'onValuesChange'
  | 'errors'
  | 'submitError'
  | 'notice'
  | 'error'
  | 'onRetry'
  | 'progress'
  | 'lease'
  | 'now'
  | 'history'
  | 'canGoBack'
  | 'canGoForward'
  | 'onBack'
  | 'onForward'
  | 'onSubmit'
  | 'onSkip'
  | 'onMoveOn'
  | 'summary'

export interface ConnectedAnnotationQueueProps extends Omit<AnnotationQueueProps, SessionProps> {
  queueId: string
  /**
   * Who reviews. **Required when the provider's client uses a secret key.** With an annotate
   * token the token names the reviewer: leave this out (a different name is refused).
   */
  reviewer?: string | undefined
  /** nothing is left for this reviewer; with this session's figures */
  onFinished?: ((summary: AnnotationSummary) => void) | undefined
  /** an item was scored or skipped, and the server confirmed it */
  onReviewed?: ((review: AnnotationReview) => void) | undefined
  /** how often the progress is refetched (others review too); 15 s by default */
  progressInterval?: number | false | undefined
}

/**
 * Works through an annotation queue: claims an item, shows its trace as a conversation with a
 * score form generated from the queue's configs, and moves on as soon as the reviewer submits or
 * skips. Keyboard first (press ? for the shortcuts). Reviews through the client of the nearest
 * `<SightlineProvider>`, with an annotate token (or a secret key plus `reviewer`).
 */
export function ConnectedAnnotationQueue({
  queueId,
  reviewer,
  onFinished,
  onReviewed,
  progressInterval = 15_000,
  ...rest
}: ConnectedAnnotationQueueProps) {
  const session = useAnnotationSession({ queueId, reviewer, onFinished, onReviewed })
  const stats = useQueueStats(queueId, { refetchInterval: progressInterval })
  // Which reviewed item is shown: an index into the history, or null for the live item.
  const [viewing, setViewing] = useState<number | null>(null)
  const count = session.history.length
  const shown = viewing !== null && viewing < count ? viewing : null
  const review = shown !== null ? session.history[shown] : null

  return (
    <AnnotationQueue
      {...rest}
      state={review ? 'ready' : session.state}
      queueName={session.queueName}
      configs={session.configs}
      task={review ? review.task : session.task}
      values={review ? review.values : session.values}
      onValuesChange={review ? undefined : session.setValues}
      errors={session.errors}
      submitError={session.submitError}
      notice={session.notice}
      error={session.error}
      onRetry={session.retry}
      progress={stats.data ? { done: stats.data.counts.done, total: stats.data.counts.total } : null}
      lease={session.lease}
      history={review ? { index: shown! + 1, count, outcome: review.outcome, status: review.status } : null}
      canGoBack={count > 0 && (shown === null || shown > 0)}
      canGoForward={shown !== null}
      onBack={() => setViewing(shown === null ? count - 1 : Math.max(0, shown - 1))}
      onForward={() => setViewing(shown === null || shown >= count - 1 ? null : shown + 1)}
      onSubmit={session.submit}
      onSkip={session.skip}
      onMoveOn={session.conflict ? session.moveOn : undefined}
      summary={session.summary}
    />
  )
}
