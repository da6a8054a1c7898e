/** Every visible string and accessible name of `FeedbackButtons`; override any through its `labels` prop. */
export interface FeedbackButtonsLabels {
  /** names the group of vote buttons */
  prompt: string
  /** thumbs up */
  up: string
  /** thumbs down */
  down: string
  /** heading of the reason chips */
  reasons: string
  comment: string
  submit: string
  /** announced while a vote is queued or retrying */
  saving: string
  /** announced while a vote waits for the network */
  offline: string
  /** announced once the server has the vote */
  thanks: string
  /** announced once a vote is taken back */
  removed: string
  /** announced when the server refused the vote (it is taken back) */
  error: string
}

// The same words as <sightline-feedback>, so both widgets read alike (and tests find both by name).
export const defaultFeedbackLabels: FeedbackButtonsLabels = {
  prompt: 'Was this helpful?',
  up: 'Helpful',
  down: 'Not helpful',
  reasons: 'What went wrong?',
  comment: 'Comment (optional)',
  submit: 'Send',
  saving: 'Saving…',
  offline: 'Will send when back online',
  thanks: 'Thanks for your feedback',
  removed: 'Feedback removed',
  error: 'Your feedback could not be sent',
}
