/** The reason chips both assistant pages offer after a thumbs-down. */
export const FEEDBACK_REASONS = ['Wrong answer', 'Too slow', 'Not helpful', 'Made something up'] as const
