/** Every visible string and accessible name of `<sightline-feedback>`; set through its `labels` attribute. */
export interface FeedbackLabels {
  /** the question; names the group of vote buttons */
  prompt: string
  /** thumbs up */
  up: string
  /** thumbs down */
  down: string
  /** a star or scale button; `{n}` and `{max}` are filled in */
  rate: string
  /** heading of the reason chips */
  reasons: string
  comment: string
  correction: string
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

export const defaultLabels: FeedbackLabels = {
  prompt: 'Was this helpful?',
  up: 'Helpful',
  down: 'Not helpful',
  rate: 'Rate {n} of {max}',
  reasons: 'What went wrong?',
  comment: 'Comment (optional)',
  correction: 'What should the answer have been?',
  submit: 'Send',
  saving: 'Saving…',
  offline: 'Will send when back online',
  thanks: 'Thanks for your feedback',
  removed: 'Feedback removed',
  error: 'Your feedback could not be sent',
}
