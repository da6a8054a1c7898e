// Headless client
export { createFeedback, memoryStorage } from './client/create-feedback'
export { feedbackId } from './client/feedback-id'

// Types
export type {
  FeedbackChange,
  FeedbackClient,
  FeedbackError,
  FeedbackEvent,
  FeedbackEventMap,
  FeedbackFetch,
  FeedbackOptions,
  FeedbackPayload,
  FeedbackState,
  FeedbackStatus,
  FeedbackStorage,
  FeedbackTarget,
  FeedbackValue,
  VoteOptions,
} from './client/types'
