import type { ComponentPropsWithoutRef } from 'react'
import { formatCount } from '../format/format'
import { cx } from '../utils/cx'

export interface QueueProgressProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  done: number
  total: number
  /** accessible name of the bar */
  label?: string | undefined
}

/** "12 of 40 done" with a progress bar. */
export function QueueProgress({ done, total, label = 'Queue progress', className, ...rest }: QueueProgressProps) {
  const share = total > 0 ? Math.min(1, done / total) : 0
  return (
    <div {...rest} className={cx('sl-queue-progress', className)} data-state={total > 0 && done >= total ? 'complete' : 'partial'}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={Math.min(done, total)}
        aria-valuetext={`${formatCount(done)} of ${formatCount(total)} done`}
        className="sl-queue-progress__bar"
      >
        <div className="sl-queue-progress__fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="sl-queue-progress__text">
        {formatCount(done)} of {formatCount(total)} done
      </span>
    </div>
  )
}
