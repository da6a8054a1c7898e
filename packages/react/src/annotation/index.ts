// Annotation: work through review queues by keyboard; queue lists and statistics.

// Components
export { AnnotationQueue } from './annotation-queue'
export { ConnectedAnnotationQueue } from './connected-annotation-queue'
export { ScoreForm } from './score-form'
export { TraceConversation } from './trace-conversation'
export { TraceDetails } from './trace-details'
export { LeaseCountdown } from './lease-countdown'
export { QueueProgress } from './queue-progress'
export { ShortcutsDialog, REVIEW_SHORTCUTS } from './shortcuts-dialog'
export { QueueList } from './queue-list'
export { ConnectedQueueList } from './connected-queue-list'
export { QueueStats } from './queue-stats'
export { ConnectedQueueStats } from './connected-queue-stats'

// Hooks
export { useAnnotationSession } from './use-annotation-session'
export { useQueues, useQueue, useQueueConfigs, useQueueStats, annotationKeys } from './use-queues'

// Helpers
export { conversationOf } from './conversation'
export { validateDraft, draftToScores, issuesToErrors, valueForNumberKey, numberKeyTarget } from './score-draft'

// Types
export type { AnnotationQueueProps, AnnotationQueueState, AnnotationHistoryPosition, AnnotationSummary } from './annotation-queue'
export type { ConnectedAnnotationQueueProps } from './connected-annotation-queue'
export type { ScoreFormProps } from './score-form'
export type { TraceConversationProps } from './trace-conversation'
export type { TraceDetailsProps } from './trace-details'
export type { LeaseCountdownProps, LeaseState } from './lease-countdown'
export type { QueueProgressProps } from './queue-progress'
export type { ShortcutsDialogProps, Shortcut } from './shortcuts-dialog'
export type { QueueListProps } from './queue-list'
export type { ConnectedQueueListProps } from './connected-queue-list'
export type { QueueStatsProps } from './queue-stats'
export type { ConnectedQueueStatsProps } from './connected-queue-stats'
export type { AnnotationSession, AnnotationReview, UseAnnotationSessionOptions } from './use-annotation-session'
export type {
  QueueWithCounts,
  QueuePollOptions,
  UseQueuesResult,
  UseQueueResult,
  UseQueueConfigsResult,
  UseQueueStatsResult,
} from './use-queues'
export type { Conversation, ConversationCall, ConversationSource } from './conversation'
export type { ScoreDraft, ScoreErrors, CompleteScore } from './score-draft'
