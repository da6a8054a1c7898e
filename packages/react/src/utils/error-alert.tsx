import type { ReactNode } from 'react'

/** An error's text for people: its message (its name when the message is empty), or the string itself. */
export function errorMessage(error: Error | string): string {
  return typeof error === 'string' ? error : error.message || error.name
}

export interface ErrorAlertProps {
  /** what failed, e.g. "Could not load traces"; the error's text follows it */
  what: ReactNode
  error: Error | string
  onRetry?: (() => void) | null
  className?: string
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
