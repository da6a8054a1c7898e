import { useState } from 'react'
import { formatCount } from '../../format/format'

export interface TruncatedTextProps {
  text: string
  /** characters shown at first */
  limit?: number
  /** characters added by each "Show more" */
  step?: number
  className?: string
}

/**
 * Plain text cut to a readable length, with "Show more": a multi-megabyte string laid out at once
 * would freeze the page.
 */
export function TruncatedText({ text, limit = 2000, step = 50_000, className }: TruncatedTextProps) {
  const [shown, setShown] = useState(limit)
  const rest = text.length - shown
  return (
    <span className={className ? `sl-truncated ${className}` : 'sl-truncated'}>
      {rest > 0 ? `${text.slice(0, shown)}…` : text}
      {rest > 0 && (
        <>
          {' '}
          <button type="button" className="sl-link-button" onClick={() => setShown(shown + step)}>
            Show more ({formatCount(rest)} more characters)
          </button>
        </>
      )}
    </span>
  )
}
