// The feedback entry: measured on its own by `pnpm size` (≤ 4 kB min+gzip, react external), so it
// imports no TanStack Query, no zod and no values from @sightline/core.
export { FeedbackButtons } from './feedback-buttons'
export { useFeedback } from './use-feedback'
export { defaultFeedbackLabels } from './labels'

// Types
export type {
  FeedbackButtonsProps,
  FeedbackButtonsRootProps,
  FeedbackCommentMode,
  FeedbackFormProps,
  FeedbackStatusProps,
  FeedbackVoteProps,
} from './feedback-buttons'
export type { FeedbackButtonsLabels } from './labels'
export type {
  FeedbackConnection,
  FeedbackCredential,
  FeedbackExtra,
  FeedbackGetToken,
  UseFeedbackOptions,
  UseFeedbackResult,
} from './use-feedback'
