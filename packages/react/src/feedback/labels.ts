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
  /** announced once a vote is queued */
  thanks: string
  /** announced once a vote is taken back */
  removed: string
  /** announced when the server refused feedback */
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
  thanks: 'Thanks for your feedback',
  removed: 'Feedback removed',
  error: 'Your feedback could not be sent',
}
