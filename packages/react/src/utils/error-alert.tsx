import type { ReactNode } from 'react'

/** What browsers say, and nothing more, when fetch gets no answer (Chromium, Firefox, Safari). */
const BARE_NETWORK_ERROR = /^(Failed to fetch|NetworkError when attempting to fetch resource\.|Load failed)$/

/**
 * An error's text for people: its message (its name when the message is empty), or the string
 * itself. The client's network errors already say what to do; a bare fetch failure from elsewhere
 * is said in words, never only "Failed to fetch".
 */
export function errorMessage(error: Error | string): string {
  if (typeof error === 'string') return error
  if (error instanceof TypeError && BARE_NETWORK_ERROR.test(error.message))
    return `The Sightline server could not be reached (${error.message})`
  return error.message || error.name
}

export interface ErrorAlertProps {
  /** what failed, e.g. "Could not load traces"; the error's text follows it */
  what: ReactNode
  error: Error | string
  onRetry?: (() => void) | null | undefined
  className?: string | undefined
}

/** A failed load as every panel shows it: what failed and why, announced, with Retry when it can be retried. */
export function ErrorAlert({ what, error, onRetry, className }: ErrorAlertProps) {
  return (
    <div role="alert" className={className}>
      <span>
        {what}: {errorMessage(error)}
      </span>
      {onRetry && (
        <button type="button" className="sl-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
